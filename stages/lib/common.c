/* common.c - error reporting, tt_buf, language and script names (see tt/common.h). */
#include "tt/common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if !defined(TT_TSV_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *
tt_strerror(int code)
{
    switch (code) {
    case TT_OK: return "success";
    case TT_EIO: return "i/o error";
    case TT_ENOMEM: return "out of memory";
    case TT_EUSAGE: return "bad usage";
    case TT_EENCODING: return "invalid encoding";
    case TT_EBINARY: return "not a text file";
    case TT_ELIMIT: return "limit exceeded";
    case TT_ESYNTAX: return "syntax error";
    case TT_EICU: return "ICU error";
    case TT_EPCRE: return "PCRE2 error";
    case TT_EEMPTY: return "empty document";
    case TT_EFORMAT: return "wrong file format or version";
    default: return "unknown error";
    }
}

void
tt_error_clear(tt_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

int
tt_error_set(tt_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    if (code == TT_EIO && !err->sys_errno)
        err->sys_errno = errno;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int
tt_error_at(tt_error *err, const char *path, uint64_t line, uint64_t column)
{
    if (!err)
        return TT_OK;
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    err->line = line;
    err->column = column;
    return err->code;
}

int
tt_error_at_offset(tt_error *err, const char *path, uint64_t offset)
{
    if (!err)
        return TT_OK;
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    err->offset = offset;
    err->has_offset = 1;
    return err->code;
}

char *
tt_error_format(const tt_error *err, char *buf, size_t n)
{
    size_t k = 0;
    if (!n)
        return buf;
    buf[0] = 0;
#define TT_ADD(...)                                                                                        \
    do {                                                                                                   \
        if (k < n) {                                                                                       \
            int r_ = snprintf(buf + k, n - k, __VA_ARGS__);                                                \
            if (r_ > 0)                                                                                    \
                k += (size_t)r_;                                                                           \
        }                                                                                                  \
    } while (0)
    if (err->path[0]) {
        TT_ADD("'%s'", err->path);
        if (err->line) {
            TT_ADD(":%llu", (unsigned long long)err->line);
            if (err->column)
                TT_ADD(":%llu", (unsigned long long)err->column);
        }
        if (err->has_offset)
            TT_ADD(": byte %llu", (unsigned long long)err->offset);
        TT_ADD(": ");
    } else if (err->has_offset) {
        TT_ADD("byte %llu: ", (unsigned long long)err->offset);
    }
    TT_ADD("%s", err->msg[0] ? err->msg : tt_strerror(err->code));
    if (err->code == TT_EIO && err->sys_errno) {
        /* each reason once: a message that already ends with the system's reason does not get it again */
        const char *why = strerror(err->sys_errno);
        size_t ml = strlen(err->msg), wl = strlen(why);
        if (ml < wl || strcmp(err->msg + ml - wl, why) != 0)
            TT_ADD(": %s", why);
    }
#undef TT_ADD
    return buf;
}

void
tt_buf_init(tt_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void
tt_buf_free(tt_buf *b)
{
    if (!b)
        return;
    free(b->data);
    tt_buf_init(b);
}

void
tt_buf_reset(tt_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

int
tt_buf_reserve(tt_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return TT_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return TT_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int
tt_buf_append(tt_buf *b, const void *p, size_t n)
{
    if (tt_buf_reserve(b, n))
        return TT_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int
tt_buf_putc(tt_buf *b, char c)
{
    if (b->len + 1 >= b->cap && tt_buf_reserve(b, 1))
        return TT_ENOMEM;
    b->data[b->len++] = c;
    b->data[b->len] = 0;
    return 0;
}

int
tt_buf_puts(tt_buf *b, const char *s)
{
    return tt_buf_append(b, s, strlen(s));
}

int
tt_buf_vprintf(tt_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return TT_EUSAGE;
    if ((size_t)n < sizeof tmp)
        return tt_buf_append(b, tmp, (size_t)n);
    if (tt_buf_reserve(b, (size_t)n))
        return TT_ENOMEM;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int
tt_buf_printf(tt_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = tt_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

int
tt_buf_put_u64(tt_buf *b, uint64_t v)
{
    char tmp[24];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return tt_buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

/* The bytes tt_buf_put_tsv escapes: \t \n \r and the backslash. */
static int
tsv_special(unsigned char c)
{
    return c == '\\' || (c <= '\r' && (c == '\t' || c == '\n' || c == '\r'));
}

/* Offset of the first byte of s[i..n) that tt_buf_put_tsv escapes, or n. The fast path (switch: build with
 * -DTT_TSV_PLAIN to leave it out; tests/unit/test_common.c compares tt_buf_put_tsv with a plain escaper): 16
 * bytes at a time (SSE2), then eight while none of them is below 0x0E or a backslash ((v - c) & ~v & 0x80.. is
 * non-zero when some byte is below c, and never when none is, which is all a skip needs), then the byte loop. */
static inline size_t
tsv_next_special(const char *s, size_t i, size_t n)
{
#ifndef TT_TSV_PLAIN
#ifdef __SSE2__
    const __m128i bs = _mm_set1_epi8('\\'), lo = _mm_set1_epi8(0x0D);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, bs), _mm_cmpeq_epi8(_mm_min_epu8(v, lo), v));
        if (_mm_movemask_epi8(hit))
            break;
    }
#endif
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (; i + 8 <= n; i += 8) {
        uint64_t v, x;
        memcpy(&v, s + i, 8);
        x = v ^ (ones * '\\');
        if (((v - ones * 0x0E) & ~v & high) | ((x - ones) & ~x & high))
            break;
    }
#endif
    while (i < n && !tsv_special((unsigned char)s[i]))
        i++;
    return i;
}

/* The escape letter of a byte tsv_special says is escaped. */
static inline char
tsv_letter(char c)
{
    return c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
}

int
tt_buf_put_tsv(tt_buf *b, const char *s, size_t n)
{
#if !defined(TT_TSV_PLAIN) && defined(__SSE2__)
    /* A field of up to 4 KiB (nearly all) in one pass: room for the worst case (every byte escaped) and 16 bytes
     * more, then 16 bytes a step, each stored as it is and kept up to the first byte that may be escaped (one of
     * \t \n \r \\, or another byte below 0x0E), which is then written escaped or as it is. No scan before the
     * copy, no memcpy call per field. */
    if (n <= 4096) {
        if (b->len + 2 * n + 17 > b->cap && tt_buf_reserve(b, 2 * n + 16))
            return TT_ENOMEM;
        char *o = b->data + b->len;
        size_t i = 0;
        const __m128i bs = _mm_set1_epi8('\\'), lo = _mm_set1_epi8(0x0D);
        for (;;) {
            int found = 0;
            while (i + 16 <= n) {
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
                _mm_storeu_si128((__m128i *)(void *)o, v);
                unsigned m = (unsigned)_mm_movemask_epi8(
                    _mm_or_si128(_mm_cmpeq_epi8(v, bs), _mm_cmpeq_epi8(_mm_min_epu8(v, lo), v)));
                if (m) {
                    unsigned k = (unsigned)__builtin_ctz(m);
                    i += k, o += k, found = 1;
                    break;
                }
                i += 16, o += 16;
            }
            if (!found) { /* fewer than 16 bytes left: a word of 8 when none of them may be escaped, then bytes */
                const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
                uint64_t v, x;
                if (i + 8 <= n) {
                    memcpy(&v, s + i, 8);
                    x = v ^ (ones * '\\');
                    if (!(((v - ones * 0x0E) & ~v & high) | ((x - ones) & ~x & high))) {
                        memcpy(o, &v, 8);
                        i += 8, o += 8;
                    }
                }
                while (i < n && !tsv_special((unsigned char)s[i]))
                    *o++ = s[i++];
            }
            if (i == n)
                break;
            char c = s[i++];
            if (tsv_special((unsigned char)c)) {
                *o++ = '\\';
                c = tsv_letter(c);
            }
            *o++ = c;
        }
        *o = 0;
        b->len = (size_t)(o - b->data);
        return 0;
    }
#endif
    size_t i = tsv_next_special(s, 0, n);
    /* one reservation: the bytes as they are, or at most two for each from the first that is escaped */
    if (tt_buf_reserve(b, n + (n - i)))
        return TT_ENOMEM;
    char *o = b->data + b->len;
    size_t start = 0;
    while (i < n) {
        memcpy(o, s + start, i - start);
        o += i - start;
        *o++ = '\\';
        *o++ = tsv_letter(s[i]);
        start = i + 1;
        i = tsv_next_special(s, start, n);
    }
    if (n > start) {
        memcpy(o, s + start, n - start);
        o += n - start;
    }
    *o = 0;
    b->len = (size_t)(o - b->data);
    return 0;
}

int
tt_tsv_unescape(tt_buf *out, const char *s, size_t n)
{
    if (tt_buf_reserve(out, n))
        return TT_ENOMEM;
    size_t len = 0;
    int rc = tt_tsv_unescape_to(out->data + out->len, s, n, &len);
    out->len += len; /* on a bad escape too: what came before it (as it always was) */
    if (rc)
        return rc;
    out->data[out->len] = 0;
    return 0;
}

int
tt_tsv_unescape_to(char *dst, const char *s, size_t n, size_t *len)
{
    char *o = dst;
    const char *end = s + n;
    for (;;) {
        /* runs without a backslash are copied whole (memchr and memcpy, not a byte loop) */
        const char *bs = memchr(s, '\\', (size_t)(end - s));
        size_t run = (size_t)((bs ? bs : end) - s);
        memcpy(o, s, run);
        o += run;
        if (!bs)
            break;
        char c = bs + 1 < end ? bs[1] : 0;
        switch (c) {
        case 't': *o++ = '\t'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case '\\': *o++ = '\\'; break;
        default: *len = (size_t)(o - dst); return TT_ESYNTAX;
        }
        s = bs + 2;
    }
    *len = (size_t)(o - dst);
    return 0;
}

char *
tt_buf_detach(tt_buf *b, size_t *len)
{
    char *p = b->data;
    if (len)
        *len = b->len;
    if (!p) {
        p = malloc(1);
        if (p)
            p[0] = 0;
    }
    tt_buf_init(b);
    return p;
}

static const char *const lang_names[TT_LANG_COUNT] = {"other", "kk", "uz", "ru", "en"};

tt_lang
tt_lang_parse(const char *s, size_t n)
{
    for (int i = 1; i < TT_LANG_COUNT; i++)
        if (n == 2 && memcmp(s, lang_names[i], 2) == 0)
            return (tt_lang)i;
    return TT_LANG_OTHER;
}

int
tt_lang_known(const char *s, size_t n)
{
    return tt_lang_parse(s, n) != TT_LANG_OTHER;
}

const char *
tt_lang_name(tt_lang l)
{
    return (unsigned)l < TT_LANG_COUNT ? lang_names[l] : "other";
}

static const char *const script_names[TT_SCRIPT_COUNT] = {"",          "Cyrl",      "Latn",
                                                          "Latn-2017", "Latn-2018", "Latn-2021"};

int
tt_script_parse(const char *s, size_t n)
{
    for (int i = 0; i < TT_SCRIPT_COUNT; i++)
        if (strlen(script_names[i]) == n && memcmp(s, script_names[i], n) == 0)
            return i;
    return -1;
}

const char *
tt_script_name(tt_script s)
{
    return (unsigned)s < TT_SCRIPT_COUNT ? script_names[s] : "";
}

int
tt_file_append(const char *path, tt_buf *b, int *opened)
{
    FILE *f = fopen(path, "rb");
    if (opened)
        *opened = f != NULL;
    if (!f)
        return TT_EIO; /* errno from fopen */
    char chunk[65536];
    size_t k;
    int rc = tt_buf_reserve(b, 0);
    while (!rc && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = tt_buf_append(b, chunk, k);
    if (!rc && ferror(f)) {
        rc = TT_EIO;
        errno = EIO;
    } else if (rc) {
        errno = ENOMEM;
    }
    fclose(f);
    return rc;
}

char *
tt_file_read(const char *path, size_t *n)
{
    tt_buf b = {0};
    if (tt_file_append(path, &b, NULL)) {
        int e = errno;
        tt_buf_free(&b);
        errno = e;
        return NULL;
    }
    return tt_buf_detach(&b, n);
}

int
tt_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, nc * size);
    if (!np)
        return TT_ENOMEM;
    *p = np;
    *cap = nc;
    return 0;
}

unsigned
tt_cpu_simd(void)
{
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
    static unsigned have; /* 0: not asked yet, else the bits | 0x80 */
    unsigned h = __atomic_load_n(&have, __ATOMIC_RELAXED);
    if (!h) {
        h = 0x80u | (__builtin_cpu_supports("ssse3") ? TT_CPU_SSSE3 : 0) |
            (__builtin_cpu_supports("avx2") ? TT_CPU_AVX2 : 0);
        __atomic_store_n(&have, h, __ATOMIC_RELAXED);
    }
    return h & 0x7Fu;
#else
    return 0;
#endif
}

double
tt_now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
