/* test_nercase.c - the personal name Азамат against азамат 'citizen' on KazNERD (../shared/corpus/kaznerd,
 * IOB2_test.txt and IOB2_valid.txt: one token and its IOB2 tag per line, a blank line between sentences).
 *
 * Each sentence (its tokens joined by spaces) is tokenized and matched as a Kazakh document with the default
 * lexicon (lexicons/diaspora). Every token the citizenship lemma азамат matches (checked with a one-entry
 * lexicon "kk citizenship lemma азамат", no exclusions) is sorted by its gold tag: a name (B-/I-PERSON), another
 * named entity (left aside: a company «Азамат» is not citizenship either), or the common noun (O). The test
 * prints how many of the names and of the nouns count as citizenship with the default lexicon, and asserts
 * floors: the case-as-written rules (lexicons/README.md, case=) must keep every noun and remove most names.
 * Measured at the commit that set the floors: 37 names, 5 still counted (all sentence-initial; 15 before the
 * case rules); 352 nouns, all counted (also before). TT_VERBOSE=1 prints each name counted
 * and each noun not counted. */
#include "support.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct nctx {
    tt_normalizer *nz;
    tt_tokenizer *tk;
    tt_lexicon *lx, *lx1;
    tt_matcher *m, *m1;
    long cit;                 /* concept index of citizenship in lx */
    tt_tokseq ts;
    tt_hit *hits, *hits1;
    size_t caph, caph1;
    tt_buf text;
    size_t *tstart;           /* byte start of each gold token in text */
    char **tag;               /* gold tag of each gold token (borrowed from the file buffer) */
    size_t ntok, captok;
    size_t names, names_counted, nouns, nouns_counted, other_ne;
} nctx;

static int
is_person(const char *tag)
{
    return strcmp(tag, "B-PERSON") == 0 || strcmp(tag, "I-PERSON") == 0;
}

