/* test_udrecall.c - recall and precision of the default lexicon (lexicons/diaspora) on real text: the
 * Universal Dependencies test treebanks in ../shared/corpus/ud (kk, ru, uz, en; gold tokens and lemmas).
 *
 * Each sentence's `# text =` is tokenized and matched as a document in its language (leftmost-longest). The UD
 * words are aligned to the text by their surface forms (a multiword token's words take its span). Recall: every
 * word whose gold lemma (column 3, canonicalized to the match form by tt_norm_word) is the text of a
 * single-word `lemma` entry of the default lexicon must be covered by a hit of that entry's concept; a word
 * covered instead by a longer hit of another concept (a multiword entry that rightly takes it: `Отандастар
 * қоры`) counts as "taken", one that its concept's exclusion removes ("excluded", e.g. the name Азамат with a
 * surname) too; everything else is a miss. Each miss and each taken or excluded word is printed with its
 * sentence and `lexicon explain` of its tokens; the test asserts the recall floors measured below.
 *
 * Precision is checked by hand: every hit in the UD texts is written to build/ud-hits.tsv (or $TT_UD_HITS)
 * with the gold lemmas of the words it covers and whether one of them is a lemma entry of the hit's concept
 * (column lemma_ok); the rows with lemma_ok = no are the ones to read. tests/vectors/README.md records the
 * review. */
#include "support.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Recall floors in per mille (measured at the commit that set them; see tests/vectors/README.md). */
static const struct {
    const char *file;
    const char *lang;
    unsigned floor_permille;
    size_t min_words; /* fewer lexicon-lemma words than this means the data or the lexicon changed a lot */
} ud_files[] = {
    {"kk_ktb-ud-test.conllu", "kk", 1000, 44},
    {"ru_pud-ud-test.conllu", "ru", 1000, 20},
    {"uz_ut-ud-test.conllu", "uz", 1000, 14},
    {"en_pud-ud-test.conllu", "en", 1000, 34},
};

typedef struct lemma_ref {
    char *form;       /* match form of the entry's text */
    uint32_t concept; /* concept index */
} lemma_ref;

typedef struct udword {
    size_t start, end; /* byte span in the sentence text, end = 0 when not aligned */
    const char *form, *lemma;
} udword;

typedef struct ctx {
    tt_normalizer *nz;
    tt_tokenizer *tk;
    tt_lexicon *lx;
    tt_matcher *m;
    tt_lang lang;
    lemma_ref *lem;
    size_t nlem;
    FILE *hitsf;
    tt_buf tmp, why;
    tt_tokseq ts;
    tt_hit *hits;
    size_t nh, ch;
    /* counts */
    size_t words, matched, taken, excluded, missed, unaligned, nhits, hits_lemma_ok;
} ctx;

/* Match form of s[0..n) in c->lang into c->tmp (NUL-ended); 0 or -1. */
static int
canon(ctx *c, const char *s, size_t n)
{
    tt_error err;
    tt_error_clear(&err);
    tt_script sc = tt_norm_detect_script(c->nz, c->lang, s, n, NULL);
    tt_buf_reset(&c->tmp);
    if (tt_norm_word(c->nz, c->lang, sc, s, n, &c->tmp, NULL, &err) || tt_buf_putc(&c->tmp, 0))
        return -1;
    return 0;
}

/* The lexicon's single-word lemma entries of c->lang, by match form. */
static int
collect_lemmas(ctx *c)
{
    size_t ne = tt_lexicon_nentries(c->lx);
    c->lem = calloc(ne ? ne : 1, sizeof *c->lem);
    if (!c->lem)
        return -1;
    for (size_t i = 0; i < ne; i++) {
        tt_entry_info ei;
        if (tt_lexicon_entry(c->lx, i, &ei) || ei.kind != TT_ENTRY_LEMMA || ei.lang != c->lang)
            continue;
        size_t tn = strcspn(ei.text, " \t;");
        if (canon(c, ei.text, tn) || c->tmp.len <= 1)
            continue;
        c->lem[c->nlem].form = strdup(c->tmp.data);
        c->lem[c->nlem++].concept = ei.concept;
    }
    return 0;
}

/* 1 if the match form f is a lemma entry of concept k (k < 0: of any concept). */
static int
is_lemma(const ctx *c, const char *f, long k)
{
    for (size_t i = 0; i < c->nlem; i++)
        if (strcmp(c->lem[i].form, f) == 0 && (k < 0 || c->lem[i].concept == (uint32_t)k))
            return 1;
    return 0;
}

static const char *
cname(const ctx *c, uint32_t k)
{
    return tt_lexicon_concept(c->lx, k)->id;
}

