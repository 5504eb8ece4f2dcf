/* sha256.c - SHA-256 through OpenSSL's libcrypto (EVP): the fingerprints of documents, manifests, lexicons, the
 * data folder and cache keys (tt/sha256.h). The raw bytes of every document are hashed, so this bounds the decode
 * stage's throughput: libcrypto's SHA extensions code hashes 2.09 GB/s here, the hand-written SHA-NI code this
 * file held before 1.72 GB/s (`openssl speed -evp sha256` against a 100 MiB buffer; README "Dependencies"). */
#include "tt/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* The algorithm, fetched from the default provider once (an implicit fetch in each EVP_DigestInit_ex takes a
 * lock and a lookup); kept for the life of the process. NULL if the fetch failed: every digest then fails.
 * OpenSSL is initialised without reading the system's openssl.cnf: nothing in it concerns a SHA-256 (the default
 * provider's is the same code FIPS configurations select), and reading and parsing it was half the first
 * fingerprint's cost (0.65 -> 0.37 ms, on every run's critical path, before the first document). */
static EVP_MD *md;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;

static void
fetch_md(void)
{
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL); /* 0 on failure: the fetch then fails too */
    md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
}

int
tt_sha256_init(tt_sha256 *s)
{
    pthread_once(&md_once, fetch_md);
    s->ctx = md ? EVP_MD_CTX_new() : NULL;
    s->failed = !s->ctx || !EVP_DigestInit_ex(s->ctx, md, NULL);
    return s->failed ? TT_ENOMEM : 0;
}

void
tt_sha256_update(tt_sha256 *s, const void *p, size_t n)
{
    if (!s->failed && n && !EVP_DigestUpdate(s->ctx, p, n))
        s->failed = 1;
}

void
tt_sha256_discard(tt_sha256 *s)
{
    EVP_MD_CTX_free(s->ctx);
    s->ctx = NULL;
    s->failed = 1;
}

int
tt_sha256_hex(tt_sha256 *s, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dn = 0;
    int ok = !s->failed && EVP_DigestFinal_ex(s->ctx, d, &dn) && dn == 32;
    tt_sha256_discard(s);
    if (!ok) {
        hex[0] = '\0';
        return TT_ENOMEM;
    }
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
    return 0;
}

void
tt_sha256_cleanup(void)
{
    EVP_MD_free(md);
    md = NULL;
}

const char *
tt_sha256_lib_version(void)
{
    return OpenSSL_version(OPENSSL_VERSION_STRING);
}

int
tt_sha256_buf(const void *p, size_t n, char hex[65])
{
    tt_sha256 s;
    tt_sha256_init(&s);
    tt_sha256_update(&s, p, n);
    return tt_sha256_hex(&s, hex);
}

int
tt_sha256_file(const char *path, char hex[65], tt_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (err)
            err->sys_errno = errno;
        tt_error_set(err, TT_EIO, "cannot open: %s", strerror(errno));
        return tt_error_at(err, path, 0, 0);
    }
    tt_sha256 s;
    if (tt_sha256_init(&s)) {
        close(fd);
        tt_sha256_discard(&s);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    unsigned char buf[65536];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            tt_sha256_discard(&s);
            if (err)
                err->sys_errno = e;
            tt_error_set(err, TT_EIO, "cannot read: %s", strerror(e));
            return tt_error_at(err, path, 0, 0);
        }
        if (r == 0)
            break;
        tt_sha256_update(&s, buf, (size_t)r);
    }
    close(fd);
    if (tt_sha256_hex(&s, hex))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}
