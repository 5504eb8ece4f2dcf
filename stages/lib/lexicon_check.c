/* lexicon_check.c - `pipeline lexicon check` (tt_lexicon_check: entries that can never match, collide, split
 * badly, or need a grammar; sample forms each lemma entry matches) and `pipeline lexicon explain`
 * (tt_matcher_explain: which entries match one word, and why). Above the matcher: it asks the matcher's own
 * part test (match_priv.h), so what it reports is what the pipeline does. */
#include "match_priv.h"
#include "tt/compound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
part_kind_name(int k)
{
    switch (k) {
    case LX_P_LEMMA:
        return "lemma";
    case LX_P_EXACT:
        return "exact";
    case LX_P_GLOB:
        return "glob";
    default:
        return "regex";
    }
}

/* 1 if an exclusion of concept c with a case condition matches the form w (so that c's entries give way on some
 * tokens), 0 if none, or TT_E*. */
static int
cond_excluded(const tt_lexicon *lx, tt_matcher *m, uint32_t c, tt_lang lang, const char *w, size_t n, tt_error *err)
{
    for (size_t j = 0; j < lx->nentries; j++) {
        const lx_entry *x = &lx->entries[j];
        if (!x->exclude || !x->ccase || x->concept != c || x->lang != lang || x->nparts != 1)
            continue;
        int ok = lx_part_matches(m, lx, &x->parts[0], lang, w, n, NULL, err);
        if (ok)
            return ok;
    }
    return 0;
}

