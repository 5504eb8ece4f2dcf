/* tokenize_heading.c - the line scan of a piece: paragraph breaks (a blank line; a line break before a
 * heading) and legal article and chapter headings at the start of a line (<data>/headings.tsv).
 *
 * Speed (the same events as trying every expression on every line that starts with a capital or a digit):
 * - A line is a region of the piece (uregex_setRegion; the piece is given to each expression once per call)
 *   instead of ICU's whole text (uregex_setText per line). The bounds are opaque (nothing outside the line is
 *   seen, for \b or a lookaround) and anchoring (^ and $ at the line's ends), so it reads the same.
 * - Before an expression runs on a line, two caches ask whether it can match at all: by the line's first
 *   character, then by its first word + the spaces after it + the next character. Each holds what ICU
 *   answered on that prefix alone: an expression that fails there without having read to the prefix's end
 *   (uregex_hitEnd) fails on every line that starts with it. The second rules out most lines for the
 *   chapter expressions that start with \w+, which the first cannot; a prefix recurs often (a corpus of
 *   744,000 such lines has 12,000 different ones), so it is probed once and then looked up.
 * TT_HEADINGS=plain (tk->heading_plain) turns both off, ICU's text set to each line alone: the reference the
 * unit test compares with (tests/unit/test_headings.c). */
#include "tokenize_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* the prefix cache: PFX_SETS sets of PFX_WAYS entries, the most recently used first */
enum { PFX_MAX = 24, PFX_SETS = 4096, PFX_WAYS = 4 };
struct tk_hpfx {
    UChar key[PFX_MAX];
    uint8_t n; /* key length in UTF-16 units, 0 = empty */
    uint8_t lang;
    uint32_t mask;
};

/* 1 when expression re can match a line that starts with u[a..b) (the region of the piece): a match, ICU
 * read to the end of the region, or an error; 0 when it cannot. */
static int
probe(URegularExpression *re, int32_t a, int32_t b)
{
    UErrorCode st = U_ZERO_ERROR;
    uregex_setRegion(re, a, b, &st);
    UBool m = U_SUCCESS(st) ? uregex_lookingAt(re, -1, &st) : 0;
    UBool more = U_SUCCESS(st) ? uregex_hitEnd(re, &st) : 1;
    return m || more || U_FAILURE(st);
}

/* probe() for each expression of lang whose bit is set in hm (the others stay clear). */
static uint32_t
probe_all(tt_tokenizer *tk, tt_lang lang, int32_t a, int32_t b, uint32_t hm)
{
    uint32_t mask = 0;
    for (size_t h = 0; h < tk->nheads[lang] && h < 32; h++)
        if (hm >> h & 1 && probe(tk->heads[lang][h].re, a, b))
            mask |= 1u << h;
    return mask;
}

/* Bit h of the result: heading expression h of lang can match a line that starts with c = u[p]. */
static uint32_t
heading_mask(tt_tokenizer *tk, tt_lang lang, int32_t p)
{
    UChar c = tk->u[p];
    size_t nh = tk->nheads[lang];
    if (nh == 0)
        return 0;
    if (nh > 32 || U16_IS_SURROGATE(c))
        return ~(uint32_t)0;
    struct hprobe *pr = &tk->hprobe[lang][c & 255];
    if (pr->valid && pr->c == c)
        return pr->mask;
    pr->c = c;
    pr->valid = 1;
    pr->mask = probe_all(tk, lang, p, p + 1, ~(uint32_t)0);
    return pr->mask;
}

/* The length of the prefix heading_mask_word asks about: the line's first word, the spaces after it and the
 * next character, at most PFX_MAX units (a longer prefix is cut, which only weakens the test); 0 when that
 * is the whole line u[p..le). */
static int32_t
word_prefix(const UChar *u, int32_t p, int32_t le)
{
    int32_t i = p;
    while (i < le && !tk_is_hspace(u[i]))
        i++;
    while (i < le && tk_is_hspace(u[i]))
        i++;
    if (i >= le)
        return 0;
    i += U16_IS_LEAD(u[i]) && i + 1 < le && U16_IS_TRAIL(u[i + 1]) ? 2 : 1;
    if (i >= le)
        return 0;
    if (i - p > PFX_MAX)
        return U16_IS_LEAD(u[p + PFX_MAX - 1]) ? PFX_MAX - 1 : PFX_MAX;
    return i - p;
}

/* heading_mask over the prefix u[p..p+k) of a line (word_prefix). Only the bits of hm (the one-character
 * mask, a function of the key) are asked. */
