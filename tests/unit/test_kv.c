/* test_kv.c - the key/value list (tt/kv.h), tt_grow and the whole-file reader (tt/common.h). */
#include "support.h"
#include "tt/kv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
test_kv(void)
{
    tt_kv l = {0};
    size_t n;
    CU_ASSERT_EQUAL(tt_kv_add(&l, "doc_id", 6, "kz-2021-order-kk", 16), 0);
    CU_ASSERT_EQUAL(tt_kv_add(&l, "lang", 4, "kk", 2), 0);
    CU_ASSERT_EQUAL(tt_kv_add(&l, "bin", 3, "a\0b", 3), 0);
    CU_ASSERT_STRING_EQUAL(tt_kv_get(&l, "lang", &n), "kk");
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(memcmp(tt_kv_get(&l, "bin", &n), "a\0b", 3), 0);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_PTR_NULL(tt_kv_get(&l, "lan", NULL));
    /* set replaces in place, keeping the order; a new key is appended */
    CU_ASSERT_EQUAL(tt_kv_set(&l, "lang", "ru", 2), 0);
    CU_ASSERT_EQUAL(tt_kv_set(&l, "status", "ok", 2), 0);
    CU_ASSERT_EQUAL(l.n, 4);
    CU_ASSERT_STRING_EQUAL(tt_kv_key(&l, 1, NULL), "lang");
    CU_ASSERT_STRING_EQUAL(tt_kv_value(&l, 1, NULL), "ru");
    CU_ASSERT_STRING_EQUAL(tt_kv_key(&l, 3, &n), "status");
    CU_ASSERT_EQUAL(n, 6);
    for (int i = 0; i < 1000; i++) { /* growth */
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        CU_ASSERT_EQUAL_FATAL(tt_kv_set(&l, k, k, strlen(k)), 0);
    }
    CU_ASSERT_STRING_EQUAL(tt_kv_get(&l, "k999", NULL), "k999");
    CU_ASSERT_STRING_EQUAL(tt_kv_get(&l, "doc_id", NULL), "kz-2021-order-kk");
    tt_kv_reset(&l);
    CU_ASSERT_EQUAL(l.n, 0);
    CU_ASSERT_PTR_NULL(tt_kv_get(&l, "lang", NULL));
    tt_kv_free(&l);
    tt_kv_free(&l); /* twice is fine */
}

static void
test_grow(void)
{
    int *v = NULL;
    size_t cap = 0;
    CU_ASSERT_EQUAL(tt_grow((void **)&v, &cap, 1, sizeof *v), 0);
    CU_ASSERT_EQUAL(cap, 64);
    CU_ASSERT_EQUAL(tt_grow((void **)&v, &cap, 65, sizeof *v), 0);
    CU_ASSERT_EQUAL(cap, 128);
    CU_ASSERT_EQUAL(tt_grow((void **)&v, &cap, 100, sizeof *v), 0);
    CU_ASSERT_EQUAL(cap, 128);
    v[127] = 1;
    free(v);
}

static void
test_file_append(void)
{
    char path[] = "/tmp/tt-kv-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, "concept x\n", 10), 10);
    close(fd);
    tt_buf b = {0};
    int opened = -1;
    CU_ASSERT_EQUAL(tt_buf_puts(&b, ">"), 0);
    CU_ASSERT_EQUAL(tt_file_append(path, &b, &opened), 0);
    CU_ASSERT_EQUAL(opened, 1);
    CU_ASSERT_STRING_EQUAL(b.data, ">concept x\n");
    size_t n;
    char *s = tt_file_read(path, &n);
    CU_ASSERT_EQUAL(n, 10);
    free(s);
    unlink(path);
    CU_ASSERT_EQUAL(tt_file_append(path, &b, &opened), TT_EIO);
    CU_ASSERT_EQUAL(opened, 0);
    CU_ASSERT_EQUAL(errno, ENOENT);
    CU_ASSERT_PTR_NULL(tt_file_read(path, &n));
    tt_buf_free(&b);
}

static void
reg(void)
{
    tt_test_suite("kv", "add, get, set in place, binary values, growth, reset", test_kv, NULL);
    tt_test_suite("common", "tt_grow doubles from 64", test_grow,
                  "tt_file_append / tt_file_read: content, open failure with errno", test_file_append, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
