/* morph_parse.c - reading a morphology grammar (lexicons/morph/<lang>.grammar; format at the top of each file
 * and in lexicons/README.md) into the layout of morph_priv.h, with file:line:column errors. */
#include "morph_priv.h"

#include "tt/lines.h"
#include "tt/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parsing ---- */
typedef struct gparse {
    lx_grammar *g;
    const char *path;
    const char *line;
    size_t lineno;
    tt_error *err;
} gparse;

static int gerr(gparse *p, const char *at, const char *fmt, ...) TT_PRINTF(3, 4);

static int
gerr(gparse *p, const char *at, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tt_error_set(p->err, TT_ESYNTAX, "%s", msg);
    size_t col = at ? tt_utf8_chars(p->line, (size_t)(at - p->line)) + 1 : 0;
    tt_error_at(p->err, p->path, p->lineno, col);
    return TT_ESYNTAX;
}

static char *
dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

static int
is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Splits a line into fields (at most max), returning the count; fields point into the line. */
static size_t
fields(const char *s, size_t n, const char **f, size_t *fl, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && is_sp(s[i]))
            i++;
        if (i >= n)
            break;
        size_t b = i;
        while (i < n && !is_sp(s[i]))
            i++;
        f[k] = s + b;
        fl[k] = i - b;
        k++;
    }
    return k;
}

static int
find_set(const lx_grammar *g, const char *s, size_t n)
{
    for (size_t i = 0; i < g->nset; i++)
        if (strlen(g->set[i].name) == n && memcmp(g->set[i].name, s, n) == 0)
            return (int)i;
    return -1;
}

static int
tag_id(lx_grammar *g, const char *s, size_t n, int create)
{
    for (size_t i = 0; i < g->ntags; i++)
        if (strlen(g->tags[i]) == n && memcmp(g->tags[i], s, n) == 0)
            return (int)i;
    if (!create)
        return -1;
    char **t = realloc(g->tags, (g->ntags + 1) * sizeof *t);
    if (!t)
        return TT_ENOMEM;
    g->tags = t;
    if (!(t[g->ntags] = dupn(s, n)))
        return TT_ENOMEM;
    return (int)g->ntags++;
}

static int
is_upper_name(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

/* Parses one condition item: SET, letter, @TAG, each optionally prefixed by '!'. */
static int
parse_cond(gparse *p, const char *f, size_t fl, gcond *c)
{
    const char *f0 = f;
    memset(c, 0, sizeof *c);
    if (fl && *f == '!') {
        c->neg = 1;
        f++;
        fl--;
    }
    if (fl > 1 && *f == '@') {
        int t = tag_id(p->g, f + 1, fl - 1, 1);
        if (t < 0)
            return t;
        c->type = C_TAG;
        c->val = (uint32_t)t;
        return 0;
    }
    if (is_upper_name(f, fl)) {
        int s = find_set(p->g, f, fl);
        if (s < 0) {
            char nm[64];
            snprintf(nm, sizeof nm, "%.*s", (int)(fl < 60 ? fl : 60), f);
            return gerr(p, f0, "unknown letter set '%s'", nm);
        }
        c->type = C_SET;
        c->val = (uint32_t)s;
        return 0;
    }
    size_t i = 0;
    uint32_t cp = tt_utf8_step(f, fl, &i);
    if (i != fl || fl == 0)
        return gerr(p, f0, "a condition is a letter, a SET or @TAG");
    c->type = C_LETTER;
    c->val = cp;
    return 0;
}

static int
parse_conds(gparse *p, const char **f, size_t *fl, size_t nf, gcond **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!nf)
        return 0;
    gcond *c = calloc(nf, sizeof *c);
    if (!c)
        return TT_ENOMEM;
    for (size_t i = 0; i < nf; i++) {
        int rc = parse_cond(p, f[i], fl[i], &c[i]);
        if (rc) {
            free(c);
            return rc;
        }
    }
    *out = c;
    *nout = nf;
    return 0;
}

static gclass *
cur_class(lx_grammar *g)
{
    return g->ncls ? &g->cls[g->ncls - 1] : NULL;
}

static int
add_class(gparse *p, const char *name, size_t n, const char *alias, size_t an, const char *at)
{
    lx_grammar *g = p->g;
    if (lx_grammar_class(g, name, n) >= 0) {
        char nm[64];
        snprintf(nm, sizeof nm, "%.*s", (int)(n < 60 ? n : 60), name);
        return gerr(p, at, "class '%s' defined twice", nm);
    }
    int a = -1;
    if (alias) {
        a = lx_grammar_class(g, alias, an);
        if (a < 0)
            return gerr(p, alias, "alias of an undefined class");
        while (g->cls[a].alias >= 0)
            a = g->cls[a].alias;
    }
    gclass *c = realloc(g->cls, (g->ncls + 1) * sizeof *c);
    if (!c)
        return TT_ENOMEM;
    g->cls = c;
    c = &g->cls[g->ncls];
    memset(c, 0, sizeof *c);
    c->alias = a;
    if (!(c->name = dupn(name, n)))
        return TT_ENOMEM;
    g->ncls++;
    return 0;
}

