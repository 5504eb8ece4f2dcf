/* lexicon_import.c - dictionaries in the formats users already have: quanteda-style YAML (nested keys are
 * categories, leaf lists are glob values; a leaf key becomes the concept `parent_child`) and LIWC `.dic` files
 * (a `%` header of category numbers and names, then `word<TAB>n n ...`). Each value becomes a glob entry (a
 * multiword entry of glob/exact parts when it has spaces) in each of the four languages. Only the YAML subset
 * these dictionaries use is read: block mappings, block and flow lists, plain and quoted scalars, comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_priv.h"
#include "tt/lines.h"
#include "tt/utf8.h"

static const tt_lang all_langs[] = {TT_LANG_KK, TT_LANG_UZ, TT_LANG_RU, TT_LANG_EN};

static int
ierr(tt_error *err, const char *path, size_t line, const char *line_start, const char *at, int code,
     const char *msg)
{
    size_t col = 0;
    if (at) {
        col = 1;
        for (const char *p = line_start; p < at; p++)
            if (((unsigned char)*p & 0xC0) != 0x80)
                col++;
    }
    tt_error_set(err, code, "%s", msg);
    tt_error_at(err, path, line, col);
    return code;
}

/* A concept id from a key: ASCII lowercased, other bytes as hex, runs of anything else as '_'. */
static void
sanitize(tt_buf *out, const char *s, size_t n)
{
    int us = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            tt_buf_putc(out, (char)c);
            us = 0;
        } else if (c >= 0x80) {
            tt_buf_printf(out, "%02x", c);
            us = 0;
        } else if (!us && out->len) {
            tt_buf_putc(out, '_');
            us = 1;
        }
    }
    while (out->len && out->data[out->len - 1] == '_')
        out->data[--out->len] = 0;
    if (!out->len)
        tt_buf_puts(out, "x");
}

