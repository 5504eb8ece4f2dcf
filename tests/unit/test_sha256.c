/* test_sha256.c - SHA-256 (FIPS 180-4, through libcrypto: tt/sha256.h) against the standard test vectors, across
 * update boundaries, one-shot and file digests, and a digest given up before its end (discarded: no leak under
 * the sanitizer build). */
#include "support.h"
#include "tt/decode.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
hash(const void *p, size_t n, char hex[65])
{
    tt_sha256 s;
    CU_ASSERT_EQUAL(tt_sha256_init(&s), 0);
    tt_sha256_update(&s, p, n);
    CU_ASSERT_EQUAL(tt_sha256_hex(&s, hex), 0);
    /* the one-shot form gives the same */
    char one[65];
    CU_ASSERT_EQUAL(tt_sha256_buf(p, n, one), 0);
    CU_ASSERT_STRING_EQUAL(one, hex);
}

static void
test_vectors(void)
{
    char h[65];
    hash("", 0, h);
    CU_ASSERT_STRING_EQUAL(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hash("abc", 3, h);
    CU_ASSERT_STRING_EQUAL(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hash(m448, strlen(m448), h);
    CU_ASSERT_STRING_EQUAL(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                       "mnopqrstnopqrstu";
    hash(m896, strlen(m896), h);
    CU_ASSERT_STRING_EQUAL(h, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
test_million_a(void)
{
    char h[65];
    tt_sha256 s;
    tt_sha256_init(&s);
    char a[1000];
    memset(a, 'a', sizeof a);
    for (int i = 0; i < 1000; i++)
        tt_sha256_update(&s, a, sizeof a);
    tt_sha256_hex(&s, h);
    CU_ASSERT_STRING_EQUAL(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Every split of a message into two updates gives the same digest (padding at 55/56/63/64 bytes). */
static void
test_split_updates(void)
{
    unsigned char msg[200];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)(i * 31 + 7);
    for (size_t n = 0; n <= 130; n++) {
        char whole[65];
        hash(msg, n, whole);
        for (size_t k = 0; k <= n; k++) {
            tt_sha256 s;
            char h[65];
            tt_sha256_init(&s);
            tt_sha256_update(&s, msg, k);
            tt_sha256_update(&s, msg + k, n - k);
            tt_sha256_hex(&s, h);
            if (strcmp(h, whole) != 0) {
                CU_FAIL("split update differs");
                return;
            }
        }
    }
    /* and the whole messages at the padding boundaries against digests computed independently (Python's
     * hashlib.sha256 of bytes((i*31+7) & 0xff for i in range(n))) */
    static const struct {
        size_t n;
        const char *hex;
    } want[] = {
        {55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"},
        {56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"},
        {63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"},
        {64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"},
        {119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"},
        {120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"},
        {130, "1c7c3b5eee94d4fa8b41754b89153e50491838d0d3e49b0273d6f12cae12e387"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char h[65];
        hash(msg, want[i].n, h);
        CU_ASSERT_STRING_EQUAL(h, want[i].hex);
    }
}

/* A digest given up part way is freed by tt_sha256_discard (the sanitizer build's leak check sees it), and a state
 * is used again after tt_sha256_hex once re-initialised. */
static void
test_discard_reuse(void)
{
    tt_sha256 s;
    CU_ASSERT_EQUAL(tt_sha256_init(&s), 0);
    tt_sha256_update(&s, "abc", 3);
    tt_sha256_discard(&s);
    tt_sha256_discard(&s); /* twice: harmless */
    char h[65];
    CU_ASSERT_EQUAL(tt_sha256_init(&s), 0);
    tt_sha256_update(&s, "ab", 2);
    tt_sha256_update(&s, "c", 1);
    CU_ASSERT_EQUAL(tt_sha256_hex(&s, h), 0);
    CU_ASSERT_STRING_EQUAL(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    tt_sha256_discard(&s); /* after tt_sha256_hex: nothing left to free */
    /* a large buffer in one update and in uneven pieces */
    size_t n = (1u << 20) + 13;
    unsigned char *m = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (size_t i = 0; i < n; i++)
        m[i] = (unsigned char)(i * 2654435761u >> 13);
    char ha[65], hb[65];
    CU_ASSERT_EQUAL(tt_sha256_buf(m, n, ha), 0);
    tt_sha256_init(&s);
    for (size_t off = 0, step = 1; off < n; off += step, step = step * 3 + 1)
        tt_sha256_update(&s, m + off, off + step <= n ? step : n - off);
    CU_ASSERT_EQUAL(tt_sha256_hex(&s, hb), 0);
    CU_ASSERT_STRING_EQUAL(ha, hb);
    free(m);
}

static void
test_file(void)
{
    char hex[65];
    tt_error e;
    CU_ASSERT_EQUAL(tt_sha256_file("/nonexistent/file", hex, &e), TT_EIO);
    CU_ASSERT_STRING_EQUAL(e.path, "/nonexistent/file");
    /* the 448-bit message in a file */
    char path[] = "/tmp/tt-test-sha-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, "abc", 3), 3);
    close(fd);
    CU_ASSERT_EQUAL(tt_sha256_file(path, hex, &e), 0);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unlink(path);
}

static void
reg(void)
{
    tt_test_suite("sha256", "FIPS 180-4 vectors: empty, abc, 448 and 896 bits", test_vectors,
                  "one million 'a'", test_million_a, "any split into two updates agrees", test_split_updates,
                  "tt_sha256_file", test_file, "discarded digests, reuse, uneven pieces", test_discard_reuse, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