/* Locates each word's surface form in text, in order (multiword tokens take the span of their range). */
static void
align(const char *text, udword *w, size_t nw, const size_t *range_end, ctx *c)
{
    size_t pos = 0, tl = strlen(text);
    for (size_t i = 0; i < nw; i++) {
        const char *f = w[i].form;
        size_t fl = strlen(f);
        const char *hit = fl ? strstr(text + pos, f) : NULL;
        if (!hit || (size_t)(hit - text) > pos + 16) { /* not near the cursor: leave unaligned */
            w[i].end = 0;
            c->unaligned++;
            continue;
        }
        w[i].start = (size_t)(hit - text);
        w[i].end = w[i].start + fl;
        for (size_t j = i + 1; j < nw && j <= range_end[i]; j++) { /* words of a multiword token */
            w[j].start = w[i].start;
            w[j].end = w[i].end;
        }
        pos = w[i].end <= tl ? w[i].end : tl;
        if (range_end[i] > i)
            i = range_end[i];
    }
}

static void
print_tokens(ctx *c, size_t t0, size_t t1)
{
    tt_error err;
    for (size_t t = t0; t <= t1 && t < c->ts.ntok; t++) {
        const tt_token *tk = &c->ts.tok[t];
        tt_buf_reset(&c->why);
        tt_error_clear(&err);
        if (tt_matcher_explain(c->m, c->lang, c->ts.forms.data + tk->match_off, tk->match_len, &c->why, &err) == 0)
            fprintf(stderr, "      %.*s", (int)c->why.len, c->why.data);
    }
}

/* 1 if the text s alone (one word) is a hit of a concept that has the lemma lf. Uses its own token
 * sequence (the caller's is in use). */
static int
alone_matches(ctx *c, const char *s, const char *lf)
{
    tt_error err;
    tt_tokseq ts;
    tt_hit *h = NULL;
    size_t nh = 0, ch = 0;
    int found = 0;
    tt_tokseq_init(&ts);
    tt_error_clear(&err);
    tt_script sc = tt_norm_detect_script(c->nz, c->lang, s, strlen(s), NULL);
    if (tt_tokenize(c->tk, c->nz, c->lang, sc, s, strlen(s), 0, NULL, NULL, &ts, &err) == 0 &&
        tt_matcher_run(c->m, c->lang, &ts, TT_OVERLAP_LONGEST, &h, &nh, &ch, &err) == 0)
        for (size_t i = 0; i < nh; i++)
            if (is_lemma(c, lf, (long)h[i].concept))
                found = 1;
    free(h);
    tt_tokseq_free(&ts);
    return found;
}