static int
add_value(lx_loader *ld, uint32_t c, const char *v, size_t n, const char *where, size_t col, tt_error *err)
{
    int multi = memchr(v, ' ', n) != NULL || memchr(v, '\t', n) != NULL;
    for (size_t i = 0; i < sizeof all_langs / sizeof all_langs[0]; i++) {
        size_t ecol = 0;
        int rc = lx_add_entry(ld, c, multi ? TT_ENTRY_MULTI : TT_ENTRY_GLOB, all_langs[i], TT_SCRIPT_ANY, v, n,
                              "class=exact", 11, where, col, 0, &ecol, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- YAML ---- */
typedef struct ykey {
    size_t indent;
    char *name; /* sanitized */
    long concept; /* -1 until a value arrives */
    char *category;
} ykey;

static int
y_concept(lx_loader *ld, ykey *st, size_t depth, uint32_t *out, const char *path, size_t line, const char *ls,
          const char *at, tt_error *err)
{
    ykey *k = &st[depth - 1];
    if (k->concept >= 0) {
        *out = (uint32_t)k->concept;
        return 0;
    }
    tt_buf id = {0};
    for (size_t i = 0; i < depth; i++) {
        if (i)
            tt_buf_putc(&id, '_');
        tt_buf_puts(&id, st[i].name);
    }
    for (size_t i = 0; i < ld->lx->nconcepts; i++)
        if (strcmp(ld->lx->concepts[i].id, id.data) == 0) {
            tt_buf_free(&id);
            return ierr(err, path, line, ls, at, TT_ESYNTAX, "duplicate concept from this key");
        }
    int rc = lx_add_concept(ld->lx, id.data, st[0].name, "", "", out);
    tt_buf_free(&id);
    if (rc)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    k->concept = (long)*out;
    return 0;
}

static void
unquote(const char **s, size_t *n)
{
    if (*n >= 2 && (((*s)[0] == '"' && (*s)[*n - 1] == '"') || ((*s)[0] == '\'' && (*s)[*n - 1] == '\''))) {
        (*s)++;
        *n -= 2;
    }
}

static void
trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
        (*e)--;
}

static int
y_values(lx_loader *ld, ykey *st, size_t depth, const char *v, const char *ve, const char *path, size_t line,
         const char *ls, tt_error *err)
{
    uint32_t c;
    char where[1200];
    snprintf(where, sizeof where, "%s:%zu", path, line);
    int rc = y_concept(ld, st, depth, &c, path, line, ls, v, err);
    if (rc)
        return rc;
    if (v < ve && *v == '[') {
        if (ve[-1] != ']')
            return ierr(err, path, line, ls, v, TT_ESYNTAX, "a flow list ends with ']'");
        const char *p = v + 1, *end = ve - 1;
        while (p < end) {
            const char *q = p;
            char quote = 0;
            while (q < end && (quote || *q != ',')) {
                if ((*q == '"' || *q == '\'') && (!quote || quote == *q))
                    quote = quote ? 0 : *q;
                q++;
            }
            const char *a = p, *b = q;
            trim(&a, &b);
            size_t n = (size_t)(b - a);
            unquote(&a, &n);
            if (n && (rc = add_value(ld, c, a, n, where, (size_t)(a - ls) + 1, err)) != 0) {
                tt_error_at(err, path, line, 0);
                return rc;
            }
            p = q + 1;
        }
        return 0;
    }
    size_t n = (size_t)(ve - v);
    unquote(&v, &n);
    if (n && (rc = add_value(ld, c, v, n, where, 0, err)) != 0) {
        tt_error_at(err, path, line, 0);
        return rc;
    }
    return 0;
}

int
lx_parse_yaml(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err)
{
    ykey st[64];
    size_t depth = 0, line = 0;
    int rc = 0;
    tt_lines r;
    const char *ls, *le, *bad;
    tt_lines_init(&r, s, n);
    while (rc == 0 && tt_lines_next(&r, &ls, &le, &bad)) {
        line = r.lineno;
        if (bad != le) {
            rc = ierr(err, path, line, ls, NULL, TT_ESYNTAX, "invalid UTF-8");
            break;
        }
        /* comment: '#' at the start or after a space, outside quotes */
        char quote = 0;
        for (const char *p = ls; p < le; p++) {
            if ((*p == '"' || *p == '\'') && (!quote || quote == *p))
                quote = quote ? 0 : *p;
            else if (!quote && *p == '#' && (p == ls || p[-1] == ' ' || p[-1] == '\t')) {
                le = p;
                break;
            }
        }
        const char *p = ls;
        while (p < le && *p == ' ')
            p++;
        if (p < le && *p == '\t') {
            rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "tabs cannot indent YAML");
            break;
        }
        const char *e = le;
        trim(&p, &e);
        if (p == e || (e - p == 3 && memcmp(p, "---", 3) == 0))
            continue;
        size_t ind = (size_t)(p - ls);
        if (*p == '-' && (p + 1 == e || p[1] == ' ')) {
            /* a list item of the innermost key indented less */
            while (depth && st[depth - 1].indent >= ind + 1 && st[depth - 1].indent > ind) {
                free(st[depth - 1].name);
                depth--;
            }
            if (!depth) {
                rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "a list item outside any key");
                break;
            }
            const char *v = p + 1, *ve = e;
            trim(&v, &ve);
            rc = y_values(ld, st, depth, v, ve, path, line, ls, err);
            continue;
        }
        const char *colon = NULL;
        quote = 0;
        for (const char *q = p; q < e; q++) {
            if ((*q == '"' || *q == '\'') && (!quote || quote == *q))
                quote = quote ? 0 : *q;
            else if (!quote && *q == ':' && (q + 1 == e || q[1] == ' ')) {
                colon = q;
                break;
            }
        }
        if (!colon) {
            rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "expected 'key:' or '- value'");
            break;
        }
        while (depth && st[depth - 1].indent >= ind) {
            free(st[depth - 1].name);
            depth--;
        }
        if (depth && st[depth - 1].concept >= 0) {
            rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "a key cannot hold both values and keys");
            break;
        }
        if (depth == 64) {
            rc = ierr(err, path, line, ls, p, TT_ELIMIT, "keys nested more than 64 deep");
            break;
        }
        const char *k = p, *ke = colon;
        trim(&k, &ke);
        size_t kn = (size_t)(ke - k);
        unquote(&k, &kn);
        if (!kn) {
            rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "empty key");
            break;
        }
        tt_buf nm = {0};
        sanitize(&nm, k, kn);
        st[depth].indent = ind;
        st[depth].name = tt_buf_detach(&nm, NULL);
        st[depth].concept = -1;
        depth++;
        const char *v = colon + 1, *ve = e;
        trim(&v, &ve);
        if (v < ve)
            rc = y_values(ld, st, depth, v, ve, path, line, ls, err);
    }
    while (depth)
        free(st[--depth].name);
    return rc;
}