int
tt_lexicon_check(const tt_lexicon *lx, tt_matcher *m, tt_buf *report, size_t *nwarnings, tt_error *err)
{
    size_t nw = 0;
    tt_buf gen = {0}, why = {0};
    int rc = 0;
    for (size_t i = 0; i < lx->nentries && rc == 0; i++) {
        const lx_entry *e = &lx->entries[i];
        const tt_concept *c = &lx->concepts[e->concept];
        tt_buf_printf(report, "%s\t%s\t%s\t%s%s\t%s%s\n", e->where, c->id, tt_lang_name(e->lang),
                      e->exclude ? "exclude " : "", e->nparts > 1 ? "multi" : part_kind_name(e->parts[0].kind),
                      e->text,
                      e->ccase == LX_CASE_PROPER    ? "\tcase=proper"
                      : e->ccase == LX_CASE_LOWER   ? "\tcase=lower"
                      : e->ccase == LX_CASE_CAPITAL ? "\tcase=capital"
                                                    : "");
        const lx_grammar *g = lx->gram[e->lang];
        for (size_t k = 0; k < e->nparts; k++) {
            const lx_part *p = &e->parts[k];
            tt_buf_printf(report, "  part %zu: %s '%s'", k + 1, part_kind_name(p->kind), p->form);
            if (p->gap)
                tt_buf_printf(report, " after a gap of up to %u", p->gap);
            if (p->kind == LX_P_LEMMA)
                tt_buf_printf(report, " class=%s", lx_grammar_class_name(g, p->cls));
            if (p->stem2)
                tt_buf_printf(report, " stem2='%s'", p->stem2);
            for (size_t s = 0; s < p->nstems; s++)
                tt_buf_printf(report, "%s%s%s", s ? ", " : " stems: ", p->stems[s], p->weak[s] ? " (weak)" : "");
            tt_buf_putc(report, '\n');
            if (p->kind == LX_P_LEMMA && lx_grammar_method(g) == LX_METHOD_SUFFIX) {
                tt_buf_reset(&gen);
                if (lx_grammar_generate(g, p->cls, p->form, p->formlen, 12, &gen))
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                for (size_t off = 0; rc == 0 && off < gen.len;) {
                    const char *l = gen.data + off, *tab = strchr(l, '\t'), *nl = strchr(l, '\n');
                    tt_buf_reset(&why);
                    int ok = lx_part_matches(m, lx, p, e->lang, l, (size_t)(tab - l), &why, err);
                    if (ok < 0) {
                        rc = ok;
                        break;
                    }
                    tt_buf_printf(report, "    %.*s\t%.*s%s\n", (int)(tab - l), l, (int)(nl - tab - 1), tab + 1,
                                  ok ? "" : "\t(not matched!)");
                    off = (size_t)(nl - gen.data) + 1;
                }
            }
        }
        if (e->warn & LX_W_SPLIT) {
            tt_buf_printf(report, "%s: warning: the tokenizer splits '%s' into several tokens: it can never match "
                                  "as one word (write a multi entry)\n",
                          e->where, e->text);
            nw++;
        }
        /* an earlier entry of another concept that matches this entry's own form wins every tie */
        if (e->nparts == 1 && !e->exclude && e->parts[0].kind != LX_P_REGEX && e->parts[0].kind != LX_P_GLOB) {
            const lx_part *p = &e->parts[0];
            for (size_t j = 0; j < i; j++) {
                const lx_entry *o = &lx->entries[j];
                /* entries whose case conditions never meet never tie */
                if (o->lang != e->lang || o->nparts != 1 || o->concept == e->concept ||
                    (o->ccase == LX_CASE_LOWER && e->ccase && e->ccase != LX_CASE_LOWER) ||
                    (e->ccase == LX_CASE_LOWER && o->ccase && o->ccase != LX_CASE_LOWER))
                    continue;
                tt_buf_reset(&why);
                int ok = lx_part_matches(m, lx, &o->parts[0], o->lang, p->form, p->formlen, &why, err);
                if (ok < 0) {
                    rc = ok;
                    break;
                }
                if (ok && !o->exclude && !o->ccase) {
                    /* unless a case-conditioned exclusion of o's concept lets this entry win on some tokens */
                    int cx = cond_excluded(lx, m, o->concept, o->lang, p->form, p->formlen, err);
                    if (cx < 0) {
                        rc = cx;
                        break;
                    }
                    if (!cx) {
                        tt_buf_printf(report,
                                      "%s: warning: '%s' is also matched by %s (%s, concept %s), listed earlier: "
                                      "as a single word it always counts there\n",
                                      e->where, p->form, o->where, o->text, lx->concepts[o->concept].id);
                        nw++;
                        break;
                    }
                }
                if (ok && o->exclude && o->concept == e->concept) {
                    tt_buf_printf(report, "%s: warning: excluded by %s\n", e->where, o->where);
                    nw++;
                }
            }
            for (size_t j = 0; j < lx->nentries; j++) {
                const lx_entry *o = &lx->entries[j];
                /* an exclusion with a case condition excludes some tokens, not the form */
                if (!o->exclude || o->concept != e->concept || o->lang != e->lang || o->nparts != 1 || o->ccase)
                    continue;
                tt_buf_reset(&why);
                int ok = lx_part_matches(m, lx, &o->parts[0], o->lang, p->form, p->formlen, &why, err);
                if (ok > 0) {
                    tt_buf_printf(report, "%s: warning: '%s' is excluded by %s (%s): it can never match\n",
                                  e->where, p->form, o->where, o->text);
                    nw++;
                    break;
                }
            }
        }
    }
    tt_buf_free(&gen);
    tt_buf_free(&why);
    if (nwarnings)
        *nwarnings = nw;
    return rc;
}

/* ---- lexicon explain ---- */

static const char *
case_text(int ccase, int multi)
{
    if (ccase == LX_CASE_PROPER)
        return multi ? "where its first token is capitalised and not sentence-initial"
                     : "where the token is capitalised and not sentence-initial";
    if (ccase == LX_CASE_CAPITAL)
        return multi ? "where its first token is capitalised" : "where the token is capitalised";
    return multi ? "where its first token is not capitalised, or is sentence-initial"
                 : "where the token is not capitalised, or is sentence-initial";
}