/* One sentence: match, then score its words and list its hits. */
static int
do_sentence(ctx *c, const char *sid, const char *text, udword *w, size_t nw, const size_t *range_end)
{
    tt_error err;
    char msg[1200];
    size_t n = strlen(text);
    tt_error_clear(&err);
    tt_tokseq_reset(&c->ts);
    c->nh = 0;
    tt_script sc = tt_norm_detect_script(c->nz, c->lang, text, n, NULL);
    tt_matcher_set_script(c->m, sc);
    if (tt_tokenize(c->tk, c->nz, c->lang, sc, text, n, 0, NULL, NULL, &c->ts, &err) ||
        tt_matcher_run(c->m, c->lang, &c->ts, TT_OVERLAP_LONGEST, &c->hits, &c->nh, &c->ch, &err)) {
        fprintf(stderr, "%s: %s\n", sid, tt_error_format(&err, msg, sizeof msg));
        return -1;
    }
    align(text, w, nw, range_end, c);
    /* recall over the words whose gold lemma is a lexicon lemma */
    for (size_t i = 0; i < nw; i++) {
        if (range_end[i] > i) /* the multiword token line itself; its words follow */
            continue;
        if (canon(c, w[i].lemma, strlen(w[i].lemma)) || !is_lemma(c, c->tmp.data, -1))
            continue;
        char *lf = strdup(c->tmp.data);
        c->words++;
        if (!w[i].end) {
            c->missed++;
            fprintf(stderr, "  MISS %s %s '%s' (lemma %s): not aligned to the text\n", tt_lang_name(c->lang),
                    sid, w[i].form, w[i].lemma);
            free(lf);
            continue;
        }
        /* our tokens overlapping the word */
        size_t t0 = SIZE_MAX, t1 = 0;
        for (size_t t = 0; t < c->ts.ntok; t++)
            if (c->ts.tok[t].start < w[i].end && c->ts.tok[t].end > w[i].start) {
                if (t0 == SIZE_MAX)
                    t0 = t;
                t1 = t;
            }
        int got = 0;
        const tt_hit *other = NULL;
        for (size_t h = 0; h < c->nh && t0 != SIZE_MAX; h++) {
            if (c->hits[h].last < t0 || c->hits[h].first > t1)
                continue;
            if (is_lemma(c, lf, (long)c->hits[h].concept))
                got = 1;
            else if (!other)
                other = &c->hits[h];
        }
        if (got) {
            c->matched++;
        } else if (other && other->last > other->first) {
            tt_entry_info ei;
            tt_lexicon_entry(c->lx, other->entry, &ei);
            c->taken++;
            fprintf(stderr, "  TAKEN %s '%s' (lemma %s) by %s '%s' (%s)\n", sid, w[i].form, w[i].lemma,
                    cname(c, other->concept), ei.text, ei.where);
        } else {
            /* excluded: the word alone is a hit of its concept, so a multiword exclusion took it in context;
               or an exclusion entry of its concept matches the word's form ("exclusion entry" in explain) */
            int excl = alone_matches(c, w[i].form, lf);
            if (!excl && t0 != SIZE_MAX) {
                tt_buf_reset(&c->why);
                tt_error_clear(&err);
                for (size_t t = t0; t <= t1; t++)
                    tt_matcher_explain(c->m, c->lang, c->ts.forms.data + c->ts.tok[t].match_off,
                                       c->ts.tok[t].match_len, &c->why, &err);
                excl = c->why.data && strstr(c->why.data, "exclusion entry") != NULL;
            }
            if (excl)
                c->excluded++;
            else
                c->missed++;
            fprintf(stderr, "  %s %s '%s' (lemma %s)%s%s in: %s\n", excl ? "EXCLUDED" : "MISS", sid, w[i].form,
                    w[i].lemma, other ? " hit by " : "", other ? cname(c, other->concept) : "", text);
            if (t0 != SIZE_MAX)
                print_tokens(c, t0, t1);
        }
        free(lf);
    }
    /* every hit, for the precision review */
    for (size_t h = 0; h < c->nh; h++) {
        const tt_hit *ht = &c->hits[h];
        tt_entry_info ei;
        tt_lexicon_entry(c->lx, ht->entry, &ei);
        size_t s = c->ts.tok[ht->first].start, e = c->ts.tok[ht->last].end;
        tt_buf lem = {0};
        int ok = 0;
        for (size_t i = 0; i < nw; i++) {
            if (range_end[i] > i || !w[i].end || w[i].end <= s || w[i].start >= e)
                continue;
            tt_buf_printf(&lem, "%s%s", lem.len ? " " : "", w[i].lemma);
            if (canon(c, w[i].lemma, strlen(w[i].lemma)) == 0 && is_lemma(c, c->tmp.data, (long)ht->concept))
                ok = 1;
        }
        c->nhits++;
        c->hits_lemma_ok += (size_t)ok;
        if (c->hitsf)
            fprintf(c->hitsf, "%s\t%s\t%s\t%s\t%s\t%.*s\t%s\t%s\t%s\n", tt_lang_name(c->lang), sid, cname(c, ht->concept),
                    ei.text, ei.where, (int)(e - s), text + s, lem.data ? lem.data : "", ok ? "yes" : "no", text);
        tt_buf_free(&lem);
    }
    return 0;
}

/* Runs one treebank; returns 0 or -1 (setup or matching error). */
static int
run_file(ctx *c, const char *path)
{
    char *data = tt_test_slurp(path, NULL);
    if (!data)
        return -1;
    udword *w = NULL;
    size_t *range_end = NULL, nw = 0, capw = 0;
    char *text = NULL, *sid = "";
    int rc = 0;
    for (char *l = data, *nl; l && rc == 0; l = nl) {
        nl = strchr(l, '\n');
        if (nl)
            *nl++ = 0;
        if (strncmp(l, "# text = ", 9) == 0) {
            text = l + 9;
        } else if (strncmp(l, "# sent_id = ", 12) == 0) {
            sid = l + 12;
        } else if (*l == 0 || !nl) {
            if (text && nw)
                rc = do_sentence(c, sid, text, w, nw, range_end);
            nw = 0;
            text = NULL;
        } else if (*l != '#') {
            char *f[4] = {0};
            size_t k = 0;
            for (char *p = l; p && k < 4; k++) {
                f[k] = p;
                p = strchr(p, '\t');
                if (p)
                    *p++ = 0;
            }
            if (k < 4 || strchr(f[0], '.')) /* empty nodes have no surface */
                continue;
            if (nw == capw) {
                capw = capw ? 2 * capw : 256;
                w = realloc(w, capw * sizeof *w);
                range_end = realloc(range_end, capw * sizeof *range_end);
                if (!w || !range_end)
                    return -1;
            }
            w[nw].form = f[1];
            w[nw].lemma = f[2];
            w[nw].start = w[nw].end = 0;
            range_end[nw] = nw;
            char *dash = strchr(f[0], '-');
            if (dash) /* "a-b": the words a..b follow */
                range_end[nw] = nw + (size_t)(atoi(dash + 1) - atoi(f[0])) + 1;
            nw++;
        }
    }
    free(w);
    free(range_end);
    free(data);
    return rc;
}