/* ---- LIWC ---- */
int
lx_parse_liwc(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err)
{
    size_t line = 0;
    int state = 0; /* 0 before the header, 1 in it, 2 words */
    long *map = NULL; /* category number -> concept */
    size_t nmap = 0;
    int rc = 0;
    tt_lines r;
    const char *ls, *le, *bad;
    tt_lines_init(&r, s, n);
    while (rc == 0 && tt_lines_next(&r, &ls, &le, &bad)) {
        line = r.lineno;
        if (bad != le) {
            rc = ierr(err, path, line, ls, NULL, TT_ESYNTAX, "invalid UTF-8");
            break;
        }
        const char *p = ls, *e = le;
        trim(&p, &e);
        if (p == e)
            continue;
        if (*p == '%' && e - p == 1) {
            if (state == 2) {
                rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "a third '%' line");
                break;
            }
            state++;
            continue;
        }
        if (state == 0) {
            rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "a LIWC dictionary starts with a '%' line");
            break;
        }
        if (state == 1) {
            const char *q = p;
            size_t num = 0;
            while (q < e && *q >= '0' && *q <= '9' && num < 100000)
                num = num * 10 + (size_t)(*q++ - '0');
            const char *nm = q, *nme = e;
            trim(&nm, &nme);
            if (q == p || nm == q || nm == nme || num >= 100000) {
                rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "expected '<number> <category name>'");
                break;
            }
            if (num >= nmap) {
                long *nmp = realloc(map, (num + 1) * sizeof *nmp);
                if (!nmp) {
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                    break;
                }
                for (size_t k = nmap; k <= num; k++)
                    nmp[k] = -1;
                map = nmp;
                nmap = num + 1;
            }
            if (map[num] >= 0) {
                rc = ierr(err, path, line, ls, p, TT_ESYNTAX, "category number defined twice");
                break;
            }
            tt_buf id = {0};
            sanitize(&id, nm, (size_t)(nme - nm));
            for (size_t k = 0; k < ld->lx->nconcepts && rc == 0; k++)
                if (strcmp(ld->lx->concepts[k].id, id.data) == 0)
                    rc = ierr(err, path, line, ls, nm, TT_ESYNTAX, "duplicate concept from this category");
            uint32_t c = 0;
            if (rc == 0 && lx_add_concept(ld->lx, id.data, "liwc", "", "", &c))
                rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            tt_buf_free(&id);
            map[num] = (long)c;
            continue;
        }
        /* word, then category numbers */
        const char *we = e;
        for (;;) {
            const char *q = we;
            while (q > p && q[-1] >= '0' && q[-1] <= '9')
                q--;
            if (q == we || q == p || !(q[-1] == ' ' || q[-1] == '\t'))
                break;
            we = q;
            while (we > p && (we[-1] == ' ' || we[-1] == '\t'))
                we--;
        }
        if (we == e) {
            rc = ierr(err, path, line, ls, e, TT_ESYNTAX, "a word needs at least one category number");
            break;
        }
        char where[1200];
        snprintf(where, sizeof where, "%s:%zu", path, line);
        for (const char *q = we; q < e && rc == 0;) {
            while (q < e && (*q == ' ' || *q == '\t'))
                q++;
            const char *nb = q;
            size_t num = 0;
            while (q < e && *q >= '0' && *q <= '9' && num < 100000)
                num = num * 10 + (size_t)(*q++ - '0');
            if (q == nb)
                break;
            if (num >= nmap || map[num] < 0) {
                rc = ierr(err, path, line, ls, nb, TT_ESYNTAX, "category number not in the header");
                break;
            }
            rc = add_value(ld, (uint32_t)map[num], p, (size_t)(we - p), where, 1, err);
            if (rc)
                tt_error_at(err, path, line, 1);
        }
    }
    if (rc == 0 && state != 2)
        rc = ierr(err, path, line ? line : 1, NULL, NULL, TT_ESYNTAX, "the LIWC header is not closed by a '%' line");
    free(map);
    return rc;
}