static int
parse_line(gparse *p, const char *s, size_t n)
{
    lx_grammar *g = p->g;
    const char *f[256];
    size_t fl[256];
    size_t nf = fields(s, n, f, fl, 256);
    if (!nf)
        return 0;
    if (nf == 256)
        return gerr(p, f[255], "too many fields");
#define KW(w) (fl[0] == sizeof(w) - 1 && memcmp(f[0], w, sizeof(w) - 1) == 0)
    if (KW("lang")) {
        if (nf != 2 || tt_lang_parse(f[1], fl[1]) != g->lang)
            return gerr(p, nf > 1 ? f[1] : f[0], "'lang' does not name this file's language");
        return 0;
    }
    if (KW("method")) {
        if (nf >= 2 && fl[1] == 6 && memcmp(f[1], "suffix", 6) == 0 && nf == 2) {
            g->method = LX_METHOD_SUFFIX;
            return 0;
        }
        if (nf == 3 && fl[1] == 8 && memcmp(f[1], "snowball", 8) == 0 && fl[2] < sizeof g->snowball) {
            g->method = LX_METHOD_SNOWBALL;
            memcpy(g->snowball, f[2], fl[2]);
            g->snowball[fl[2]] = 0;
            return 0;
        }
        return gerr(p, f[0], "expected 'method suffix' or 'method snowball <algorithm>'");
    }
    if (KW("min-stem")) {
        if (nf != 2 || fl[1] > 2 || f[1][0] < '1' || f[1][0] > '9')
            return gerr(p, f[0], "expected 'min-stem <1-99>'");
        g->min_stem = (size_t)(f[1][0] - '0');
        if (fl[1] == 2)
            g->min_stem = g->min_stem * 10 + (size_t)(f[1][1] - '0');
        return 0;
    }
    if (KW("vocab-skip")) {
        if (nf < 2)
            return gerr(p, f[0], "expected 'vocab-skip <TAG> ...'");
        for (size_t i = 1; i < nf; i++) {
            int t = tag_id(g, f[i], fl[i], 0);
            if (t < 0)
                return gerr(p, f[i], "unknown tag (vocab-skip names tags of the slots above it)");
            if (t >= 64)
                return gerr(p, f[i], "too many tags before vocab-skip (at most 64)");
            g->vocab_skip |= (uint64_t)1 << t;
        }
        return 0;
    }
    if (KW("keep-ending")) {
        if (nf < 2)
            return gerr(p, f[0], "expected 'keep-ending <ending> ...'");
        for (size_t i = 1; i < nf; i++) {
            char **k = realloc(g->keep, (g->nkeep + 1) * sizeof *k);
            if (!k)
                return TT_ENOMEM;
            g->keep = k;
            if (!(k[g->nkeep] = malloc(fl[i] + 1)))
                return TT_ENOMEM;
            memcpy(k[g->nkeep], f[i], fl[i]);
            k[g->nkeep++][fl[i]] = 0;
        }
        return 0;
    }
    if (KW("hyphen") || KW("weak-stems")) {
        int yes = nf == 2 && fl[1] == 3 && memcmp(f[1], "yes", 3) == 0;
        int no = nf == 2 && fl[1] == 2 && memcmp(f[1], "no", 2) == 0;
        if (!yes && !no)
            return gerr(p, f[0], "expected yes or no");
        if (KW("hyphen"))
            g->hyphen = yes;
        else
            g->weak = yes;
        return 0;
    }
    if (KW("set")) {
        if (nf < 3 || !is_upper_name(f[1], fl[1]))
            return gerr(p, f[0], "expected 'set NAME letter...' (NAME in capitals)");
        if (find_set(g, f[1], fl[1]) >= 0)
            return gerr(p, f[1], "set defined twice");
        gset *ns = realloc(g->set, (g->nset + 1) * sizeof *ns);
        if (!ns)
            return TT_ENOMEM;
        g->set = ns;
        gset *st = &g->set[g->nset];
        memset(st, 0, sizeof *st);
        if (!(st->name = dupn(f[1], fl[1])))
            return TT_ENOMEM;
        g->nset++;
        for (size_t i = 2; i < nf; i++) {
            int other = is_upper_name(f[i], fl[i]) ? find_set(g, f[i], fl[i]) : -2;
            if (other == -1)
                return gerr(p, f[i], "unknown letter set");
            const uint32_t *src;
            size_t ns2;
            uint32_t one;
            if (other >= 0) {
                src = g->set[other].cp;
                ns2 = g->set[other].n;
            } else {
                size_t k = 0;
                one = tt_utf8_step(f[i], fl[i], &k);
                if (k != fl[i])
                    return gerr(p, f[i], "a set holds single letters");
                src = &one;
                ns2 = 1;
            }
            uint32_t *cp = realloc(st->cp, (st->n + ns2) * sizeof *cp);
            if (!cp)
                return TT_ENOMEM;
            st->cp = cp;
            memcpy(cp + st->n, src, ns2 * sizeof *cp);
            st->n += ns2;
        }
        return 0;
    }
    if (KW("alt")) {
        /* alt FROM TO cond... : stem-final FROM -> TO before a suffix whose first letter meets a cond */
        if (nf < 4)
            return gerr(p, f[0], "expected 'alt FROM TO letter-or-SET...'");
        size_t k = 0;
        uint32_t from = tt_utf8_step(f[1], fl[1], &k);
        if (k != fl[1])
            return gerr(p, f[1], "FROM must be one letter");
        galt *na = realloc(g->alt, (g->nalt + 1) * sizeof *na);
        if (!na)
            return TT_ENOMEM;
        g->alt = na;
        galt *a = &g->alt[g->nalt];
        memset(a, 0, sizeof *a);
        a->from = from;
        int empty = fl[2] == 1 && f[2][0] == '-';
        if (!(a->to = dupn(f[2], empty ? 0 : fl[2])))
            return TT_ENOMEM;
        a->ton = empty ? 0 : fl[2];
        g->nalt++;
        return parse_conds(p, f + 3, fl + 3, nf - 3, &a->cond, &a->ncond);
    }
    if (KW("class")) {
        if (nf == 2)
            return add_class(p, f[1], fl[1], NULL, 0, f[1]);
        if (nf == 4 && fl[2] == 1 && f[2][0] == '=')
            return add_class(p, f[1], fl[1], f[3], fl[3], f[1]);
        return gerr(p, f[0], "expected 'class NAME' or 'class NAME = OTHER'");
    }
    gclass *c = cur_class(g);
    if (KW("slot")) {
        if (!c || c->alias >= 0 || c->nform)
            return gerr(p, f[0], "'slot' outside a suffix class");
        if (nf != 2)
            return gerr(p, f[0], "expected 'slot NAME'");
        if (c->nslot >= MAX_SLOTS)
            return gerr(p, f[0], "too many slots in one class (at most 24)");
        gslot *ns = realloc(c->slot, (c->nslot + 1) * sizeof *ns);
        if (!ns)
            return TT_ENOMEM;
        c->slot = ns;
        memset(&ns[c->nslot], 0, sizeof *ns);
        if (!(ns[c->nslot].name = dupn(f[1], fl[1])))
            return TT_ENOMEM;
        c->nslot++;
        return 0;
    }
    if (KW("m")) {
        if (!c || c->alias >= 0 || !c->nslot)
            return gerr(p, f[0], "'m' outside a slot");
        gslot *sl = &c->slot[c->nslot - 1];
        size_t i = 1;
        int tag = tag_id(g, sl->name, strlen(sl->name), 1);
        if (tag < 0)
            return tag;
        if (i < nf && fl[i] > 1 && f[i][fl[i] - 1] == ':') {
            tag = tag_id(g, f[i], fl[i] - 1, 1);
            if (tag < 0)
                return tag;
            i++;
        }
        size_t first = i;
        while (i < nf && !(fl[i] == 1 && f[i][0] == '/'))
            i++;
        size_t last = i;
        if (last == first)
            return gerr(p, f[0], "'m' needs at least one suffix");
        gcond *cond = NULL;
        size_t ncond = 0;
        if (i < nf) {
            int rc = parse_conds(p, f + i + 1, fl + i + 1, nf - i - 1, &cond, &ncond);
            if (rc)
                return rc;
        }
        for (size_t k = first; k < last; k++) {
            if (sl->nm == sl->capm) {
                size_t nc = sl->capm ? sl->capm * 2 : 8;
                gmorph *nm = realloc(sl->m, nc * sizeof *nm);
                if (!nm) {
                    free(cond);
                    return TT_ENOMEM;
                }
                sl->m = nm;
                sl->capm = nc;
            }
            gmorph *m = &sl->m[sl->nm];
            memset(m, 0, sizeof *m);
            m->s = dupn(f[k], fl[k]);
            m->cond = ncond ? malloc(ncond * sizeof *cond) : NULL;
            if (!m->s || (ncond && !m->cond)) {
                free(m->s);
                free(m->cond);
                free(cond);
                return TT_ENOMEM;
            }
            if (ncond)
                memcpy(m->cond, cond, ncond * sizeof *cond);
            m->ncond = ncond;
            m->n = fl[k];
            size_t z = 0;
            m->first = tt_utf8_step(m->s, m->n, &z);
            m->last = tt_utf8_last(m->s, m->n, NULL);
            m->tag = tag;
            sl->nm++;
        }
        free(cond);
        return 0;
    }
    if (KW("form")) {
        if (!c || c->alias >= 0 || c->nslot)
            return gerr(p, f[0], "'form' outside an ending-table class");
        if (nf < 4)
            return gerr(p, f[0], "expected 'form ENDING GEN PL [MORE...]' (0 = empty)");
        if (c->nform == c->capform) {
            size_t nc = c->capform ? c->capform * 2 : 16;
            gform *nfm = realloc(c->form, nc * sizeof *nfm);
            if (!nfm)
                return TT_ENOMEM;
            c->form = nfm;
            c->capform = nc;
        }
        gform *fm = &c->form[c->nform];
        tt_buf eb = {0};
        int z1 = fl[1] == 1 && f[1][0] == '0';
        fm->ending = dupn(f[1], z1 ? 0 : fl[1]);
        fm->nendings = nf - 2;
        for (size_t k = 2; k < nf; k++) {
            int z = fl[k] == 1 && f[k][0] == '0';
            if (tt_buf_append(&eb, f[k], z ? 0 : fl[k]) || tt_buf_putc(&eb, 0)) {
                tt_buf_free(&eb);
                free(fm->ending);
                return TT_ENOMEM;
            }
        }
        fm->endings = tt_buf_detach(&eb, NULL);
        c->nform++;
        if (!fm->ending || !fm->endings)
            return TT_ENOMEM;
        return 0;
    }
    char kw[64];
    snprintf(kw, sizeof kw, "%.*s", (int)(fl[0] < 60 ? fl[0] : 60), f[0]);
    return gerr(p, f[0], "unknown grammar statement '%s'", kw);
#undef KW
}

