/* support.c - see support.h. */
#include "support.h"
#include "tt/norm.h"

#include "tt/common.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>


int
tt_test_main(void (*reg)(void))
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    reg();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned nf = CU_get_number_of_failures();
    unsigned nr = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    u_cleanup();
    if (nr == 0) {
        fprintf(stderr, "no test ran\n");
        return 1;
    }
    return nf ? 1 : 0;
}

void
tt_test_suite(const char *name, ...)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);
    va_list ap;
    va_start(ap, name);
    for (;;) {
        const char *tn = va_arg(ap, const char *);
        if (!tn)
            break;
        CU_TestFunc f = va_arg(ap, CU_TestFunc);
        CU_add_test(s, tn, f);
    }
    va_end(ap);
}

const char *
tt_test_shared(void)
{
    static char path[4096];
    struct stat st;
    const char *e = getenv("TT_SHARED");
    if (e && *e)
        snprintf(path, sizeof path, "%s", e);
    else
        snprintf(path, sizeof path, "%s/../../shared", tt_data_dir()); /* <repo>/lexicons -> <repo>/../shared */
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return path;
}

void
tt_test_skip(int kind, const char *fmt, ...)
{
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    const char *req = getenv(kind == TT_SKIP_SHARED ? "TT_REQUIRE_SHARED" : "TT_REQUIRE_ALL");
    if (req && strcmp(req, "1") == 0) {
        printf("\nFAIL: %s (not allowed to skip: %s=1)\n", why,
               kind == TT_SKIP_SHARED ? "TT_REQUIRE_SHARED" : "TT_REQUIRE_ALL");
        fflush(stdout);
        CU_FAIL("a check that must run was skipped (see the FAIL: line)");
        return;
    }
    printf("\nSKIP: %s\n", why);
    fflush(stdout);
}

long
tt_test_each_file(const char *dir, void (*fn)(char *text, size_t n, const char *path, void *ctx), void *ctx)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    long files = 0;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            files += tt_test_each_file(path, fn, ctx);
            continue;
        }
        size_t n;
        char *text = tt_test_slurp(path, &n);
        if (!text)
            continue;
        fn(text, n, path, ctx);
        files++;
        free(text);
    }
    closedir(d);
    return files;
}

void
tt_test_utf16_pieces(const char *s, size_t n, void (*fn)(const UChar *u, int32_t len))
{
    UChar *u = malloc((n + 1) * sizeof *u);
    int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    u_strFromUTF8WithSub(u, (int32_t)n + 1, &len, s, (int32_t)n, 0xFFFD, NULL, &st);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    for (int32_t at = 0; at < len;) {
        int32_t end = at + 65536 < len ? at + 65536 : len;
        while (end < len && end > at + 1 && u[end - 1] != '\n')
            end--;
        fn(u + at, end - at);
        at = end;
    }
    free(u);
}

uint64_t
tt_test_xorshift(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

long
tt_test_corpus(const char *what, void (*fn)(char *text, size_t n, const char *path, void *ctx), void *ctx)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "%s: no ../shared folder (set TT_SHARED)", what);
        return -1;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus", sh);
    return tt_test_each_file(dir, fn, ctx);
}

void
tt_test_put(const char *dir, const char *name, size_t n)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (size_t i = 0; i < n; i++)
        fputc('a' + (int)(i % 26), f);
    CU_ASSERT_EQUAL(fclose(f), 0);
}

char *
tt_test_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, r;
    char *buf = malloc(cap + 1);
    while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) {
            char *p = realloc(buf, 2 * cap + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[len] = 0;
    if (n)
        *n = len;
    return buf;
}

static void
put_utf8(char **o, unsigned cp)
{
    char *p = *o;
    if (cp < 0x80) {
        *p++ = (char)cp;
    } else if (cp < 0x800) {
        *p++ = (char)(0xC0 | (cp >> 6));
        *p++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *p++ = (char)(0xE0 | (cp >> 12));
        *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *p++ = (char)(0x80 | (cp & 0x3F));
    }
    *o = p;
}

char *
tt_test_unescape(const char *s)
{
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    if (!out)
        return NULL;
    while (*s) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s += 2;
        } else if (s[0] == '\\' && s[1] == 'u' && strlen(s) >= 6) {
            char hex[5] = {s[2], s[3], s[4], s[5], 0};
            put_utf8(&o, (unsigned)strtoul(hex, NULL, 16));
            s += 6;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    return out;
}

void
tt_test_windows(const char *s, size_t n, void (*fn)(const char *s, size_t n))
{
    static const size_t sizes[] = {15, 16, 17, 33, 100, 4096};
    size_t k = 0;
    for (size_t at = 0; at < n; at += 4096, k++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            size_t from = at + k % 8 < n ? at + k % 8 : at, len = n - from < sizes[z] ? n - from : sizes[z];
            fn(s + from, len);
        }
}

void
tt_test_spoiled_rounds(char *text, size_t n, const char *path, void *ctx)
{
    const tt_test_rounds *r = ctx;
    (void)path;
    if (!n)
        return;
    r->check(text, n);
    r->spoil(text, n);
    r->check(text, n);
}

tt_normalizer *
tt_test_normalizer(void)
{
    tt_normalizer *nz = NULL;
    tt_error err;
    tt_error_clear(&err);
    if (tt_normalizer_new(&nz, NULL, &err) != 0) {
        fprintf(stderr, "normalizer: %s\n", err.msg);
        exit(1);
    }
    return nz;
}
