/* morph.c - morphology grammars (lexicons/morph/<lang>.grammar): loading them, and the suffix-chain engine
 * that decides whether a token is an inflected form of a lemma (kk, uz, en), strips the longest chain (for
 * tt_stem), generates sample forms (for `lexicon check`), and the Russian ending tables that give a lemma's
 * genitive singular and nominative plural (for Snowball stem sets). The grammar format is described at the
 * top of each .grammar file and in lexicons/README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_priv.h"
#include "tt/utf8.h"

#define MAX_SLOTS 24
#define TAG_STEM 0
#define TAG_EXTRA 1

enum { C_SET = 1, C_LETTER, C_TAG };

typedef struct gcond {
    int type, neg;
    uint32_t val; /* set index, code point, or tag id */
} gcond;

typedef struct gmorph {
    char *s;
    size_t n;
    uint32_t first, last; /* first and last code points */
    int tag;
    gcond *cond;
    size_t ncond;
} gmorph;

typedef struct gslot {
    char *name;
    gmorph *m;
    size_t nm, capm;
} gslot;

typedef struct gform {
    char *ending; /* "" for the empty ending */
    char *endings; /* the forms' endings (GEN PL [more]), each NUL-ended, back to back ("" = empty) */
    size_t nendings;
} gform;

typedef struct gclass {
    char *name;
    int alias; /* -1, or the class it is an alias of */
    gslot *slot;
    size_t nslot;
    gform *form;
    size_t nform, capform;
} gclass;

typedef struct gset {
    char *name;
    uint32_t *cp;
    size_t n;
} gset;

typedef struct galt {
    uint32_t from;
    char *to;
    size_t ton;
    gcond *cond;
    size_t ncond;
} galt;

struct lx_grammar {
    tt_lang lang;
    int method;
    char snowball[32];
    int weak;
    int hyphen;
    size_t min_stem;
    gset *set;
    size_t nset;
    galt *alt;
    size_t nalt;
    gclass *cls;
    size_t ncls;
    char **tags; /* tag names; 0 = STEM, 1 = EXTRA */
    size_t ntags;
    char **keep; /* keep-ending: word endings the vocabulary stemmer never cuts into */
    size_t nkeep;
    uint64_t vocab_skip; /* vocab-skip: tags (bit = tag id < 64) the vocabulary stemmer never strips */
};

