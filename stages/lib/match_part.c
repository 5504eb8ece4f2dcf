/* match_part.c - the test of one entry part against one word (a match form): lemma + suffix chain (morph.h),
 * Snowball stem sets with weak stems, exact forms, globs and regexes (PCRE2 with the run's limits); with the
 * reason for `lexicon explain`. */
#include "match_priv.h"

#include "tt/utf8.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- single-part tests ---- */
/* Can w[0..wn) hold a character that tt_utf8_step reads as the ASCII c: the byte c itself, or an overlong form
 * (a lead byte 0xC0, 0xC1, 0xE0 or 0xF0)? */
static int
may_hold(const char *w, size_t wn, unsigned char c)
{
    for (size_t i = 0; i < wn; i++) {
        unsigned char x = (unsigned char)w[i];
        if (x == c || x == 0xC0 || x == 0xC1 || x == 0xE0 || x == 0xF0)
            return 1;
    }
    return 0;
}

static int
glob_match(const char *p, size_t pn, const char *w, size_t wn)
{
    /* every literal of the pattern is matched by a character of the word: the first ASCII one must be there */
    for (size_t i = 0; i < pn; i++)
        if (p[i] != '*' && p[i] != '?' && (unsigned char)p[i] < 0x80) {
            if (!may_hold(w, wn, (unsigned char)p[i]))
                return 0;
            break;
        }
    size_t pi = 0, wi = 0, star_p = (size_t)-1, star_w = 0;
    while (wi < wn) {
        if (pi < pn && p[pi] == '*') {
            star_p = ++pi;
            star_w = wi;
            continue;
        }
        if (pi < pn && p[pi] == '?') {
            pi++;
            tt_utf8_step(w, wn, &wi);
            continue;
        }
        if (pi < pn) {
            size_t a = pi, b = wi;
            if (tt_utf8_step(p, pn, &a) == tt_utf8_step(w, wn, &b)) {
                pi = a;
                wi = b;
                continue;
            }
        }
        if (star_p == (size_t)-1)
            return 0;
        pi = star_p;
        tt_utf8_step(w, wn, &star_w);
        wi = star_w;
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

static const lx_entry *
part_entry(const tt_lexicon *lx, const lx_part *p)
{
    for (size_t i = 0; i < lx->nentries; i++) {
        const lx_entry *e = &lx->entries[i];
        if (p >= e->parts && p < e->parts + e->nparts)
            return e;
    }
    return NULL;
}

/* The weak stem p->stems[i] matches w[0..n) only if w begins with a longer stem of the set or with the lemma. */
static int
weak_ok(const lx_part *p, size_t i, const char *w, size_t n)
{
    size_t li = strlen(p->stems[i]);
    if (n >= p->formlen && memcmp(w, p->form, p->formlen) == 0)
        return 1;
    for (size_t j = 0; j < p->nstems; j++) {
        size_t lj = strlen(p->stems[j]);
        if (lj > li && n >= lj && memcmp(w, p->stems[j], lj) == 0)
            return 1;
    }
    return 0;
}

int
lx_part_matches(tt_matcher *m, const tt_lexicon *lx, const lx_part *p, tt_lang lang, const char *w, size_t n,
                tt_buf *why, tt_error *err)
{
    const lx_grammar *g = lx->gram[lang];
    switch (p->kind) {
    case LX_P_EXACT:
        if (n == p->formlen && memcmp(w, p->form, n) == 0) {
            if (why)
                tt_buf_puts(why, "exact form");
            return 1;
        }
        return 0;
    case LX_P_GLOB:
        if (glob_match(p->form, p->formlen, w, n)) {
            if (why)
                tt_buf_printf(why, "glob '%s'", p->form);
            return 1;
        }
        return 0;
    case LX_P_REGEX: {
        int rc = pcre2_match(p->re, (PCRE2_SPTR)w, n, 0, 0, m->md, m->mc);
        if (rc >= 0) {
            if (why)
                tt_buf_printf(why, "regex /%s/", p->form);
            return 1;
        }
        if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
            return 0;
        const lx_entry *e = part_entry(lx, p);
        char msg[200];
        pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
        char lim[120] = "";
        if (rc == PCRE2_ERROR_MATCHLIMIT)
            snprintf(lim, sizeof lim, " (limit %llu per token; --regex-match-limit raises it)",
                     (unsigned long long)lx->opts.match_limit);
        else if (rc == PCRE2_ERROR_DEPTHLIMIT)
            snprintf(lim, sizeof lim, " (limit %u; --regex-depth-limit raises it)", lx->opts.depth_limit);
        return tt_error_set(err, TT_EPCRE, "regex /%s/ of entry %s failed on token '%.*s': %s%s", p->form,
                            e ? e->where : "?", (int)(n > 200 ? 200 : n), w, msg, lim);
    }
    default:
        break;
    }
    if (!g)
        return 0;
    if (lx_grammar_method(g) == LX_METHOD_SNOWBALL) {
        struct sb_stemmer *sb = m->sb[lang];
        if (!sb)
            return 0;
        const sb_symbol *st = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
        if (!st)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        size_t sl = (size_t)sb_stemmer_length(sb);
        for (size_t i = 0; i < p->nstems; i++) {
            if (strlen(p->stems[i]) != sl || memcmp(p->stems[i], st, sl) != 0)
                continue;
            if (p->weak[i] && !weak_ok(p, i, w, n))
                return 0;
            if (why)
                tt_buf_printf(why, "Snowball stem '%s'%s of lemma '%s'", p->stems[i],
                              p->weak[i] ? " (weak: the token begins with a longer stem or the lemma)" : "",
                              p->form);
            return 1;
        }
        return 0;
    }
    size_t mark = why ? why->len : 0;
    if (why)
        tt_buf_puts(why, "suffixes ");
    if (lx_grammar_analyze(g, p->cls, p->form, p->formlen, p->extra, w, n, why))
        return 1;
    if (p->stem2) {
        if (why) {
            why->len = mark;
            tt_buf_puts(why, "oblique stem: ");
        }
        if (lx_grammar_analyze(g, p->cls, p->stem2, p->stem2len, p->extra, w, n, why))
            return 1;
    }
    if (why) {
        why->len = mark;
        if (why->data)
            why->data[mark] = 0;
    }
    return 0;
}

