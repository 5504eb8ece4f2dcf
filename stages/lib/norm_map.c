/* norm_map.c - a transliteration pass that is only literal rules ("ә > ä ;", "i \u0307 > i ;", "[’ʼ] > \' ;"), applied
 * without ICU (norm_impl.h, nz_map_*).
 *
 * Why: ICU's RuleBasedTransliterator takes one process-wide mutex for every call (rbt.cpp, handleTransliterate),
 * so two workers that transliterate words at the same time take turns: 861 waits in one --jobs 2 run of the 100 MB
 * bench corpus (perf record -e sched:sched_switch, all in umtx_lock under handleTransliterate). A pass whose rules
 * have no context, no variables, no anchors and no cursor is a table: at each position the first rule (in file
 * order) whose key is there applies, its output is written and the position moves past the key, which is what ICU
 * does for such rules. Any other pass stays ICU's. ICU still compiles every pass (its syntax errors are the
 * loader's), TT_TRANSLIT=icu runs every pass through ICU, and test_translit compares the two on every rule set.
 *
 * The grammar read here, a subset of ICU's rule syntax: rules separated by ';', each KEY '>' OUTPUT, where KEY is
 * one or more literals or one set of literals ('[' literals ']') and OUTPUT zero or more literals; a literal is an
 * ASCII letter or digit, a letter or mark above U+007F, "\uXXXX" (not a surrogate), a backslash and one ASCII
 * character that is not a letter or digit, or text in single quotes ('' is a quote); white space (ICU's
 * Pattern_White_Space) between literals is ignored; '#' where a rule may begin starts a comment to the end of the
 * line. Anything else (::, $, {, }, ^, |, <, '#' elsewhere, ranges, properties) makes the block "not a map". */
#include "norm_impl.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#define MAP_KEY 8  /* UTF-16 units of a key */
#define MAP_OUT 16 /* of an output */

typedef struct map_rule {
    UChar key[MAP_KEY], out[MAP_OUT];
    uint8_t nkey, nout;
    uint32_t order; /* its place in the rules */
} map_rule;

struct nz_map {
    map_rule *rule; /* by the key's first unit, then in the rules' order (the first that matches applies) */
    size_t nrule;
    uint8_t first[0x10000 / 8]; /* a rule's key may begin with this unit */
};

static int
cmp_rule(const void *a, const void *b)
{
    const map_rule *x = a, *y = b;
    if (x->key[0] != y->key[0])
        return x->key[0] < y->key[0] ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct {
    const UChar *s;
    int32_t i, n;
} rd;

/* White space skipped (ICU's Pattern_White_Space); with comments, also '#' to the end of the line: only where a
 * rule may begin, as ICU reads them (a '#' anywhere else makes the block not a table: ICU may read it otherwise). */
static void
skip_space_c(rd *r, int comments)
{
    for (;;) {
        while (r->i < r->n && u_hasBinaryProperty(r->s[r->i], UCHAR_PATTERN_WHITE_SPACE)) /* as ICU's parser */
            r->i++;
        if (comments && r->i < r->n && r->s[r->i] == '#') {
            while (r->i < r->n && r->s[r->i] != '\n')
                r->i++;
            continue;
        }
        return;
    }
}

static void
skip_space(rd *r)
{
    skip_space_c(r, 0);
}

static int
hex4(const UChar *s, UChar *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        UChar c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        v = v * 16 + (unsigned)d;
    }
    *out = (UChar)v;
    return 1;
}

/* One literal at r (white space skipped before it) appended to buf[*len] (at most cap): 1, 0 when what stands
 * there is not a literal (nothing consumed), -1 when it is one this grammar does not take or does not fit. */
static int
literal_in(rd *r, UChar *buf, uint8_t *len, size_t cap, int in_set)
{
    skip_space(r);
    if (r->i >= r->n)
        return 0;
    UChar c = r->s[r->i];
    if (c == '\'' && in_set)
        return -1; /* quotes in a set are read by ICU's set parser, with its own rules for white space */
    if (c == '\'') { /* quoted text; '' is a quote */
        r->i++;
        if (r->i < r->n && r->s[r->i] == '\'') {
            r->i++;
            if (*len >= cap)
                return -1;
            buf[(*len)++] = '\'';
            return 1;
        }
        for (;;) { /* to the closing quote; '' inside is a quote, as in ICU */
            if (r->i >= r->n)
                return -1;
            UChar q = r->s[r->i];
            if (q == '\'' && r->i + 1 < r->n && r->s[r->i + 1] == '\'') {
                r->i++; /* the first of the two; the second is written below */
            } else if (q == '\'') {
                r->i++;
                return 1;
            } else if (q == '\\') {
                return -1;
            }
            if (*len >= cap)
                return -1;
            buf[(*len)++] = r->s[r->i++];
        }
    }
    if (c == '\\') {
        if (r->i + 1 >= r->n)
            return -1;
        UChar e = r->s[r->i + 1], v;
        if (e == 'u') {
            if (r->i + 6 > r->n || !hex4(r->s + r->i + 2, &v))
                return -1;
            r->i += 6;
        } else if (e < 0x80 && !(e >= '0' && e <= '9') && !(e >= 'a' && e <= 'z') && !(e >= 'A' && e <= 'Z')) {
            v = e; /* \' \\ \- ...: the character itself */
            r->i += 2;
        } else {
            return -1; /* \x{...}, \U, \N{...}, \t ...: not read here */
        }
        if (*len >= cap || U16_IS_SURROGATE(v))
            return -1;
        buf[(*len)++] = v;
        return 1;
    }
    /* ASCII letters and digits; above U+007F only letters and marks (ICU's rule syntax gives meaning to some
       symbols there, such as the arrows) */
    int plain = c < 0x80 ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                         : !U16_IS_SURROGATE(c) && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
    if (!plain)
        return 0;
    if (*len >= cap)
        return -1;
    buf[(*len)++] = c;
    r->i++;
    return 1;
}

