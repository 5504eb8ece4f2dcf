/* tokenize_hyphen.c - words of a piece: the segmenter's word and number segments, re-joined across a hyphen
 * with nothing around it (көші-қон) and, at a line end, across hyphenation (диас-\nпора) when the joined form
 * is known or occurs in the piece; and the match forms of these raw tokens. */
#include "tokenize_priv.h"

#include "norm_priv.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

static int
push_raw(tt_tokenizer *tk, int32_t s, int32_t e, uint32_t flags)
{
    if (tk->nrt >= tk->caprt && tt_grow((void **)&tk->rt, &tk->caprt, tk->nrt + 1, sizeof(rawtok)))
        return TT_ENOMEM;
    rawtok *r = &tk->rt[tk->nrt++];
    r->s = s;
    r->e = e;
    r->js = r->je = -1;
    r->flags = flags;
    r->soft = 0;
    return 0;
}

/* One word or number segment u[prev..b) with ICU rule status `status`: hyphen re-join, line-end hyphenation
 * candidates, else a new raw token. 0 or TT_ENOMEM. */
static int
word_seg(tt_tokenizer *tk, tt_tokseq *ts, int32_t prev, int32_t b, int32_t status)
{
    const UChar *u = tk->u;
    uint32_t fl = status < UBRK_WORD_NUMBER_LIMIT ? TT_TOK_NUMBER : 0;
    rawtok *last = tk->nrt ? &tk->rt[tk->nrt - 1] : NULL;
    /* the common case first: one space since the last word (neither a hyphen nor a line break between) */
    if (last && last->js < 0 && !(prev - last->e == 1 && u[last->e] == ' ')) {
        int32_t gap = prev - last->e;
        /* word-hyphen-word with nothing between but default-ignorable characters (қадір-<U+2060>қасиеті) */
        int32_t h = last->e;
        while (gap > 1 && gap <= 8 && h < prev && tk_ignorable(u[h]))
            h++;
        int32_t r = h < prev && tk_is_hyphen(u[h]) ? h + 1 : -1;
        while (r >= 0 && r < prev && tk_ignorable(u[r]))
            r++;
        if (r == prev) {
            last->e = b;
            last->flags = (last->flags | TT_TOK_HYPHEN) & ~(uint32_t)TT_TOK_NUMBER;
            ts->hyphen_joins++;
            return 0;
        }
        /* line-end hyphenation: X-[spaces]\n[spaces]Y or X<SHY>\n Y */
        int32_t q = last->e;
        int soft = q > last->s && u[q - 1] == 0xAD;
        int hard = !soft && q < prev && tk_is_hyphen(u[q]);
        if (soft || hard) {
            if (hard)
                q++;
            while (q < prev && tk_is_hspace(u[q]))
                q++;
            int nl = 0;
            if (q < prev && u[q] == '\r')
                q++, nl = 1;
            if (q < prev && u[q] == '\n')
                q++, nl = 1;
            while (q < prev && tk_is_hspace(u[q]))
                q++;
            if (nl && q == prev && u_isalpha(u[last->e - 1 - soft]) && u_isalpha(u[prev])) {
                last->js = prev;
                last->je = b;
                last->soft = soft;
                last->flags &= ~(uint32_t)TT_TOK_NUMBER;
                return 0;
            }
        }
    }
    return push_raw(tk, prev, b, fl);
}

/* Word segments (tt_segment_word_list) + hyphen re-join + line-end hyphenation candidates -> tk->rt. */
int
tk_words(tt_tokenizer *tk, tt_tokseq *ts, tt_error *err)
{
    tk->nrt = 0;
    const tt_seg_word *sw;
    size_t n;
    int rc = tt_segment_word_list(tk->seg, &sw, &n, err);
    if (rc)
        return rc;
    /* room for every segment at once: word_seg's push_raw never grows the array */
    if (tt_grow((void **)&tk->rt, &tk->caprt, n + 1, sizeof(rawtok)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (word_seg(tk, ts, sw[i].start, sw[i].end, sw[i].status))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

int
tk_form_of(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const rawtok *r, int joined,
           tt_buf *out, unsigned *nfl, tt_error *err)
{
    if (r->js < 0)
        return tt_norm_word16(nz, lang, script, tk->u + r->s, r->e - r->s, out, nfl, err);
    int32_t a = r->e - r->s, bn = r->je - r->js;
    if (tk_grow16(&tk->tmp, &tk->tmpcap, a + bn + 2))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    memcpy(tk->tmp, tk->u + r->s, sizeof(UChar) * (size_t)a);
    int32_t k = a;
    if (!joined)
        tk->tmp[k++] = '-';
    memcpy(tk->tmp + k, tk->u + r->js, sizeof(UChar) * (size_t)bn);
    return tt_norm_word16(nz, lang, script, tk->tmp, k + bn, out, nfl, err);
}

static int
forms_has(const tt_tokseq *ts, size_t from, const char *s, size_t n)
{
    for (size_t i = from; i < ts->ntok; i++)
        if (ts->tok[i].match_len == n && memcmp(ts->forms.data + ts->tok[i].match_off, s, n) == 0 &&
            !(ts->tok[i].flags & (TT_TOK_LINEJOIN | TOK_PENDING)))
            return 1;
    return 0;
}

void
tk_resolve_lines(tt_tokseq *ts, size_t first, size_t pending, tt_lang lang, tt_known_fn known, void *known_ctx)
{
    for (size_t i = first; pending && i < ts->ntok; i++) {
        tt_token *t = &ts->tok[i];
        if (!(t->flags & TOK_PENDING))
            continue;
        size_t next_off = i + 1 < ts->ntok ? ts->tok[i + 1].match_off : ts->forms.len;
        pending--;
        const char *jf = ts->forms.data + t->match_off;
        size_t jn = t->match_len;
        int join = (known && known(known_ctx, lang, jf, jn)) || forms_has(ts, first, jf, jn);
        t->flags &= ~(uint32_t)TOK_PENDING;
        if (join) {
            t->flags |= TT_TOK_LINEJOIN;
            ts->line_joins++;
        } else {
            t->match_off += (uint32_t)jn;
            t->match_len = (uint32_t)(next_off - t->match_off);
            t->flags |= TT_TOK_HYPHEN;
            ts->hyphen_joins++;
        }
    }
}
