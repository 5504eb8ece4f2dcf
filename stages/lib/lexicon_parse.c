/* lexicon_parse.c - the .lex file format of lexicons/README.md: concept and entry statements, with errors at
 * file:line:column. The entries themselves are built by lx_add_entry (lexicon.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_priv.h"
#include "tt/lines.h"
#include "tt/utf8.h"

typedef struct lparse {
    lx_loader *ld;
    const char *path;
    const char *line;
    size_t lineno;
    tt_error *err;
} lparse;

static size_t
ccol(const char *line, const char *at)
{
    size_t k = 1;
    for (const char *p = line; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            k++;
    return k;
}

static int
perr(lparse *p, const char *at, int code, const char *fmt, ...) TT_PRINTF(4, 5);

static int
perr(lparse *p, const char *at, int code, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tt_error_set(p->err, code, "%s", msg);
    tt_error_at(p->err, p->path, p->lineno, at ? ccol(p->line, at) : 0);
    return code;
}

static int
issp(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static const char *
skipsp(const char *s, const char *e)
{
    while (s < e && issp(*s))
        s++;
    return s;
}

static const char *
word_end(const char *s, const char *e)
{
    while (s < e && !issp(*s))
        s++;
    return s;
}

static int
valid_id(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

static long
find_concept(const tt_lexicon *lx, const char *s, size_t n)
{
    for (size_t i = lx->nconcepts; i-- > 0;)
        if (strlen(lx->concepts[i].id) == n && memcmp(lx->concepts[i].id, s, n) == 0)
            return (long)i;
    return -1;
}

static int
concept_line(lparse *p, const char *s, const char *e)
{
    tt_lexicon *lx = p->ld->lx;
    const char *id = skipsp(s, e), *ide = word_end(id, e);
    if (id == ide)
        return perr(p, id, TT_ESYNTAX, "expected 'concept <id> <category>'");
    if (!valid_id(id, (size_t)(ide - id)))
        return perr(p, id, TT_ESYNTAX, "a concept id is made of a-z, 0-9 and _, not '%.*s'", (int)(ide - id), id);
    if (find_concept(lx, id, (size_t)(ide - id)) >= 0)
        return perr(p, id, TT_ESYNTAX, "duplicate concept '%.*s'", (int)(ide - id), id);
    const char *cat = skipsp(ide, e), *cate = word_end(cat, e);
    if (cat == cate || memchr(cat, '=', (size_t)(cate - cat)))
        return perr(p, cat, TT_ESYNTAX, "expected a category after the concept id");
    if (!valid_id(cat, (size_t)(cate - cat)))
        return perr(p, cat, TT_ESYNTAX, "a category is made of a-z, 0-9 and _, not '%.*s'", (int)(cate - cat),
                    cat);
    char idb[256], catb[256], parb[256] = "";
    tt_buf label = {0};
    if (ide - id >= 255 || cate - cat >= 255)
        return perr(p, id, TT_ESYNTAX, "concept id or category longer than 254 bytes");
    snprintf(idb, sizeof idb, "%.*s", (int)(ide - id), id);
    snprintf(catb, sizeof catb, "%.*s", (int)(cate - cat), cat);
    const char *q = skipsp(cate, e);
    while (q < e) {
        const char *qe = word_end(q, e);
        if ((size_t)(e - q) > 6 && memcmp(q, "label=", 6) == 0) {
            const char *le = e;
            while (le > q + 6 && issp(le[-1]))
                le--;
            if (tt_buf_append(&label, q + 6, (size_t)(le - q - 6)))
                return perr(p, NULL, TT_ENOMEM, "out of memory");
            break;
        }
        if (qe - q > 7 && memcmp(q, "parent=", 7) == 0) {
            const char *pv = q + 7;
            long pc = find_concept(lx, pv, (size_t)(qe - pv));
            if (pc < 0) {
                tt_buf_free(&label);
                return perr(p, pv, TT_ESYNTAX, "parent '%.*s' is not a concept defined before",
                            (int)(qe - pv), pv);
            }
            snprintf(parb, sizeof parb, "%s", lx->concepts[pc].id);
        } else {
            tt_buf_free(&label);
            return perr(p, q, TT_ESYNTAX, "unknown concept attribute '%.*s' (parent= or label=)", (int)(qe - q),
                        q);
        }
        q = skipsp(qe, e);
    }
    uint32_t idx;
    int rc = lx_add_concept(lx, idb, catb, label.data ? label.data : "", parb, &idx);
    tt_buf_free(&label);
    if (rc)
        return perr(p, NULL, TT_ENOMEM, "out of memory");
    return 0;
}

static const struct {
    const char *name;
    tt_entry_kind kind;
} kinds[] = {{"lemma", TT_ENTRY_LEMMA},
             {"glob", TT_ENTRY_GLOB},
             {"regex", TT_ENTRY_REGEX},
             {"multi", TT_ENTRY_MULTI},
             {"exclude", TT_ENTRY_EXCLUDE}};

static int
entry_line(lparse *p, const char *s, const char *e)
{
    tt_lexicon *lx = p->ld->lx;
    const char *le = word_end(s, e), *slash = memchr(s, '/', (size_t)(le - s));
    const char *lend = slash ? slash : le;
    if (!tt_lang_known(s, (size_t)(lend - s)))
        return perr(p, s, TT_ESYNTAX, "unknown language or statement '%.*s' (kk, uz, ru, en or concept)",
                    (int)(lend - s), s);
    tt_lang lang = tt_lang_parse(s, (size_t)(lend - s));
    tt_script script = TT_SCRIPT_ANY;
    if (slash) {
        int sc = tt_script_parse(slash + 1, (size_t)(le - slash - 1));
        if (sc <= 0)
            return perr(p, slash + 1, TT_ESYNTAX, "unknown script '%.*s' (Cyrl, Latn, Latn-2017, Latn-2018, Latn-2021)",
                        (int)(le - slash - 1), slash + 1);
        script = (tt_script)sc;
    }
    const char *c = skipsp(le, e), *ce = word_end(c, e);
    if (c == ce)
        return perr(p, c, TT_ESYNTAX, "expected '<lang> <concept> <kind> <text>'");
    long ci = find_concept(lx, c, (size_t)(ce - c));
    if (ci < 0)
        return perr(p, c, TT_ESYNTAX, "concept '%.*s' is not defined (define it before its entries)",
                    (int)(ce - c), c);
    const char *k = skipsp(ce, e), *ke = word_end(k, e);
    tt_entry_kind kind = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].name) == (size_t)(ke - k) && memcmp(kinds[i].name, k, (size_t)(ke - k)) == 0)
            kind = kinds[i].kind;
    if (!kind)
        return perr(p, k, TT_ESYNTAX, "unknown kind '%.*s' (lemma, glob, regex, multi, exclude)", (int)(ke - k), k);
    const char *t = skipsp(ke, e), *te, *o = NULL, *oe = e;
    if (t == e)
        return perr(p, t, TT_ESYNTAX, "the entry has no text");
    if (*t == '/' && (kind == TT_ENTRY_REGEX || kind == TT_ENTRY_EXCLUDE)) {
        const char *close = e;
        while (close > t + 1 && close[-1] != '/')
            close--;
        if (close <= t + 1)
            return perr(p, t, TT_ESYNTAX, "a regex is written /pattern/ (no closing '/')");
        te = close;
        const char *r = skipsp(te, e);
        if (r < e) {
            if (*r != ';')
                return perr(p, r, TT_ESYNTAX, "expected ';' before the options");
            o = r + 1;
        }
    } else {
        const char *semi = memchr(t, ';', (size_t)(e - t));
        te = semi ? semi : e;
        if (semi)
            o = semi + 1;
        while (te > t && issp(te[-1]))
            te--;
        if (te == t)
            return perr(p, t, TT_ESYNTAX, "the entry has no text");
    }
    char where[1200];
    snprintf(where, sizeof where, "%s:%zu", p->path, p->lineno);
    size_t col = 0;
    int rc = lx_add_entry(p->ld, (uint32_t)ci, kind, lang, script, t, (size_t)(te - t), o,
                          o ? (size_t)(oe - o) : 0, where, ccol(p->line, t), o ? ccol(p->line, o) : 0, &col,
                          p->err);
    if (rc) {
        if (rc == TT_EIO) /* a grammar file: its own location */
            return rc;
        tt_error_at(p->err, p->path, p->lineno, col);
    }
    return rc;
}

int
lx_parse_lex(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err)
{
    lparse p = {ld, path, s, 0, err};
    tt_lines r;
    const char *lb, *le, *bad;
    tt_lines_init(&r, s, n);
    while (tt_lines_next(&r, &lb, &le, &bad)) {
        size_t b = (size_t)(lb - s), e = (size_t)(le - s);
        p.lineno = r.lineno;
        p.line = lb;
        if (bad != le)
            return perr(&p, bad, TT_ESYNTAX, *bad ? "invalid UTF-8" : "NUL byte in a lexicon");
        /* '#' at the start or after a space starts a comment (\# and a#b stay: regexes) */
        size_t h = b;
        for (; h < e; h++)
            if (s[h] == '#' && (h == b || issp(s[h - 1])))
                break;
        const char *ls = skipsp(s + b, s + h), *lend = s + h;
        while (lend > ls && issp(lend[-1]))
            lend--;
        if (ls == lend)
            continue;
        const char *we = word_end(ls, lend);
        int rc;
        if (we - ls == 7 && memcmp(ls, "concept", 7) == 0)
            rc = concept_line(&p, we, lend);
        else
            rc = entry_line(&p, ls, lend);
        if (rc)
            return rc;
    }
    return 0;
}