static void
test_ud(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: UD recall skipped");
        return;
    }
    char path[4096], lexpath[4096];
    snprintf(lexpath, sizeof lexpath, "%s/diaspora", tt_data_dir());
    const char *out = getenv("TT_UD_HITS");
    char outpath[4096];
    if (!out || !*out) {
        snprintf(outpath, sizeof outpath, "%s/../build/ud-hits.tsv", tt_data_dir());
        out = outpath;
    }
    ctx c;
    tt_error err;
    char msg[1200];
    memset(&c, 0, sizeof c);
    tt_error_clear(&err);
    if (tt_normalizer_new(&c.nz, NULL, &err) || tt_tokenizer_new(&c.tk, NULL, &err) ||
        tt_lexicon_load(&c.lx, lexpath, NULL, c.nz, &err) || tt_matcher_new(&c.m, c.lx, &err)) {
        fprintf(stderr, "setup: %s\n", tt_error_format(&err, msg, sizeof msg));
        CU_FAIL_FATAL("setup");
    }
    tt_tokseq_init(&c.ts);
    c.hitsf = fopen(out, "w");
    if (c.hitsf)
        fprintf(c.hitsf, "lang\tsent_id\tconcept\tentry\twhere\tsurface\tgold_lemmas\tlemma_ok\tsentence\n");
    else
        fprintf(stderr, "cannot write %s: hits not listed\n", out);
    int any = 0;
    for (size_t f = 0; f < sizeof ud_files / sizeof ud_files[0]; f++) {
        snprintf(path, sizeof path, "%s/corpus/ud/%s", sh, ud_files[f].file);
        FILE *probe = fopen(path, "rb");
        if (!probe) {
            tt_test_skip(TT_SKIP_SHARED, "%s not found", path);
            continue;
        }
        fclose(probe);
        any = 1;
        c.lang = tt_lang_parse(ud_files[f].lang, strlen(ud_files[f].lang));
        for (size_t i = 0; i < c.nlem; i++)
            free(c.lem[i].form);
        free(c.lem);
        c.lem = NULL;
        c.nlem = 0;
        CU_ASSERT_FATAL(collect_lemmas(&c) == 0);
        c.words = c.matched = c.taken = c.excluded = c.missed = c.unaligned = c.nhits = c.hits_lemma_ok = 0;
        fprintf(stderr, "%s (%s, %zu lexicon lemmas):\n", ud_files[f].file, ud_files[f].lang, c.nlem);
        CU_ASSERT(run_file(&c, path) == 0);
        size_t ok = c.matched + c.taken + c.excluded;
        unsigned permille = c.words ? (unsigned)(1000 * ok / c.words) : 0;
        fprintf(stderr,
                "%s: %zu words with a lexicon lemma: %zu matched, %zu taken by a longer entry, %zu excluded, %zu "
                "missed: recall %.1f%% (floor %.1f%%); %zu hits, %zu on a lemma of their concept; %zu words not "
                "aligned\n",
                ud_files[f].lang, c.words, c.matched, c.taken, c.excluded, c.missed,
                c.words ? 100.0 * (double)ok / (double)c.words : 0.0, ud_files[f].floor_permille / 10.0, c.nhits,
                c.hits_lemma_ok, c.unaligned);
        CU_ASSERT(c.words >= ud_files[f].min_words);
        CU_ASSERT(permille >= ud_files[f].floor_permille);
    }
    if (!any)
        tt_test_skip(TT_SKIP_SHARED, "no UD treebank found: skipped");
    if (c.hitsf)
        fclose(c.hitsf);
    for (size_t i = 0; i < c.nlem; i++)
        free(c.lem[i].form);
    free(c.lem);
    free(c.hits);
    tt_buf_free(&c.tmp);
    tt_buf_free(&c.why);
    tt_tokseq_free(&c.ts);
    tt_matcher_free(c.m);
    tt_lexicon_free(c.lx);
    tt_tokenizer_free(c.tk);
    tt_normalizer_free(c.nz);
}

static void
reg(void)
{
    tt_test_suite("udrecall", "UD treebanks: recall of the lexicon's lemmas, hits listed for precision", test_ud,
                  NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
