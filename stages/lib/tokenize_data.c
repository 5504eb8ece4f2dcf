/* tokenize_data.c - the tokenizer's data: abbreviations (<data>/abbreviations/<lang>.txt: a sentence does not
 * end after them) and article/chapter headings (<data>/headings.tsv: ICU regular expressions), loaded once. */
#include "tokenize_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

/* Calls fn(ctx, line, len, lineno) for each non-blank, non-comment line of a file. Missing file: TT_EIO. */
static int
each_line(const char *path, int (*fn)(void *, const char *, size_t, uint64_t, tt_error *), void *ctx,
          tt_error *err)
{
    size_t n;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read data file");
        return tt_error_at(err, path, 0, 0);
    }
    int rc = 0;
    uint64_t lineno = 0;
    for (char *p = text, *end = text + n; p < end && rc == 0;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        lineno++;
        while (le > p && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
            le--;
        if (le > p && *p != '#') {
            rc = fn(ctx, p, (size_t)(le - p), lineno, err);
            if (rc)
                tt_error_at(err, path, lineno, 0);
        }
        p = nl ? nl + 1 : end;
    }
    free(text);
    return rc;
}

/* Case-folded UTF-16 of s[0..n), malloc'ed; NULL with *nomem = 1 when out of memory, 0 when not UTF-8. */
static UChar *
fold16(const char *s, size_t n, int32_t *len, int *nomem)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = malloc(sizeof(UChar) * (n + 1)), *f = NULL;
    *nomem = !u;
    if (!u)
        return NULL;
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &st);
    if (U_SUCCESS(st)) {
        f = malloc(sizeof(UChar) * (size_t)(3 * ulen + 1));
        *nomem = !f;
        if (f)
            *len = u_strFoldCase(f, 3 * ulen + 1, u, ulen, U_FOLD_CASE_DEFAULT, &st);
        if (U_FAILURE(st)) {
            free(f);
            f = NULL;
        }
    }
    free(u);
    return f;
}

typedef struct abbr_ctx {
    tt_tokenizer *tk;
    tt_lang lang;
} abbr_ctx;

static int
abbr_line(void *vctx, const char *s, size_t n, uint64_t lineno, tt_error *err)
{
    abbr_ctx *c = vctx;
    tt_tokenizer *tk = c->tk;
    (void)lineno;
    if (s[n - 1] != '.')
        return 0;
    size_t cap = tk->nabbrs[c->lang];
    /* capacity = count rounded up to a power of two */
    if ((cap & (cap - 1)) == 0) {
        abbr *na = realloc(tk->abbrs[c->lang], sizeof(abbr) * (cap ? cap * 2 : 16));
        if (!na)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tk->abbrs[c->lang] = na;
    }
    abbr *a = &tk->abbrs[c->lang][tk->nabbrs[c->lang]];
    int nomem = 0;
    a->s = fold16(s, n, &a->n, &nomem);
    if (!a->s)
        return nomem ? tt_error_set(err, TT_ENOMEM, "out of memory")
                     : tt_error_set(err, TT_ESYNTAX, "abbreviation is not UTF-8");
    tk->nabbrs[c->lang]++;
    if (a->n > tk->abbr_max[c->lang])
        tk->abbr_max[c->lang] = a->n;
    return 0;
}

typedef struct head_ctx {
    tt_tokenizer *tk;
} head_ctx;

static int
add_heading(tt_tokenizer *tk, tt_lang l, int kind, const UChar *pat, int32_t plen, tt_error *err)
{
    size_t cap = tk->nheads[l];
    if ((cap & (cap - 1)) == 0) {
        heading_re *nh = realloc(tk->heads[l], sizeof(heading_re) * (cap ? cap * 2 : 8));
        if (!nh)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tk->heads[l] = nh;
    }
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re = uregex_open(pat, plen, UREGEX_CASE_INSENSITIVE, &pe, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_ESYNTAX, "ICU rejects the heading pattern: %s", u_errorName(st));
    if (uregex_groupCount(re, &st) < 1) {
        uregex_close(re);
        return tt_error_set(err, TT_ESYNTAX, "heading pattern needs a group for the label");
    }
    tk->heads[l][tk->nheads[l]].re = re;
    tk->heads[l][tk->nheads[l]].kind = kind;
    tk->nheads[l]++;
    return 0;
}

static int
head_line(void *vctx, const char *s, size_t n, uint64_t lineno, tt_error *err)
{
    tt_tokenizer *tk = ((head_ctx *)vctx)->tk;
    (void)lineno;
    const char *t1 = memchr(s, '\t', n);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(s + n - t1 - 1)) : NULL;
    if (!t2)
        return tt_error_set(err, TT_ESYNTAX, "expected: lang <TAB> kind <TAB> pattern");
    size_t ll = (size_t)(t1 - s), kl = (size_t)(t2 - t1 - 1);
    int kind = kl == 7 && memcmp(t1 + 1, "article", 7) == 0   ? H_ARTICLE
               : kl == 7 && memcmp(t1 + 1, "chapter", 7) == 0 ? H_CHAPTER
                                                                : 0;
    int all = ll == 1 && s[0] == '*';
    if (!kind || (!all && !tt_lang_known(s, ll)))
        return tt_error_set(err, TT_ESYNTAX, "bad language or kind (expected kk uz ru en * and article|chapter)");
    const char *p = t2 + 1;
    size_t pn = (size_t)(s + n - p);
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = malloc(sizeof(UChar) * (pn + 1));
    if (!u)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    u_strFromUTF8(u, (int32_t)pn + 1, &ulen, p, (int32_t)pn, &st);
    int rc = U_FAILURE(st) ? tt_error_set(err, TT_ESYNTAX, "pattern is not UTF-8") : 0;
    for (int l = 1; l < TT_LANG_COUNT && rc == 0; l++)
        if (all || tt_lang_parse(s, ll) == (tt_lang)l)
            rc = add_heading(tk, (tt_lang)l, kind, u, ulen, err);
    free(u);
    return rc;
}

int
tk_load_data(tt_tokenizer *tk, const char *data_dir, tt_error *err)
{
    char path[1024];
    int rc = 0;
    for (int l = TT_LANG_KK; l < TT_LANG_COUNT && rc == 0; l++) {
        snprintf(path, sizeof path, "%s/abbreviations/%s.txt", data_dir, tt_lang_name((tt_lang)l));
        abbr_ctx c = {tk, (tt_lang)l};
        rc = each_line(path, abbr_line, &c, err);
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/headings.tsv", data_dir);
        head_ctx c = {tk};
        rc = each_line(path, head_line, &c, err);
    }
    const char *hm = getenv("TT_HEADINGS"); /* "plain": the reference path of tokenize_heading.c */
    tk->heading_plain = hm && strcmp(hm, "plain") == 0;
    return rc;
}

void
tk_free_data(tt_tokenizer *tk)
{
    for (int l = 0; l < TT_LANG_COUNT; l++) {
        for (size_t i = 0; i < tk->nheads[l]; i++)
            uregex_close(tk->heads[l][i].re);
        free(tk->heads[l]);
        for (size_t i = 0; i < tk->nabbrs[l]; i++)
            free(tk->abbrs[l][i].s);
        free(tk->abbrs[l]);
        tt_buf_free(&tk->abbr_mf[l]);
    }
    free(tk->hpfx);
    free(tk->pl);
}