static int
literal(rd *r, UChar *buf, uint8_t *len, size_t cap)
{
    return literal_in(r, buf, len, cap, 0);
}

static int
add_rule(nz_map *m, size_t *cap, const UChar *key, uint8_t nkey, const UChar *out, uint8_t nout)
{
    if (m->nrule == *cap) {
        size_t nc = *cap ? 2 * *cap : 32;
        map_rule *p = realloc(m->rule, nc * sizeof *p);
        if (!p)
            return -1;
        m->rule = p;
        *cap = nc;
    }
    map_rule *x = &m->rule[m->nrule++];
    memset(x, 0, sizeof *x);
    memcpy(x->key, key, sizeof(UChar) * nkey);
    memcpy(x->out, out, sizeof(UChar) * nout);
    x->nkey = nkey;
    x->nout = nout;
    x->order = (uint32_t)(m->nrule - 1);
    m->first[key[0] >> 3] |= (uint8_t)(1u << (key[0] & 7));
    return 0;
}

int
nz_map_parse(const UChar *s, int32_t n, nz_map **out)
{
    *out = NULL;
    nz_map *m = calloc(1, sizeof *m);
    if (!m)
        return -1;
    size_t cap = 0;
    rd r = {s, 0, n};
    int ok = 1;
    for (;;) {
        skip_space_c(&r, 1); /* where a rule begins: comments too */
        if (r.i >= r.n)
            break;
        if (r.s[r.i] == ';') { /* an empty rule */
            r.i++;
            continue;
        }
        UChar key[MAP_KEY], set[64], outb[MAP_OUT];
        uint8_t nkey = 0, nset = 0, nout = 0;
        int lr;
        if (r.s[r.i] == '[') { /* a set of literals */
            r.i++;
            while ((lr = literal_in(&r, set, &nset, sizeof set / sizeof *set, 1)) == 1)
                ;
            skip_space(&r);
            if (lr < 0 || nset == 0 || r.i >= r.n || r.s[r.i] != ']') {
                ok = 0;
                break;
            }
            r.i++;
        } else {
            while ((lr = literal(&r, key, &nkey, MAP_KEY)) == 1)
                ;
            if (lr < 0 || nkey == 0) {
                ok = 0;
                break;
            }
        }
        skip_space(&r);
        if (r.i >= r.n || r.s[r.i] != '>') {
            ok = 0;
            break;
        }
        r.i++;
        while ((lr = literal(&r, outb, &nout, MAP_OUT)) == 1)
            ;
        skip_space(&r);
        if (lr < 0 || r.i >= r.n || r.s[r.i] != ';') {
            ok = 0;
            break;
        }
        r.i++;
        int e = 0;
        if (nset)
            for (uint8_t k = 0; k < nset && !e; k++)
                e = add_rule(m, &cap, &set[k], 1, outb, nout);
        else
            e = add_rule(m, &cap, key, nkey, outb, nout);
        if (e) {
            nz_map_free(m);
            return -1;
        }
    }
    if (!ok || m->nrule == 0) {
        nz_map_free(m);
        return 0;
    }
    qsort(m->rule, m->nrule, sizeof *m->rule, cmp_rule);
    *out = m;
    return 1;
}

int32_t
nz_map_apply(const nz_map *m, const UChar *in, int32_t n, UChar *out, int32_t cap)
{
    int32_t o = 0;
    for (int32_t i = 0; i < n;) {
        UChar c = in[i];
        const map_rule *hit = NULL;
        if (m->first[c >> 3] & (1u << (c & 7))) {
            size_t lo = 0, hi = m->nrule; /* the first rule whose key begins with c */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (m->rule[mid].key[0] < c)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t k = lo; k < m->nrule && m->rule[k].key[0] == c && !hit; k++) {
                const map_rule *x = &m->rule[k];
                if (x->nkey <= n - i && memcmp(x->key, in + i, sizeof(UChar) * x->nkey) == 0)
                    hit = x;
            }
        }
        if (!hit) {
            if (o < cap)
                out[o] = c;
            o++;
            i++;
            continue;
        }
        for (uint8_t k = 0; k < hit->nout; k++, o++)
            if (o < cap)
                out[o] = hit->out[k];
        i += hit->nkey;
    }
    return o;
}

void
nz_map_free(nz_map *m)
{
    if (!m)
        return;
    free(m->rule);
    free(m);
}