int
tt_matcher_explain(tt_matcher *m, tt_lang lang, const char *match, size_t n, tt_buf *out, tt_error *err)
{
    const tt_lexicon *lx = m->lx;
    uint32_t flags;
    int rc = lx_collect(m, lang, match, n, 1, &flags, err);
    if (rc)
        return rc;
    if (flags & F_NONWORD)
        return tt_buf_printf(out, "'%.*s' is not a word token: no entry matches\n", (int)n, match) ? TT_ENOMEM : 0;
    size_t pa[TT_MAX_PARTS], pb[TT_MAX_PARTS], np;
    if (!m->ntmp && !(flags & F_EXCL) && (np = tt_hyphen_parts(match, n, pa, pb)) >= 2) {
        /* a hyphenated compound: its parts are matched on their own (matching.md) */
        if (tt_buf_printf(out,
                          "no entry matches the whole of '%.*s' (%s): each of its %zu parts is matched as a word "
                          "of its own (single-word entries, no inflection across the hyphen)\n",
                          (int)n, match, tt_lang_name(lang), np))
            return TT_ENOMEM;
        for (size_t i = 0; i < np; i++) {
            if (tt_buf_printf(out, "part %zu '%.*s': ", i + 1, (int)(pb[i] - pa[i]), match + pa[i]))
                return TT_ENOMEM;
            if ((rc = tt_matcher_explain(m, lang, match + pa[i], pb[i] - pa[i], out, err)))
                return rc;
        }
        return 0;
    }
    if (!m->ntmp)
        return tt_buf_printf(out, "no entry matches '%.*s' (%s)\n", (int)n, match, tt_lang_name(lang)) ? TT_ENOMEM
                                                                                                    : 0;
    for (size_t i = 0; i < m->ntmp; i++) {
        const lx_target *t = &lx->targets[m->tmp[i]];
        const lx_entry *e = &lx->entries[t->entry];
        const lx_part *p = &e->parts[t->part];
        tt_buf_reset(&m->why);
        rc = lx_part_matches(m, lx, p, lang, match, n, &m->why, err);
        if (rc < 0)
            return rc;
        tt_buf_printf(out, "%s\t%s\t%s%s '%s'\t", e->where, lx->concepts[e->concept].id,
                      e->exclude ? "exclusion " : "", e->nparts > 1 ? "multiword" : "entry", e->text);
        if (e->nparts > 1)
            tt_buf_printf(out, "part %u of %zu: ", t->part + 1, e->nparts);
        tt_buf_append(out, m->why.data ? m->why.data : "", m->why.len);
        if (e->nparts > 1)
            tt_buf_puts(out, e->exclude ? " (excludes only where the whole multiword matches)"
                                        : " (counts only where the whole multiword matches)");
        if (e->ccase)
            tt_buf_printf(out, "; only %s (case=%s)", case_text(e->ccase, e->nparts > 1),
                          e->ccase == LX_CASE_PROPER ? "proper" : e->ccase == LX_CASE_CAPITAL ? "capital" : "lower");
        if (!e->exclude) {
            int conditional = 0;
            for (size_t j = 0; j < m->ntmp; j++) {
                const lx_entry *o = &lx->entries[lx->targets[m->tmp[j]].entry];
                if (o->exclude && o->nparts == 1 && o->concept == e->concept && !o->ccase) {
                    tt_buf_printf(out, "; excluded by %s '%s'", o->where, o->text);
                    conditional = -1;
                    break;
                }
            }
            for (size_t j = 0; !conditional && j < m->ntmp; j++) {
                const lx_entry *o = &lx->entries[lx->targets[m->tmp[j]].entry];
                if (o->exclude && o->nparts == 1 && o->concept == e->concept && o->ccase) {
                    tt_buf_printf(out, "; excluded %s by %s '%s'", case_text(o->ccase, 0), o->where, o->text);
                    conditional = 1;
                }
            }
        }
        if (tt_buf_putc(out, '\n'))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    return 0;
}
