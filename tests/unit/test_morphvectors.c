/* test_morphvectors.c - all rows of ../shared/spec/morph-vectors.tsv against the default lexicon
 * (lexicons/diaspora): each surface form is tokenized in its language, matched (leftmost-longest), and the
 * row's concept must be among the hits exactly when should_match is "yes". */
#include "support.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct env {
    tt_normalizer *nz;
    tt_tokenizer *tk;
    tt_lexicon *lx;
    tt_matcher *m;
} env;

static int
env_open(env *e, const char *lexpath)
{
    tt_error err;
    char msg[1200];
    memset(e, 0, sizeof *e);
    tt_error_clear(&err);
    if (tt_normalizer_new(&e->nz, NULL, &err) || tt_tokenizer_new(&e->tk, NULL, &err) ||
        tt_lexicon_load(&e->lx, lexpath, NULL, e->nz, &err) || tt_matcher_new(&e->m, e->lx, &err)) {
        fprintf(stderr, "setup: %s\n", tt_error_format(&err, msg, sizeof msg));
        return -1;
    }
    return 0;
}

static void
env_close(env *e)
{
    tt_matcher_free(e->m);
    tt_lexicon_free(e->lx);
    tt_tokenizer_free(e->tk);
    tt_normalizer_free(e->nz);
}

/* 1 if `concept` is among the hits of text in lang, 0 if not, -1 on error. */
static int
has_concept(env *e, tt_lang lang, const char *text, const char *concept, tt_buf *got)
{
    tt_tokseq ts;
    tt_error err;
    tt_hit *hits = NULL;
    size_t nh = 0, ch = 0;
    int found = 0;
    tt_tokseq_init(&ts);
    tt_error_clear(&err);
    tt_script sc = tt_norm_detect_script(e->nz, lang, text, strlen(text), NULL);
    if (tt_tokenize(e->tk, e->nz, lang, sc, text, strlen(text), 0, NULL, NULL, &ts, &err) ||
        tt_matcher_run(e->m, lang, &ts, TT_OVERLAP_LONGEST, &hits, &nh, &ch, &err)) {
        tt_tokseq_free(&ts);
        free(hits);
        return -1;
    }
    for (size_t i = 0; i < nh; i++) {
        const char *id = tt_lexicon_concept(e->lx, hits[i].concept)->id;
        tt_buf_printf(got, "%s%s[%u-%u]", i ? " " : "", id, hits[i].first, hits[i].last);
        if (strcmp(id, concept) == 0)
            found = 1;
    }
    tt_tokseq_free(&ts);
    free(hits);
    return found;
}

static void
test_all_rows(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: morph vectors skipped");
        return;
    }
    char path[4096], lexpath[4096];
    snprintf(path, sizeof path, "%s/spec/morph-vectors.tsv", sh);
    snprintf(lexpath, sizeof lexpath, "%s/diaspora", tt_data_dir());
    char *data = tt_test_slurp(path, NULL);
    if (!data) {
        tt_test_skip(TT_SKIP_SHARED, "morph-vectors.tsv not found: skipped");
        return;
    }
    env e;
    CU_ASSERT_FATAL(env_open(&e, lexpath) == 0);
    size_t rows = 0, fails = 0, line = 0;
    tt_buf got = {0};
    for (char *l = data, *nl; l && *l; l = nl) {
        nl = strchr(l, '\n');
        if (nl)
            *nl++ = 0;
        if (line++ == 0 || !*l)
            continue;
        char *f[5] = {0};
        size_t k = 0;
        for (char *p = l; k < 5; k++) {
            f[k] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = 0;
        }
        if (!f[3])
            continue;
        char *surface = tt_test_unescape(f[1]);
        int want = strcmp(f[3], "yes") == 0;
        tt_buf_reset(&got);
        int r = has_concept(&e, tt_lang_parse(f[0], strlen(f[0])), surface, f[2], &got);
        rows++;
        if (r != want) {
            fails++;
            fprintf(stderr, "morph-vectors.tsv:%zu: %s '%s' %s: want %s, got %s (hits: %s)\n", line, f[0], surface,
                    f[2], want ? "match" : "no match", r < 0 ? "error" : r ? "match" : "no match",
                    got.data ? got.data : "");
        }
        free(surface);
    }
    fprintf(stderr, "morph vectors: %zu rows, %zu failed\n", rows, fails);
    CU_ASSERT_EQUAL(rows, 213);
    CU_ASSERT_EQUAL(fails, 0);
    tt_buf_free(&got);
    free(data);
    env_close(&e);
}

static void
reg(void)
{
    tt_test_suite("morphvectors", "all 213 rows of morph-vectors.tsv with the default lexicon", test_all_rows, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