/* The gold token whose span holds byte offset off, or SIZE_MAX. */
static size_t
gold_at(const nctx *c, uint64_t off)
{
    size_t lo = 0, hi = c->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->tstart[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : SIZE_MAX;
}

static int
run_sentence(nctx *c, int verbose)
{
    tt_error err;
    tt_error_clear(&err);
    tt_tokseq_reset_doc(&c->ts);
    if (tt_tokenize(c->tk, c->nz, TT_LANG_KK, TT_SCRIPT_CYRL, c->text.data, c->text.len, 0, NULL, NULL, &c->ts,
                    &err))
        return -1;
    size_t nh = 0, nh1 = 0;
    if (tt_matcher_run(c->m, TT_LANG_KK, &c->ts, TT_OVERLAP_LONGEST, &c->hits, &nh, &c->caph, &err) ||
        tt_matcher_run(c->m1, TT_LANG_KK, &c->ts, TT_OVERLAP_LONGEST, &c->hits1, &nh1, &c->caph1, &err))
        return -1;
    for (size_t i = 0; i < nh1; i++) {
        uint32_t t = c->hits1[i].first;
        size_t g = gold_at(c, c->ts.tok[t].start);
        if (g == SIZE_MAX)
            continue;
        int counted = 0;
        for (size_t k = 0; k < nh; k++)
            if ((long)c->hits[k].concept == c->cit && c->hits[k].first <= t && t <= c->hits[k].last)
                counted = 1;
        const char *tag = c->tag[g];
        if (is_person(tag)) {
            c->names++;
            c->names_counted += (size_t)counted;
        } else if (strcmp(tag, "O") == 0) {
            c->nouns++;
            c->nouns_counted += (size_t)counted;
        } else {
            c->other_ne++;
        }
        if (verbose && (is_person(tag) ? counted : !counted && strcmp(tag, "O") == 0))
            fprintf(stderr, "  %s %s: %.*s\n", is_person(tag) ? "name counted" : "noun not counted", tag,
                    (int)(c->text.len > 300 ? 300 : c->text.len), c->text.data);
    }
    return 0;
}

static int
run_file(nctx *c, const char *path, int verbose)
{
    size_t n;
    char *s = tt_test_slurp(path, &n);
    if (!s)
        return 1; /* missing: skipped */
    size_t i = 0;
    int rc = 0;
    tt_buf_reset(&c->text);
    c->ntok = 0;
    while (rc == 0 && i <= n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        if (e > i && s[e - 1] == '\r')
            s[e - 1] = 0;
        s[e < n ? e : n] = 0;
        char *line = s + i;
        if (!*line) {
            if (c->ntok)
                rc = run_sentence(c, verbose);
            tt_buf_reset(&c->text);
            c->ntok = 0;
        } else {
            char *sp = strrchr(line, ' ');
            if (sp) {
                *sp = 0;
                if (c->ntok == c->captok) {
                    c->captok = c->captok ? c->captok * 2 : 256;
                    c->tstart = realloc(c->tstart, c->captok * sizeof *c->tstart);
                    c->tag = realloc(c->tag, c->captok * sizeof *c->tag);
                    if (!c->tstart || !c->tag)
                        abort();
                }
                if (c->text.len)
                    tt_buf_putc(&c->text, ' ');
                c->tstart[c->ntok] = c->text.len;
                c->tag[c->ntok++] = sp + 1;
                tt_buf_puts(&c->text, line);
            }
        }
        if (e >= n)
            break;
        i = e + 1;
    }
    if (rc == 0 && c->ntok)
        rc = run_sentence(c, verbose);
    free(s);
    return rc;
}

static void
test_kaznerd(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: KazNERD skipped");
        return;
    }
    nctx c;
    tt_error err;
    char msg[1200], lexpath[4096], path[4096];
    memset(&c, 0, sizeof c);
    tt_error_clear(&err);
    snprintf(lexpath, sizeof lexpath, "%s/diaspora", tt_data_dir());
    static const char one[] = "concept citizenship status\nkk citizenship lemma азамат\n";
    if (tt_normalizer_new(&c.nz, NULL, &err) || tt_tokenizer_new(&c.tk, NULL, &err) ||
        tt_lexicon_load(&c.lx, lexpath, NULL, c.nz, &err) || tt_matcher_new(&c.m, c.lx, &err) ||
        tt_lexicon_load_mem(&c.lx1, "one.lex", one, sizeof one - 1, NULL, c.nz, &err) ||
        tt_matcher_new(&c.m1, c.lx1, &err)) {
        fprintf(stderr, "setup: %s\n", tt_error_format(&err, msg, sizeof msg));
        CU_FAIL_FATAL("setup");
    }
    c.cit = tt_lexicon_find_concept(c.lx, "citizenship");
    CU_ASSERT_FATAL(c.cit >= 0);
    tt_tokseq_init(&c.ts);
    int any = 0, verbose = getenv("TT_VERBOSE") != NULL;
    static const char *files[] = {"IOB2_test.txt", "IOB2_valid.txt"};
    for (size_t f = 0; f < 2; f++) {
        snprintf(path, sizeof path, "%s/corpus/kaznerd/%s", sh, files[f]);
        int rc = run_file(&c, path, verbose);
        CU_ASSERT(rc >= 0);
        if (rc == 0)
            any = 1;
        else if (rc > 0)
            tt_test_skip(TT_SKIP_SHARED, "%s not found", path);
    }
    if (!any) {
        tt_test_skip(TT_SKIP_SHARED, "KazNERD not found: skipped");
    } else {
        fprintf(stderr,
                "KazNERD, tokens of the lemma азамат: %zu names (B-/I-PERSON), %zu counted as citizenship; %zu "
                "common nouns (O), %zu counted; %zu other named entities\n",
                c.names, c.names_counted, c.nouns, c.nouns_counted, c.other_ne);
        CU_ASSERT(c.names >= 35 && c.nouns >= 340); /* the data is there (measured: 37 and 352) */
        CU_ASSERT(c.nouns_counted == c.nouns);     /* no 'citizen' lost to the name rules */
        /* measured 5 of 37 (sentence-initial: vocatives "Азамат, ...", a surname without -ов/-ұлы); 15 before */
        CU_ASSERT(c.names_counted * 5 <= c.names);
    }
    free(c.hits);
    free(c.hits1);
    free(c.tstart);
    free(c.tag);
    tt_buf_free(&c.text);
    tt_tokseq_free(&c.ts);
    tt_matcher_free(c.m);
    tt_matcher_free(c.m1);
    tt_lexicon_free(c.lx);
    tt_lexicon_free(c.lx1);
    tt_tokenizer_free(c.tk);
    tt_normalizer_free(c.nz);
}

static void
reg(void)
{
    tt_test_suite("nercase", "KazNERD: the name Азамат is not citizenship, the noun азамат is", test_kaznerd, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
