/* test_sched.c - which worker of a run reads which document (run_sched.h): each language goes to one worker, the
 * largest first to the least loaded, by the sizes the manifest's load saw; and what another's document costs a
 * worker whose cache has not seen its words, which run.c's pick_doc weighs against what the owner has left. */
#include "support.h"

#include "run_sched.h"
#include "tt/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64];

/* kk 3 x 1000 bytes, ru 2 x 1000, uz 500, en 100 */
static tt_manifest *
corpus(void)
{
    snprintf(dir, sizeof dir, "/tmp/tt-test-sched.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    const char *rows = "doc_id\tpath\tlang\n"
                       "k1\tk1.txt\tkk\nk2\tk2.txt\tkk\nk3\tk3.txt\tkk\n"
                       "r1\tr1.txt\tru\nr2\tr2.txt\tru\n"
                       "u1\tu1.txt\tuz\ne1\te1.txt\ten\n";
    const char *files[] = {"k1.txt", "k2.txt", "k3.txt", "r1.txt", "r2.txt", "u1.txt", "e1.txt"};
    size_t sizes[] = {1000, 1000, 1000, 1000, 1000, 500, 100};
    for (size_t i = 0; i < 7; i++)
        tt_test_put(dir, files[i], sizes[i]);
    char mpath[128];
    snprintf(mpath, sizeof mpath, "%s/manifest.tsv", dir);
    FILE *f = fopen(mpath, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(rows, f);
    fclose(f);
    tt_manifest *m = NULL;
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tt_manifest_load(&m, dir, NULL, 0, &err), 0);
    CU_ASSERT_EQUAL(tt_rmtree(dir), 0); /* the load keeps the sizes it saw */
    return m;
}

static void
test_owners(void)
{
    tt_manifest *m = corpus();
    run_sched s;
    CU_ASSERT_EQUAL_FATAL(run_sched_init(&s, 2, 0, m, 0, tt_manifest_ndocs(m)), 0);
    /* kk (3000) to worker 0; ru (2000) to 1; uz (500) to 1 (2000 < 3000); en (100) to 1 (2500 < 3000) */
    CU_ASSERT_EQUAL(s.owner[TT_LANG_KK], 0);
    CU_ASSERT_EQUAL(s.owner[TT_LANG_RU], 1);
    CU_ASSERT_EQUAL(s.owner[TT_LANG_UZ], 1);
    CU_ASSERT_EQUAL(s.owner[TT_LANG_EN], 1);
    run_sched_free(&s);
    /* one worker owns all; more workers than languages: one language each */
    CU_ASSERT_EQUAL_FATAL(run_sched_init(&s, 1, 0, m, 0, tt_manifest_ndocs(m)), 0);
    for (int l = 0; l < TT_LANG_COUNT; l++)
        CU_ASSERT_EQUAL(s.owner[l], 0);
    run_sched_free(&s);
    CU_ASSERT_EQUAL_FATAL(run_sched_init(&s, TT_LANG_COUNT + 2, 0, m, 0, tt_manifest_ndocs(m)), 0);
    for (int l = 0; l < TT_LANG_COUNT; l++)
        CU_ASSERT_EQUAL(s.owner[l], (unsigned)l);
    run_sched_free(&s);
    tt_manifest_free(m);
}

static void
test_extra(void)
{
    tt_manifest *m = corpus();
    run_sched s;
    CU_ASSERT_EQUAL_FATAL(run_sched_init(&s, 2, 0, m, 0, tt_manifest_ndocs(m)), 0);
    /* nobody has read Kazakh: a document costs either worker the same */
    CU_ASSERT_EQUAL(run_sched_extra(&s, 1, TT_LANG_KK, 1000), 0);
    /* the owner's first document: 30 new words in 1000 bytes (the cold rate); its second one, 1 */
    run_sched_done(&s, 0, TT_LANG_KK, 1000, 30);
    run_sched_done(&s, 0, TT_LANG_KK, 1000, 1);
    CU_ASSERT_EQUAL(run_sched_extra(&s, 0, TT_LANG_KK, 1000), 0); /* the owner pays nothing more */
    /* worker 1, cold: 0.030 a byte against the owner's 31 / 2000 = 0.0155, 140 bytes a word */
    double x = run_sched_extra(&s, 1, TT_LANG_KK, 1000);
    CU_ASSERT_DOUBLE_EQUAL(x, (0.030 - 0.0155) * 1000 * 140, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(run_sched_extra(&s, 1, TT_LANG_KK, 2000), 2 * x, 1e-6); /* in proportion to the size */
    /* worker 1 reads Kazakh, its rate falls to the owner's: nothing more to pay */
    run_sched_done(&s, 1, TT_LANG_KK, 100000, 1550);
    CU_ASSERT_EQUAL(run_sched_extra(&s, 1, TT_LANG_KK, 1000), 0);
    /* a later cold worker does not lower the cold rate (the highest first-document rate is kept) */
    CU_ASSERT_DOUBLE_EQUAL(s.cold[TT_LANG_KK], 0.030, 1e-12);
    /* a worker the schedule does not know (index past jobs) pays nothing more, and is not counted */
    CU_ASSERT_EQUAL(run_sched_extra(&s, 7, TT_LANG_KK, 1000), 0);
    run_sched_done(&s, 7, TT_LANG_KK, 1000, 999);
    CU_ASSERT_DOUBLE_EQUAL(s.cold[TT_LANG_KK], 0.030, 1e-12);
    run_sched_free(&s);
    /* shared caches: no worker is cold */
    CU_ASSERT_EQUAL_FATAL(run_sched_init(&s, 2, 1, m, 0, tt_manifest_ndocs(m)), 0);
    run_sched_done(&s, 0, TT_LANG_KK, 1000, 30);
    CU_ASSERT_EQUAL(run_sched_extra(&s, 1, TT_LANG_KK, 1000), 0);
    run_sched_free(&s);
    tt_manifest_free(m);
}

static void
reg(void)
{
    tt_test_suite("sched", "each language's owner, by bytes: two workers, one, more than the languages", test_owners,
                  "the price of another's document: cold, warm, in proportion, shared caches, unknown worker",
                  test_extra, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