int
lx_grammar_parse(lx_grammar **out, const char *path, const char *s, size_t n, tt_lang lang, tt_error *err)
{
    *out = NULL;
    lx_grammar *g = calloc(1, sizeof *g);
    if (!g)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    g->lang = lang;
    g->min_stem = 3;
    gparse p = {g, path, s, 0, err};
    int rc = 0;
    if (tag_id(g, "STEM", 4, 1) != TAG_STEM || tag_id(g, "EXTRA", 5, 1) != TAG_EXTRA ||
        add_class(&p, "exact", 5, NULL, 0, NULL)) {
        lx_grammar_free(g);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    tt_lines r;
    const char *ls, *le, *bad;
    tt_lines_init(&r, s, n);
    while (rc == 0 && tt_lines_next(&r, &ls, &le, &bad)) {
        p.lineno = r.lineno;
        p.line = ls;
        if (bad != le) {
            rc = gerr(&p, bad, "invalid UTF-8 or NUL byte");
            break;
        }
        const char *hash = memchr(ls, '#', (size_t)(le - ls));
        rc = parse_line(&p, ls, (size_t)((hash ? hash : le) - ls));
    }
    if (rc == 0 && g->method == LX_METHOD_SNOWBALL && g->snowball[0] == 0)
        rc = gerr(&p, NULL, "no snowball algorithm");
    if (rc) {
        if (rc == TT_ENOMEM)
            tt_error_set(err, TT_ENOMEM, "out of memory");
        lx_grammar_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

int
lx_grammar_load(lx_grammar **out, const char *data_dir, tt_lang lang, tt_error *err)
{
    char path[1200];
    *out = NULL;
    snprintf(path, sizeof path, "%s/morph/%s.grammar", data_dir ? data_dir : tt_data_dir(), tt_lang_name(lang));
    tt_buf b = {0};
    int opened;
    int rc = tt_file_append(path, &b, &opened);
    if (rc) {
        tt_buf_free(&b);
        if (rc == TT_ENOMEM)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tt_error_set(err, TT_EIO, opened ? "cannot read grammar" : "cannot open grammar");
        tt_error_at(err, path, 0, 0);
        return TT_EIO;
    }
    rc = lx_grammar_parse(out, path, b.data ? b.data : "", b.len, lang, err);
    tt_buf_free(&b);
    return rc;
}