static uint32_t
heading_mask_word(tt_tokenizer *tk, tt_lang lang, int32_t p, int32_t k, uint32_t hm)
{
    const UChar *u = tk->u;
    if (tk->nheads[lang] > 32)
        return hm;
    if (!tk->hpfx && !(tk->hpfx = calloc((size_t)PFX_SETS * PFX_WAYS, sizeof *tk->hpfx)))
        return hm; /* no memory for the cache: the expressions decide */
    uint32_t hash = 2166136261u ^ (uint32_t)lang;
    for (int32_t j = 0; j < k; j++)
        hash = (hash ^ u[p + j]) * 16777619u;
    struct tk_hpfx *set = &tk->hpfx[(hash ^ hash >> 15) % PFX_SETS * PFX_WAYS];
    for (int w = 0; w < PFX_WAYS; w++) {
        if (set[w].n == k && set[w].lang == lang && memcmp(set[w].key, u + p, sizeof(UChar) * (size_t)k) == 0) {
            struct tk_hpfx e = set[w];
            memmove(set + 1, set, sizeof *set * (size_t)w);
            set[0] = e;
            return e.mask & hm;
        }
    }
    memmove(set + 1, set, sizeof *set * (PFX_WAYS - 1));
    memcpy(set[0].key, u + p, sizeof(UChar) * (size_t)k);
    set[0].n = (uint8_t)k;
    set[0].lang = (uint8_t)lang;
    set[0].mask = probe_all(tk, lang, p, p + k, hm);
    return set[0].mask;
}

/* ICU's index x (or -1) as a position in tk->u, the line being at `base` in ICU's text and at p in tk->u. */
static int32_t
at_line(int32_t x, int32_t base, int32_t p)
{
    return x < 0 ? x : x - base + p;
}

/* Tries expression h on the line u[p..le): 1 (a heading: *hend, *lbs, *lbe set), 0 (not one), or TT_EICU. */
static int
try_heading(tt_tokenizer *tk, URegularExpression *re, int32_t p, int32_t le, int32_t *hend, int32_t *lbs,
            int32_t *lbe, tt_error *err)
{
    const UChar *u = tk->u;
    UErrorCode st = U_ZERO_ERROR;
    int32_t base = 0; /* where ICU's text has the line */
    if (tk->heading_plain) {
        uregex_setText(re, u + p, le - p, &st);
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
        if (!uregex_lookingAt(re, 0, &st) || U_FAILURE(st))
            return 0;
    } else {
        base = p;
        uregex_setRegion(re, p, le, &st);
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
        if (!uregex_lookingAt(re, -1, &st) || U_FAILURE(st))
            return 0;
    }
    int32_t me = at_line(uregex_end(re, 0, &st), base, p) - p;
    UChar after = p + me < le ? u[p + me] : 0;
    if (after && !(after == '.' || after == ':' || tk_is_hspace(after) || tk_is_hyphen(after) || after == 0x2013 ||
                   after == 0x2014))
        return 0;
    *lbs = at_line(uregex_start(re, 1, &st), base, p);
    *lbe = at_line(uregex_end(re, 1, &st), base, p);
    if (U_FAILURE(st) || *lbs < p || *lbe <= *lbs)
        return 0;
    *hend = p + me;
    return 1;
}

/* Line scan: paragraph breaks (a blank line; a line break before a heading) and headings. */
int
tk_scan_lines(tt_tokenizer *tk, tt_lang lang, int32_t len, tt_error *err)
{
    const UChar *u = tk->u;
    int plain = tk->heading_plain;
    tk->nev = 0;
    for (size_t h = 0; !plain && h < tk->nheads[lang]; h++) {
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(tk->heads[lang][h].re, u, len, &st); /* each line is a region of it */
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
    }
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
                hm = plain ? ~(uint32_t)0 : heading_mask(tk, lang, p);
            int32_t k = plain || !hm ? 0 : word_prefix(u, p, le);
            if (k)
                hm = heading_mask_word(tk, lang, p, k, hm);
            for (size_t h = 0; hm && h < tk->nheads[lang] && !kind; h++) {
                if (h < 32 && !(hm >> h & 1))
                    continue; /* cannot match a line that starts this way */
                int r = try_heading(tk, tk->heads[lang][h].re, p, le, &hend, &lbs, &lbe, err);
                if (r < 0)
                    return r;
                if (r)
                    kind = tk->heads[lang][h].kind;
            }
            if (kind || prev_blank) {
                if (tt_grow((void **)&tk->ev, &tk->capev, tk->nev + 1, sizeof(event)))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                event *e = &tk->ev[tk->nev++];
                e->pos = p;
                e->kind = kind;
                e->hend = kind ? hend : 0;
                e->ls = kind ? lbs : 0;
                e->le = kind ? lbe : 0;
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