uint32_t
lx_cp(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    uint32_t c = u[k];
    int len = 1;
    if (c >= 0xF0) {
        len = 4;
        c &= 0x07;
    } else if (c >= 0xE0) {
        len = 3;
        c &= 0x0F;
    } else if (c >= 0xC0) {
        len = 2;
        c &= 0x1F;
    }
    if (len > 1 && k + (size_t)len > n) {
        *i = k + 1;
        return u[k];
    }
    for (int j = 1; j < len; j++) {
        if ((u[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return u[k];
        }
        c = (c << 6) | (u[k + j] & 0x3F);
    }
    *i = k + (size_t)len;
    return c;
}

/* Code point that ends at s[0..n) and its start. */
static uint32_t
last_cp(const char *s, size_t n, size_t *start)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    while (i > 0 && i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t j = i;
    if (start)
        *start = i;
    return n ? lx_cp(s, n, &j) : 0;
}

static size_t
nchars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* ---- freeing ---- */
static void
free_conds(gcond *c)
{
    free(c);
}

void
lx_grammar_free(lx_grammar *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nset; i++) {
        free(g->set[i].name);
        free(g->set[i].cp);
    }
    free(g->set);
    for (size_t i = 0; i < g->nalt; i++) {
        free(g->alt[i].to);
        free_conds(g->alt[i].cond);
    }
    free(g->alt);
    for (size_t i = 0; i < g->nkeep; i++)
        free(g->keep[i]);
    free(g->keep);
    for (size_t i = 0; i < g->ncls; i++) {
        gclass *c = &g->cls[i];
        free(c->name);
        if (c->alias < 0) {
            for (size_t s = 0; s < c->nslot; s++) {
                for (size_t k = 0; k < c->slot[s].nm; k++) {
                    free(c->slot[s].m[k].s);
                    free_conds(c->slot[s].m[k].cond);
                }
                free(c->slot[s].m);
                free(c->slot[s].name);
            }
            free(c->slot);
            for (size_t k = 0; k < c->nform; k++) {
                free(c->form[k].ending);
                free(c->form[k].endings);
            }
            free(c->form);
        }
    }
    free(g->cls);
    for (size_t i = 0; i < g->ntags; i++)
        free(g->tags[i]);
    free(g->tags);
    free(g);
}

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
    size_t col = at ? nchars(p->line, (size_t)(at - p->line)) + 1 : 0;
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
    uint32_t cp = lx_cp(f, fl, &i);
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
                one = lx_cp(f[i], fl[i], &k);
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
        uint32_t from = lx_cp(f[1], fl[1], &k);
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
            m->first = lx_cp(m->s, m->n, &z);
            m->last = last_cp(m->s, m->n, NULL);
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
    lx_lines r;
    const char *ls, *le, *bad;
    lx_lines_init(&r, s, n);
    while (rc == 0 && lx_lines_next(&r, &ls, &le, &bad)) {
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
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        tt_error_set(err, TT_EIO, "cannot open grammar");
        tt_error_at(err, path, 0, 0);
        return TT_EIO;
    }
    tt_buf b = {0};
    char chunk[8192];
    size_t k;
    int rc = 0;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        if ((rc = tt_buf_append(&b, chunk, k)) != 0)
            break;
    int bad = ferror(fp);
    fclose(fp);
    if (rc || bad) {
        tt_buf_free(&b);
        if (rc)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tt_error_set(err, TT_EIO, "cannot read grammar");
        tt_error_at(err, path, 0, 0);
        return TT_EIO;
    }
    rc = lx_grammar_parse(out, path, b.data ? b.data : "", b.len, lang, err);
    tt_buf_free(&b);
    return rc;
}

int
lx_grammar_method(const lx_grammar *g)
{
    return g->method;
}

const char *
lx_grammar_snowball(const lx_grammar *g)
{
    return g->method == LX_METHOD_SNOWBALL ? g->snowball : NULL;
}

int
lx_grammar_weak_stems(const lx_grammar *g)
{
    return g->weak;
}

size_t
lx_grammar_min_stem(const lx_grammar *g)
{
    return g->min_stem;
}

int
lx_grammar_class(const lx_grammar *g, const char *name, size_t n)
{
    for (size_t i = 0; i < g->ncls; i++)
        if (strlen(g->cls[i].name) == n && memcmp(g->cls[i].name, name, n) == 0)
            return (int)i;
    return -1;
}

const char *
lx_grammar_class_name(const lx_grammar *g, int cls)
{
    return cls >= 0 && (size_t)cls < g->ncls ? g->cls[cls].name : "?";
}

static const gclass *
resolve(const lx_grammar *g, int cls)
{
    if (cls < 0 || (size_t)cls >= g->ncls)
        return NULL;
    const gclass *c = &g->cls[cls];
    return c->alias >= 0 ? &g->cls[c->alias] : c;
}

/* ---- analysis ---- */
static int
in_set(const gset *s, uint32_t cp)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->cp[i] == cp)
            return 1;
    return 0;
}

static int
cond_ok(const lx_grammar *g, const gcond *c, size_t nc, uint32_t prev, int prevtag)
{
    int havepos = 0, pos = 0;
    for (size_t i = 0; i < nc; i++) {
        int hit;
        switch (c[i].type) {
        case C_SET:
            hit = in_set(&g->set[c[i].val], prev);
            break;
        case C_LETTER:
            hit = c[i].val == prev;
            break;
        default:
            hit = (int)c[i].val == prevtag;
        }
        if (c[i].neg) {
            if (hit)
                return 0;
        } else {
            havepos = 1;
            pos |= hit;
        }
    }
    return !havepos || pos;
}

