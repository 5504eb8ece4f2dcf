/* tokenize_sent.c - sentences of a piece: the segmenter's sentence breaks, except after an abbreviation
 * (<data>/abbreviations/<lang>.txt, compared as written and, for Kazakh and Uzbek, by match form), a number or
 * an initial before a full stop, and a single line break inside a hard-wrapped sentence. */
#include "tokenize_priv.h"

#include "norm_priv.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

/* Kazakh and Uzbek are written in several scripts and alphabets while abbreviations/<lang>.txt lists one
 * spelling (млрд., т.б., ж.): compare the word before a full stop by match form too. Builds tk->abbr_mf[lang]
 * on first use. Abbreviations of several words (va h.k.) are compared as written only. */
static int
abbr_forms(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_error *err)
{
    if (tk->abbr_mf_ready[lang] || (lang != TT_LANG_KK && lang != TT_LANG_UZ) || !nz)
        return 0;
    tt_buf *b = &tk->abbr_mf[lang];
    tt_script sc = lang == TT_LANG_KK ? TT_SCRIPT_CYRL : TT_SCRIPT_ANY;
    for (size_t i = 0; i < tk->nabbrs[lang]; i++) {
        const abbr *a = &tk->abbrs[lang][i];
        const UChar sp = ' ';
        if (a->n < 2 || u_strFindFirst(a->s, a->n, &sp, 1))
            continue;
        size_t at = b->len;
        int rc = tt_norm_word16(nz, lang, sc, a->s, a->n - 1, b, NULL, err);
        if (rc)
            return rc;
        if (b->len == at)
            continue;
        if (tt_buf_putc(b, 0))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    tk->abbr_mf_ready[lang] = 1;
    return 0;
}

/* Is the match form of s[0..n) (the word before a full stop) that of an abbreviation? */
static int
abbr_by_form(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n)
{
    if (!tk->abbr_mf_ready[lang] || tk->abbr_mf[lang].len == 0 || n <= 0)
        return 0;
    tt_error e = {0};
    tt_buf_reset(&tk->word_mf);
    if (tt_norm_word16(nz, lang, script, s, n, &tk->word_mf, NULL, &e) || tk->word_mf.len == 0)
        return 0;
    const char *p = tk->abbr_mf[lang].data, *end = p + tk->abbr_mf[lang].len;
    while (p < end) {
        size_t l = strlen(p);
        if (l == tk->word_mf.len && memcmp(p, tk->word_mf.data, l) == 0)
            return 1;
        p += l + 1;
    }
    return 0;
}

/* Does the text before position p (a sentence break) end with an abbreviation, a number or an article
 * number followed by a full stop? */
static int
no_end_after(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, int32_t start, int32_t p)
{
    const UChar *u = tk->u;
    while (p > start && (tk_is_hspace(u[p - 1]) || u[p - 1] == 0xFEFF))
        p--;
    if (p <= start || u[p - 1] != '.')
        return 0;
    /* the word before the full stop */
    int32_t w = p - 1;
    while (w > start && !tk_is_hspace(u[w - 1]) && !tt_seg_is_nl(u[w - 1]) && u[w - 1] != '(' && u[w - 1] != 0xAB)
        w--;
    for (int32_t i = w; i < p - 1; i++)
        if (u[i] >= '0' && u[i] <= '9')
            return 1; /* 6. / 6-бап. / 12.05.2020. / п.6. */
    if (p - 1 - w == 1 && u_isalpha(u[w]))
        return 1; /* an initial: И. И. Иванов, A. Smith */
    if (p - 1 - w == 2 && u_isalpha(u[w]) && !tt_norm_is_apostrophe(u[w]) && tt_norm_is_apostrophe(u[w + 1]))
        return 1; /* an initial of one letter written with an apostrophe: Kazakh 2017 I'. (И.), Uzbek Oʻ. */
    int32_t max = tk->abbr_max[lang];
    if (max <= 0)
        return 0;
    int32_t from = p - max - 1 < start ? start : p - max - 1;
    UChar folded[128];
    UErrorCode st = U_ZERO_ERROR;
    if (p - from > 40)
        from = p - 40;
    int32_t fn = u_strFoldCase(folded, 128, u + from, p - from, U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st) || fn > 128)
        return 0;
    for (size_t i = 0; i < tk->nabbrs[lang]; i++) {
        const abbr *a = &tk->abbrs[lang][i];
        if (a->n > fn || memcmp(folded + fn - a->n, a->s, sizeof(UChar) * (size_t)a->n) != 0)
            continue;
        /* must start a word: what precedes is not a letter */
        if (fn - a->n == 0 ? from == start || !u_isalpha(u[from - 1]) : !u_isalpha(folded[fn - a->n - 1]))
            return 1;
    }
    return abbr_by_form(tk, nz, lang, script, u + w, p - 1 - w);
}

/* A break after one line break inside a hard-wrapped sentence (PDF text): the line does not end in sentence
 * punctuation, and the next one goes on in lowercase. */
static int
wrapped_line(const UChar *u, int32_t start, int32_t b, int32_t len)
{
    int32_t p = b, nls = 0;
    while (p > start && (tk_is_hspace(u[p - 1]) || tt_seg_is_nl(u[p - 1]))) {
        if (u[p - 1] == '\n' || (u[p - 1] != '\r' && tt_seg_is_nl(u[p - 1])) || (u[p - 1] == '\r' && u[p] != '\n'))
            nls++;
        p--;
    }
    if (nls != 1 || p <= start)
        return 0;
    UChar c = u[p - 1];
    if (u_hasBinaryProperty(c, UCHAR_S_TERM) || c == ':' || c == ';')
        return 0;
    int32_t q = b;
    while (q < len && tk_is_hspace(u[q]))
        q++;
    return q < len && u_islower(u[q]);
}

typedef struct sentctx {
    tt_tokenizer *tk;
    tt_normalizer *nz;
    tt_lang lang;
    tt_script script;
    int32_t len, last;
} sentctx;

/* One break of the sentence break iterator at b with rule status `status`: kept unless it follows an
 * abbreviation or a number (no_end_after) or a hard-wrapped line (wrapped_line). 0 or TT_ENOMEM. */
static int
sent_brk(void *vctx, int32_t b, int32_t status)
{
    sentctx *c = vctx;
    tt_tokenizer *tk = c->tk;
    if (b < c->len && status < UBRK_SENTENCE_SEP && no_end_after(tk, c->nz, c->lang, c->script, c->last, b))
        return 0;
    if (b < c->len && status >= UBRK_SENTENCE_SEP && wrapped_line(tk->u, c->last, b, c->len))
        return 0;
    if (tt_grow((void **)&tk->sbreaks, &tk->capsb, tk->nsb + 1, sizeof(int32_t)))
        return TT_ENOMEM;
    tk->sbreaks[tk->nsb++] = b;
    c->last = b;
    return 0;
}

int
tk_sentences(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, int32_t len, tt_error *err)
{
    int rc = abbr_forms(tk, nz, lang, err);
    if (rc)
        return rc;
    tk->nsb = 0;
    sentctx sc = {tk, nz, lang, script, len, 0};
    return tt_segment_sentences(tk->seg, sent_brk, &sc, err);
}

