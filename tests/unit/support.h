/* support.h - helpers shared by the CUnit test programs: a main() that fails when any assertion failed, paths
 * to the repository's data and to ../shared, and small file utilities. */
#ifndef TT_TEST_SUPPORT_H
#define TT_TEST_SUPPORT_H

#include <CUnit/Basic.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

/* Registers the suites (reg adds them with CU_add_suite/CU_add_test), runs them, and returns the exit status:
 * 1 if any assertion failed (read before CU_cleanup_registry, see ../shared/style.md), else 0. */
int tt_test_main(void (*reg)(void));

/* Adds a suite with the given tests (NULL-terminated name/function pairs). */
void tt_test_suite(const char *name, ...);

/* The ../shared folder (env TT_SHARED, else <repo>/../shared), or NULL if it does not exist. Static. */
const char *tt_test_shared(void);

/* Marks a check as skipped: prints "SKIP: <reason>" on stdout, a line tests/run-unit.sh counts and shows in its
 * summary ("N passed, N failed, N skipped"). Never use CU_PASS for a check that did not run.
 * TT_SKIP_SHARED is for a check that needs ../shared (or data in it): with TT_REQUIRE_SHARED=1 in the
 * environment (CI) it records a failure instead, so a missing ../shared cannot pass unnoticed.
 * TT_SKIP_OTHER is for any other reason (a tool or locale not installed); TT_REQUIRE_ALL=1 fails those too. */
#define TT_SKIP_SHARED 1
#define TT_SKIP_OTHER 0
void tt_test_skip(int kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads a whole file; returns a malloc'ed NUL-terminated buffer (caller frees) or NULL. *n may be NULL. */
char *tt_test_slurp(const char *path, size_t *n);

/* Writes dir/name: n bytes of "abc...z" over and over (a file of a known size). A file that cannot be written is a
 * fatal assertion failure. */
void tt_test_put(const char *dir, const char *name, size_t n);

/* Every file below dir (recursively; names starting with '.' left out; in readdir order), read whole: fn(text,
 * n, path, ctx) with a malloc'ed NUL-terminated copy the callback may change (freed after it returns). Returns
 * the number of files given to fn (0 when dir cannot be opened). */
long tt_test_each_file(const char *dir, void (*fn)(char *text, size_t n, const char *path, void *ctx), void *ctx);

/* tt_test_each_file over <shared>/corpus: the number of files, or -1 when there is no ../shared folder, after a
 * counted skip (TT_SKIP_SHARED) that says "<what>: no ../shared folder (set TT_SHARED)". */
long tt_test_corpus(const char *what, void (*fn)(char *text, size_t n, const char *path, void *ctx), void *ctx);

/* s[0..n) (UTF-8, invalid bytes -> U+FFFD) in UTF-16 pieces of about 64 Ki units, each cut after a line break as
 * the pipeline cuts its pieces: fn(u, len) for each. A failed conversion is an assertion failure. */
void tt_test_utf16_pieces(const char *s, size_t n, void (*fn)(const UChar *u, int32_t len));

/* Windows of s[0..n) that meet a block-at-a-time scanner's edges: from every 4096th byte (moved on by 0..7 bytes),
 * 15, 16, 17, 33, 100 and 4096 bytes (fewer at the end): fn(window, length) for each. */
void tt_test_windows(const char *s, size_t n, void (*fn)(const char *s, size_t n));

/* The two rounds of a fast-path test on a file of ../shared/corpus: a tt_test_corpus callback whose ctx is a
 * tt_test_rounds. check(text, n) (its comparisons on the text), then spoil(text, n) (bytes changed in place:
 * damaged input), then check(text, n) again; nothing for an empty file. */
typedef struct tt_test_rounds {
    void (*check)(char *text, size_t n);
    void (*spoil)(char *text, size_t n);
} tt_test_rounds;
void tt_test_spoiled_rounds(char *text, size_t n, const char *path, void *ctx);

/* The next number of a xorshift64 generator (*state must not be 0): generated test input that is the same in
 * every run. */
uint64_t tt_test_xorshift(uint64_t *state);

/* A normalizer on the repository's data folder (the caller frees it with tt_normalizer_free); on failure the
 * program stops with the reason (exit 1), before any suite runs. */
struct tt_normalizer;
struct tt_normalizer *tt_test_normalizer(void);

/* Unescapes the spec vectors' convention (\uXXXX, \n) into a malloc'ed string (caller frees). */
char *tt_test_unescape(const char *s);

#endif