typedef struct actx {
    const lx_grammar *g;
    const gclass *c;
    const char *w;
    size_t n;
    const char *extra;
    size_t cuts[MAX_SLOTS + 4];
    size_t ncuts;
    uint64_t skip; /* tags not to strip (vocabulary stemming only) */
} actx;

static int
chain(actx *a, size_t pos, size_t slot, uint32_t prev, int prevtag, int extra_done, size_t depth)
{
    if (pos == a->n) {
        a->ncuts = depth;
        return 1;
    }
    if (depth >= MAX_SLOTS + 3)
        return 0;
    const char *r = a->w + pos;
    size_t rn = a->n - pos;
    if (a->extra && !extra_done && slot == 0) {
        for (const char *e = a->extra; *e; e += strlen(e) + 1) {
            size_t en = strlen(e);
            if (en <= rn && memcmp(r, e, en) == 0) {
                a->cuts[depth] = pos + en;
                if (chain(a, pos + en, 0, last_cp(e, en, NULL), TAG_EXTRA, 1, depth + 1))
                    return 1;
            }
        }
    }
    for (size_t s = slot; s < a->c->nslot; s++) {
        const gslot *sl = &a->c->slot[s];
        for (size_t k = 0; k < sl->nm; k++) {
            const gmorph *m = &sl->m[k];
            if (m->n > rn || memcmp(r, m->s, m->n) != 0)
                continue;
            if (!cond_ok(a->g, m->cond, m->ncond, prev, prevtag))
                continue;
            if (m->tag >= 0 && m->tag < 64 && (a->skip >> m->tag & 1))
                continue;
            a->cuts[depth] = pos + m->n;
            if (chain(a, pos + m->n, s + 1, m->last, m->tag, 1, depth + 1))
                return 1;
        }
    }
    return 0;
}

/* Tries w = base + (hyphen) + chain, where base = w[0..bn). */
static int
try_base(actx *a, size_t bn, int alt_cond_idx)
{
    size_t pos = bn;
    uint32_t prev = last_cp(a->w, bn, NULL);
    a->cuts[0] = bn;
    if (alt_cond_idx >= 0) {
        const galt *al = &a->g->alt[alt_cond_idx];
        size_t z = pos;
        if (pos >= a->n)
            return 0;
        uint32_t nx = lx_cp(a->w, a->n, &z);
        if (!cond_ok(a->g, al->cond, al->ncond, nx, -1))
            return 0;
    }
    if (chain(a, pos, 0, prev, TAG_STEM, 0, 1))
        return 1;
    if (a->g->hyphen && pos + 1 < a->n && a->w[pos] == '-' && alt_cond_idx < 0) {
        a->cuts[1] = pos + 1;
        if (chain(a, pos + 1, 0, prev, TAG_STEM, 0, 2))
            return 1;
    }
    return 0;
}

static void
write_why(const actx *a, tt_buf *why)
{
    size_t prev = 0;
    for (size_t i = 0; i < a->ncuts; i++) {
        if (i)
            tt_buf_putc(why, '+');
        tt_buf_append(why, a->w + prev, a->cuts[i] - prev);
        prev = a->cuts[i];
    }
}

int
lx_grammar_analyze(const lx_grammar *g, int cls, const char *stem, size_t sn, const char *extra,
                   const char *w, size_t wn, tt_buf *why)
{
    const gclass *c = resolve(g, cls);
    if (!c || sn == 0 || wn < sn - (sn > 4 ? 4 : sn))
        return 0;
    actx a = {g, c, w, wn, extra, {0}, 0, 0};
    if (wn >= sn && memcmp(w, stem, sn) == 0) {
        if (wn == sn) {
            if (why)
                tt_buf_append(why, w, wn);
            return 1;
        }
        if (try_base(&a, sn, -1)) {
            if (why)
                write_why(&a, why);
            return 1;
        }
    }
    size_t ls;
    uint32_t lc = last_cp(stem, sn, &ls);
    for (size_t i = 0; i < g->nalt; i++) {
        const galt *al = &g->alt[i];
        if (al->from != lc)
            continue;
        size_t bn = ls + al->ton;
        if (wn <= bn || memcmp(w, stem, ls) != 0 || memcmp(w + ls, al->to, al->ton) != 0)
            continue;
        if (bn == 0)
            continue;
        if (try_base(&a, bn, (int)i)) {
            if (why)
                write_why(&a, why);
            return 1;
        }
    }
    return 0;
}

