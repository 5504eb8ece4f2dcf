/* test_atomic.c - tt_atomic (tt/atomic.h): the process umask is never changed, even with many threads creating
 * files at once, and every file gets 0666 less the umask; commit replaces, abort removes; a staged file (written
 * in stages, its write-back begun) is whole under its final name, and tt_install_dir syncs and swaps the staging
 * folder in (tt/fs.h), or names what it could not sync. */
#include "support.h"
#include "tt/atomic.h"
#include "tt/fs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NTHREADS 8
#define NFILES 300

static char dir[64];

static void *
writer(void *arg)
{
    long t = (long)arg;
    for (int i = 0; i < NFILES; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/t%ld-%d", dir, t, i);
        tt_atomic a = {0};
        tt_error e;
        tt_error_clear(&e);
        if (tt_atomic_open(&a, path, &e) == 0) {
            fputs("x\n", a.f);
            tt_atomic_commit(&a, &e);
        }
    }
    return NULL;
}

/* Under umask 077 (then 022), 8 threads create 300 files each: afterwards the umask is what it was and every
 * file is 0600 (0644). The old code read the umask with umask(0); umask(um) per file, which two threads could
 * interleave into leaving the umask 0 for good. */
static void
test_umask_threads(void)
{
    const mode_t masks[2] = {077, 022};
    for (int m = 0; m < 2; m++) {
        snprintf(dir, sizeof dir, "/tmp/tt-atomic-XXXXXX");
        CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
        mode_t old = umask(masks[m]);
        pthread_t th[NTHREADS];
        for (long t = 0; t < NTHREADS; t++)
            CU_ASSERT_FATAL(pthread_create(&th[t], NULL, writer, (void *)t) == 0);
        for (int t = 0; t < NTHREADS; t++)
            pthread_join(th[t], NULL);
        mode_t now = umask(old);
        CU_ASSERT_EQUAL(now, masks[m]);
        size_t bad = 0, missing = 0;
        for (long t = 0; t < NTHREADS; t++)
            for (int i = 0; i < NFILES; i++) {
                char path[128];
                struct stat st;
                snprintf(path, sizeof path, "%s/t%ld-%d", dir, t, i);
                if (stat(path, &st) != 0)
                    missing++;
                else if ((st.st_mode & 07777) != (0666 & ~masks[m]))
                    bad++;
                unlink(path);
            }
        CU_ASSERT_EQUAL(missing, 0);
        CU_ASSERT_EQUAL(bad, 0);
        if (bad)
            fprintf(stderr, "umask %03o: %zu of %d files with another mode\n", (unsigned)masks[m], bad,
                    NTHREADS * NFILES);
        rmdir(dir);
    }
}

/* commit puts the file in place and leaves no temporary file; abort leaves nothing. */
static void
test_commit_abort(void)
{
    char d[] = "/tmp/tt-atomic-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(d) != NULL);
    char path[64], cmd[128];
    snprintf(path, sizeof path, "%s/f.txt", d);
    tt_atomic a = {0};
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_FATAL(tt_atomic_open(&a, path, &e) == 0);
    fputs("one\n", a.f);
    CU_ASSERT(tt_atomic_commit(&a, &e) == 0);
    char *s = tt_test_slurp(path, NULL);
    CU_ASSERT_STRING_EQUAL(s ? s : "", "one\n");
    free(s);
    CU_ASSERT_FATAL(tt_atomic_open(&a, path, &e) == 0);
    fputs("two\n", a.f);
    tt_atomic_abort(&a);
    s = tt_test_slurp(path, NULL);
    CU_ASSERT_STRING_EQUAL(s ? s : "", "one\n"); /* the old file stays */
    free(s);
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", d);
    CU_ASSERT(system(cmd) == 0); /* no temporary file left */
    unlink(path);
    rmdir(d);
}

static void
test_staged_install(void)
{
    char d[] = "/tmp/tt-atomic-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(d) != NULL);
    char stage[96], sub[128], path[160], out[96], cmd[256];
    snprintf(stage, sizeof stage, "%s/out.tmp", d);
    snprintf(sub, sizeof sub, "%s/groups", stage);
    snprintf(out, sizeof out, "%s/out", d);
    CU_ASSERT_FATAL(mkdir(stage, 0777) == 0 && mkdir(sub, 0777) == 0);
    tt_error e;
    tt_error_clear(&e);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/f%d.tsv", i == 2 ? sub : stage, i);
        tt_atomic a = {0};
        CU_ASSERT_FATAL(tt_atomic_open_flags(&a, path, TT_ATOMIC_STAGED, &e) == 0);
        for (int k = 0; k < 20000; k++) {
            fprintf(a.f, "line %d\n", k);
            if (k % 5000 == 0)
                tt_atomic_writeback(&a);
        }
        CU_ASSERT(tt_atomic_commit(&a, &e) == 0);
    }
    /* an output that was there: swapped out and removed */
    CU_ASSERT_FATAL(mkdir(out, 0777) == 0);
    snprintf(path, sizeof path, "%s/old.txt", out);
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("old\n", f);
    fclose(f);
    CU_ASSERT(tt_install_dir(stage, out, &e) == 0);
    snprintf(path, sizeof path, "%s/groups/f2.tsv", out);
    char *s = tt_test_slurp(path, NULL);
    CU_ASSERT(s && strstr(s, "line 19999\n") && strncmp(s, "line 0\n", 7) == 0);
    free(s);
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1 && test $(ls -A %s | wc -l) -eq 3", d, out);
    CU_ASSERT(system(cmd) == 0); /* no staging folder, no old file, no temporary file */
    /* what cannot be synced (here: not there) is named, and nothing is put in place */
    CU_ASSERT(tt_sync_tree(stage, &e) == TT_EIO);
    CU_ASSERT_STRING_EQUAL(e.path, stage);
    CU_ASSERT(tt_install_dir(stage, out, &e) == TT_EIO);
    snprintf(cmd, sizeof cmd, "test -f %s/f0.tsv", out);
    CU_ASSERT(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", d);
    CU_ASSERT(system(cmd) == 0);
}

static void
reg(void)
{
    tt_test_suite("atomic", "8 threads: umask unchanged, modes 0666 less the umask", test_umask_threads,
                  "commit replaces, abort leaves the old file", test_commit_abort,
                  "staged files, write-back, install syncs and swaps; a sync failure is named", test_staged_install,
                  NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
