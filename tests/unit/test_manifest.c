/* test_manifest.c - what a manifest's load records of each document's file (tt/manifest.h): its size in bytes as
 * the check that paths stay in the corpus folder saw it (a regular file: its size, an empty file: 0), and -1 where
 * that check did not stat it (a missing file, a symbolic link, --allow-outside), so that a run that schedules by
 * size or counts progress by it never takes a missing size for an empty file. */
#include "support.h"

#include "tt/fs.h"
#include "tt/manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static const tt_mdoc *
doc(const tt_manifest *m, const char *id)
{
    for (size_t i = 0; i < tt_manifest_ndocs(m); i++)
        if (!strcmp(tt_manifest_doc(m, i)->doc_id, id))
            return tt_manifest_doc(m, i);
    CU_FAIL("document not in the manifest");
    return NULL;
}

static void
test_sizes(void)
{
    snprintf(dir, sizeof dir, "/tmp/tt-test-manifest.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    tt_test_put(dir, "a.txt", 12345);
    tt_test_put(dir, "b.txt", 0);
    tt_test_put(dir, "c.txt", 7);
    char link[128];
    snprintf(link, sizeof link, "%s/l.txt", dir);
    CU_ASSERT_EQUAL_FATAL(symlink("c.txt", link), 0);
    tt_test_put(dir, "manifest.tsv", 0);
    char mpath[128];
    snprintf(mpath, sizeof mpath, "%s/manifest.tsv", dir);
    FILE *f = fopen(mpath, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("doc_id\tpath\tlang\n"
          "a\ta.txt\tru\n"
          "b\tb.txt\tkk\n"
          "l\tl.txt\ten\n"
          "m\tmissing.txt\tuz\n",
          f);
    fclose(f);
    for (int allow = 0; allow <= 1; allow++) {
        tt_manifest *m = NULL;
        tt_error err;
        tt_error_clear(&err);
        CU_ASSERT_EQUAL_FATAL(tt_manifest_load(&m, dir, NULL, allow, &err), 0);
        CU_ASSERT_EQUAL(tt_manifest_ndocs(m), 4);
        const tt_mdoc *a = doc(m, "a"), *b = doc(m, "b"), *l = doc(m, "l"), *mi = doc(m, "m");
        if (a && b && l && mi) {
            /* --allow-outside: no path is checked, so no size is known */
            CU_ASSERT_EQUAL(a->size, allow ? -1 : 12345);
            CU_ASSERT_EQUAL(b->size, allow ? -1 : 0);
            CU_ASSERT_EQUAL(l->size, -1); /* a link: resolved, not stat'ed as a file */
            CU_ASSERT_EQUAL(mi->size, -1);
        }
        tt_manifest_free(m);
    }
    CU_ASSERT_EQUAL(tt_rmtree(dir), 0);
}

static void
reg(void)
{
    tt_test_suite("manifest", "file sizes seen by the load: known, empty, link, missing, --allow-outside",
                  test_sizes, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