int
lx_grammar_strip(const lx_grammar *g, const char *w, size_t wn, tt_buf *out)
{
    size_t i = 0, k = 0;
    /* stems from the shortest allowed up: the first that leaves a whole chain wins */
    while (i < wn) {
        lx_cp(w, wn, &i);
        k++;
        if (k < g->min_stem)
            continue;
        if (i >= wn)
            break;
        for (size_t ci = 1; ci < g->ncls; ci++) {
            const gclass *c = resolve(g, (int)ci);
            if (!c->nslot)
                continue;
            actx a = {g, c, w, wn, NULL, {0}, 0, g->vocab_skip};
            if (!try_base(&a, i, -1))
                continue;
            /* undo a stem-final alternation (qazağ+y -> qazaq) */
            size_t ls;
            uint32_t lc = last_cp(w, i, &ls);
            size_t z = i;
            uint32_t nx = lx_cp(w, wn, &z);
            for (size_t t = 0; t < g->nalt; t++) {
                const galt *al = &g->alt[t];
                if (al->ton == 0 || i < al->ton || memcmp(w + i - al->ton, al->to, al->ton) != 0)
                    continue;
                if (!cond_ok(g, al->cond, al->ncond, nx, -1))
                    continue;
                char fb[8];
                size_t fn = 0;
                uint32_t f = al->from;
                if (f < 0x80)
                    fb[fn++] = (char)f;
                else if (f < 0x800) {
                    fb[fn++] = (char)(0xC0 | (f >> 6));
                    fb[fn++] = (char)(0x80 | (f & 0x3F));
                } else {
                    fb[fn++] = (char)(0xE0 | (f >> 12));
                    fb[fn++] = (char)(0x80 | ((f >> 6) & 0x3F));
                    fb[fn++] = (char)(0x80 | (f & 0x3F));
                }
                (void)lc;
                (void)ls;
                if (tt_buf_append(out, w, i - al->ton) || tt_buf_append(out, fb, fn))
                    return TT_ENOMEM;
                return (int)i;
            }
            if (tt_buf_append(out, w, i))
                return TT_ENOMEM;
            return (int)i;
        }
    }
    if (tt_buf_append(out, w, wn))
        return TT_ENOMEM;
    return (int)wn;
}

/* ---- generation (samples for `lexicon check`) ---- */
typedef struct gen_ctx {
    const lx_grammar *g;
    const gclass *c;
    tt_buf *out;
    size_t max, count;
    char form[512];
    char desc[512];
} gen_ctx;

static int
gen_rec(gen_ctx *x, size_t fn, size_t dn, size_t slot, uint32_t prev, int prevtag, size_t depth_left)
{
    if (x->count >= x->max)
        return 0;
    if (depth_left == 0) {
        if (tt_buf_append(x->out, x->form, fn) || tt_buf_putc(x->out, '\t') ||
            tt_buf_append(x->out, x->desc, dn) || tt_buf_putc(x->out, '\n'))
            return TT_ENOMEM;
        x->count++;
        return 0;
    }
    for (size_t s = slot; s < x->c->nslot; s++) {
        const gslot *sl = &x->c->slot[s];
        /* the first allomorph that fits: one sample per slot, not every harmony variant */
        for (size_t k = 0; k < sl->nm; k++) {
            const gmorph *m = &sl->m[k];
            if (!cond_ok(x->g, m->cond, m->ncond, prev, prevtag))
                continue;
            size_t sn = strlen(sl->name);
            if (fn + m->n >= sizeof x->form || dn + sn + 2 >= sizeof x->desc)
                return 0;
            memcpy(x->form + fn, m->s, m->n);
            x->desc[dn] = '+';
            memcpy(x->desc + dn + 1, sl->name, sn);
            int rc = gen_rec(x, fn + m->n, dn + 1 + sn, s + 1, m->last, m->tag, depth_left - 1);
            if (rc)
                return rc;
            break;
        }
    }
    return 0;
}

