/* tokenize_heading.c - the line scan of a piece: paragraph breaks (a blank line; a line break before a
 * heading) and legal article and chapter headings at the start of a line (<data>/headings.tsv). */
#include "tokenize_priv.h"

#include <unicode/uchar.h>

/* Bit h of the result: heading expression h of lang can match a line that starts with c. */
static uint32_t
heading_mask(tt_tokenizer *tk, tt_lang lang, UChar c)
{
    size_t nh = tk->nheads[lang];
    if (nh == 0)
        return 0;
    if (nh > 32 || U16_IS_SURROGATE(c))
        return ~(uint32_t)0;
    struct hprobe *pr = &tk->hprobe[lang][c & 255];
    if (pr->valid && pr->c == c)
        return pr->mask;
    uint32_t mask = 0;
    tk->probe_text[0] = c;
    for (size_t h = 0; h < nh; h++) {
        URegularExpression *re = tk->heads[lang][h].re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(re, tk->probe_text, 1, &st);
        UBool m = U_SUCCESS(st) ? uregex_lookingAt(re, 0, &st) : 0;
        UBool more = U_SUCCESS(st) ? uregex_hitEnd(re, &st) : 1;
        if (m || more || U_FAILURE(st))
            mask |= 1u << h;
    }
    pr->c = c;
    pr->valid = 1;
    pr->mask = mask;
    return mask;
}

/* heading_mask over the first two characters c0 c1 of a line (neither a surrogate): bit h is clear when
 * expression h fails on c0 c1 without ICU having read past them (hitEnd), so it fails on any line that starts
 * with them. Only the bits of `hm` (the one-character mask) are asked. */
static uint32_t
heading_mask2(tt_tokenizer *tk, tt_lang lang, UChar c0, UChar c1, uint32_t hm)
{
    size_t nh = tk->nheads[lang];
    if (nh > 32)
        return hm;
    struct hprobe2 *pr = &tk->hprobe2[lang][(c0 * 31u + c1) & 1023];
    if (pr->valid && pr->c0 == c0 && pr->c1 == c1)
        return pr->mask & hm;
    uint32_t mask = 0;
    tk->probe_text[0] = c0;
    tk->probe_text[1] = c1;
    for (size_t h = 0; h < nh; h++) {
        URegularExpression *re = tk->heads[lang][h].re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(re, tk->probe_text, 2, &st);
        UBool m = U_SUCCESS(st) ? uregex_lookingAt(re, 0, &st) : 0;
        UBool more = U_SUCCESS(st) ? uregex_hitEnd(re, &st) : 1;
        if (m || more || U_FAILURE(st))
            mask |= 1u << h;
    }
    pr->c0 = c0;
    pr->c1 = c1;
    pr->valid = 1;
    pr->mask = mask;
    return mask & hm;
}

/* Line scan: paragraph breaks (a blank line; a line break before a heading) and headings. */
int
tk_scan_lines(tt_tokenizer *tk, tt_lang lang, int32_t len, tt_error *err)
{
    const UChar *u = tk->u;
    tk->nev = 0;
    int prev_blank = 0;
    size_t np = 0;
    size_t nnl;
    const int32_t *nl = tt_segment_lines(tk->seg, &nnl);
    for (int32_t ls = 0; ls < len;) {
        while (np < nnl && nl[np] < ls)
            np++;
        int32_t le = np < nnl ? nl[np] : len; /* the next line break (tt_segment_prepare) */
        int32_t p = ls;
        while (p < le && (tk_is_hspace(u[p]) || u[p] == 0xFEFF))
            p++;
        if (p == le) {
            prev_blank = 1;
        } else {
            int kind = 0;
            int32_t hend = 0, lbs = 0, lbe = 0;
            /* headings start with a capital letter or a digit; only then ask the regular expressions */
            uint32_t hm = 0;
            if (u_isdigit(u[p]) || u_isupper(u[p]) || u_istitle(u[p]))
                hm = heading_mask(tk, lang, u[p]);
            if (hm && p + 1 < le && !U16_IS_SURROGATE(u[p]) && !U16_IS_SURROGATE(u[p + 1]))
                hm = heading_mask2(tk, lang, u[p], u[p + 1], hm);
            if (hm) {
                for (size_t h = 0; h < tk->nheads[lang] && !kind; h++) {
                    if (h < 32 && !(hm >> h & 1))
                        continue; /* cannot match a line that starts with this character */
                    URegularExpression *re = tk->heads[lang][h].re;
                    UErrorCode st = U_ZERO_ERROR;
                    uregex_setText(re, u + p, le - p, &st);
                    if (U_FAILURE(st))
                        return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
                    if (!uregex_lookingAt(re, 0, &st) || U_FAILURE(st))
                        continue;
                    int32_t me = uregex_end(re, 0, &st);
                    UChar after = p + me < le ? u[p + me] : 0;
                    if (after && !(after == '.' || after == ':' || tk_is_hspace(after) || tk_is_hyphen(after) ||
                                   after == 0x2013 || after == 0x2014))
                        continue;
                    lbs = p + uregex_start(re, 1, &st);
                    lbe = p + uregex_end(re, 1, &st);
                    if (U_FAILURE(st) || lbs < p || lbe <= lbs)
                        continue;
                    kind = tk->heads[lang][h].kind;
                    hend = p + me;
                }
            }
            if (kind || prev_blank) {
                if (tt_grow((void **)&tk->ev, &tk->capev, tk->nev + 1, sizeof(event)))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                event *e = &tk->ev[tk->nev++];
                e->pos = p;
                e->kind = kind;
                e->hend = hend;
                e->ls = lbs;
                e->le = lbe;
            }
            prev_blank = 0;
        }
        ls = le;
        if (ls < len && u[ls] == '\r' && ls + 1 < len && u[ls + 1] == '\n')
            ls++;
        if (ls < len)
            ls++;
    }
    tk->end_blank = prev_blank;
    return 0;
}