int
lx_grammar_generate(const lx_grammar *g, int cls, const char *stem, size_t sn, size_t max, tt_buf *out)
{
    const gclass *c = resolve(g, cls);
    if (!c || sn >= 256)
        return 0;
    gen_ctx x = {g, c, out, max, 0, {0}, {0}};
    memcpy(x.form, stem, sn);
    uint32_t prev = last_cp(stem, sn, NULL);
    for (size_t d = 1; d <= 3 && x.count < max; d++) {
        int rc = gen_rec(&x, sn, 0, 0, prev, TAG_STEM, d);
        if (rc)
            return rc;
    }
    return 0;
}

int
lx_grammar_forms(const lx_grammar *g, int cls, const char *lemma, size_t n, tt_buf *out)
{
    const gclass *c = resolve(g, cls);
    const gform *best = NULL;
    size_t bestlen = 0;
    for (size_t i = 0; c && i < c->nform; i++) {
        size_t el = strlen(c->form[i].ending);
        if (el > n || memcmp(lemma + n - el, c->form[i].ending, el) != 0)
            continue;
        if (!best || el > bestlen) {
            best = &c->form[i];
            bestlen = el;
        }
    }
    if (best && bestlen < n) {
        const char *e = best->endings;
        for (size_t k = 0; k < best->nendings; k++, e += strlen(e) + 1)
            if (tt_buf_append(out, lemma, n - bestlen) || tt_buf_puts(out, e) || tt_buf_putc(out, 0))
                return TT_ENOMEM;
        return 0;
    }
    if (tt_buf_putc(out, 0) || tt_buf_putc(out, 0))
        return TT_ENOMEM;
    return 0;
}

/* ---- vocabulary stemming helpers (tt_stem_word, stem.c) ---- */

size_t
lx_grammar_keep(const lx_grammar *g, const char *w, size_t wn, size_t sn)
{
    for (size_t i = 0; i < g->nkeep; i++) {
        size_t en = strlen(g->keep[i]);
        /* the last occurrence of the ending that the cut at sn falls into or before */
        for (size_t p = wn >= en ? wn - en + 1 : 0; p-- > 0;) {
            if (memcmp(w + p, g->keep[i], en) != 0)
                continue;
            if (sn >= p + en)
                break;
            if (p + en == wn)
                return wn;
            for (size_t ci = 1; ci < g->ncls; ci++) {
                const gclass *c = resolve(g, (int)ci);
                actx a = {g, c, w, wn, NULL, {0}, 0, g->vocab_skip};
                if (c->nslot && try_base(&a, p + en, -1))
                    return p + en;
            }
            break;
        }
    }
    return sn;
}

int
lx_grammar_strip_slot(const lx_grammar *g, const char *slot, const char *w, size_t wn, tt_buf *out)
{
    const gclass *c = resolve(g, lx_grammar_class(g, "noun", 4));
    const gslot *sl = NULL;
    for (size_t s = 0; c && s < c->nslot; s++)
        if (!strcmp(c->slot[s].name, slot))
            sl = &c->slot[s];
    size_t best = wn;
    for (size_t k = 0; sl && k < sl->nm; k++) {
        const gmorph *m = &sl->m[k];
        if (m->n >= wn || memcmp(w + wn - m->n, m->s, m->n) != 0)
            continue;
        size_t bn = wn - m->n;
        if (tt_utf8_chars(w, bn) < g->min_stem || (best < wn && bn <= best))
            continue;
        if (cond_ok(g, m->cond, m->ncond, last_cp(w, bn, NULL), TAG_STEM))
            best = bn;
    }
    if (best < wn && g->hyphen && w[best - 1] == '-')
        best--;
    return tt_buf_append(out, w, best) ? TT_ENOMEM : (int)best;
}
