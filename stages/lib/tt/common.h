/* tt/common.h - what every termtrace module shares: error reporting, growable byte buffers, languages and
 * scripts.
 *
 * CONTENTS
 *   1. Memory rules for the whole library
 *   2. Error codes and tt_error
 *   3. tt_buf: a binary-safe growable byte buffer
 *   4. Languages and scripts
 *   5. The CPU's vector instructions
 *
 * 1. MEMORY RULES (they hold for every tt_* function unless its declaration says otherwise)
 *   - Functions never take ownership of their arguments.
 *   - A handle returned through an `out` pointer (tt_xxx **out) belongs to the caller and is released with the
 *     matching tt_xxx_free(); every tt_xxx_free(NULL) is a no-op. On failure *out is set to NULL and nothing
 *     needs to be freed.
 *   - A `const` pointer returned by a function is borrowed: it stays valid until the handle it came from is
 *     freed or, where said, until the next call on that handle.
 *   - Text is passed as (const char *s, size_t n), UTF-8, not NUL-terminated unless said; offsets are byte
 *     offsets into the decoded UTF-8 text of a document (uint64_t).
 *   - The library never prints and never exits: it returns 0 or a negative TT_E* code and fills a caller-owned
 *     tt_error. Only a program's main() prints and chooses the exit status.
 *   - No mutable global state: every handle may be used by one thread at a time; different handles may be used
 *     by different threads at once. Handles documented as "shared, read-only" (a loaded lexicon) may be used by
 *     many threads at once.
 */
#ifndef TT_COMMON_H
#define TT_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define TT_VERSION "0.1.0"
/* Version of the output files' format (outputs.md); bumped on any change to a public output. */
#define TT_FORMAT_VERSION 2

#if defined(__GNUC__)
#define TT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TT_PRINTF(a, b)
#endif

/* ---- 2. Error codes ------------------------------------------------------------------------------------- */
enum {
    TT_OK = 0,
    TT_EIO = -1,       /* reading or writing a file failed (errno is in tt_error.sys_errno) */
    TT_ENOMEM = -2,    /* an allocation failed */
    TT_EUSAGE = -3,    /* a caller passed a bad option or argument */
    TT_EENCODING = -4, /* bytes that do not decode in the declared or detected encoding */
    TT_EBINARY = -5,   /* the input is not text (PNG, PDF, ELF, NUL bytes, ...) */
    TT_ELIMIT = -6,    /* a documented limit was hit (document size, gzip ratio, token length, ...) */
    TT_ESYNTAX = -7,   /* a lexicon, manifest, rule file or stream record does not parse */
    TT_EICU = -8,      /* ICU reported a failure */
    TT_EPCRE = -9,     /* PCRE2 reported a failure (compile error, match limit) */
    TT_EEMPTY = -10,   /* the input holds no text at all */
    TT_EFORMAT = -11,  /* a stream or cache file of another version or kind */
};

/* Where and why something failed. Filled by the function that failed; the caller owns it (usually on the
 * stack). Location fields are 0 / empty when unknown. `msg` holds the reason only: lowercase, no final full
 * stop, no location (tt_error_format() puts the location in front). */
typedef struct tt_error {
    int code;          /* TT_E* (negative), TT_OK when no error */
    int sys_errno;     /* errno for TT_EIO, else 0 */
    char path[1024];   /* file concerned, if any */
    uint64_t line;     /* 1-based line, 0 = none */
    uint64_t column;   /* 1-based column (in characters), 0 = none */
    uint64_t offset;   /* byte offset, meaningful when has_offset */
    int has_offset;
    char msg[1024];
} tt_error;

/* Text for a TT_E* code ("i/o error", ...). Static string, never NULL. */
const char *tt_strerror(int code);

/* Resets *err to "no error". */
void tt_error_clear(tt_error *err);

/* Sets err->code and err->msg (printf-style) and returns code, so that `return tt_error_set(err, ...)` works.
 * Location fields are left as they are; err may be NULL (then only the code is returned). */
int tt_error_set(tt_error *err, int code, const char *fmt, ...) TT_PRINTF(3, 4);

/* Sets the location fields. path may be NULL (left as is). Returns err->code. */
int tt_error_at(tt_error *err, const char *path, uint64_t line, uint64_t column);
int tt_error_at_offset(tt_error *err, const char *path, uint64_t offset);

/* Writes "'path':line:col: msg" (or "'path': byte N: msg", or just msg) into buf (size n, NUL-terminated,
 * truncated if needed). Returns buf. */
char *tt_error_format(const tt_error *err, char *buf, size_t n);

/* ---- 3. tt_buf ------------------------------------------------------------------------------------------ */
/* A growable byte buffer. Zero-initialise it (tt_buf b = {0}) or call tt_buf_init; free with tt_buf_free.
 * `data` is always NUL-terminated after any successful append (the NUL is not counted in len), so it may be
 * passed to C string functions when the content has no NUL. Appends return 0 or TT_ENOMEM. */
typedef struct tt_buf {
    char *data;
    size_t len;
    size_t cap;
} tt_buf;

void tt_buf_init(tt_buf *b);
void tt_buf_free(tt_buf *b); /* releases memory, leaves b empty and reusable */
void tt_buf_reset(tt_buf *b); /* len = 0, keeps memory */
int tt_buf_reserve(tt_buf *b, size_t extra); /* room for `extra` more bytes + NUL */
int tt_buf_append(tt_buf *b, const void *p, size_t n);
int tt_buf_putc(tt_buf *b, char c);
int tt_buf_puts(tt_buf *b, const char *s);
int tt_buf_printf(tt_buf *b, const char *fmt, ...) TT_PRINTF(2, 3);
int tt_buf_vprintf(tt_buf *b, const char *fmt, va_list ap);
int tt_buf_put_u64(tt_buf *b, uint64_t v); /* decimal, fast */
/* Appends s with the TSV escapes of outputs.md: tab -> \t, newline -> \n, CR -> \r, backslash -> \\. */
int tt_buf_put_tsv(tt_buf *b, const char *s, size_t n);
/* Takes the data out: returns b->data (caller frees with free()) and leaves b empty. Never NULL. */
char *tt_buf_detach(tt_buf *b, size_t *len);

/* Grows the array *p of *cap elements of `size` bytes so that it holds at least need elements (capacity
 * doubles, from 64). Returns 0, or TT_ENOMEM with *p and *cap unchanged. */
int tt_grow(void **p, size_t *cap, size_t need, size_t size);

/* Reverses tt_buf_put_tsv on s[0..n) into out (appending). Returns 0, TT_ENOMEM, or TT_ESYNTAX for a
 * backslash followed by anything else. */
int tt_tsv_unescape(tt_buf *out, const char *s, size_t n);
/* The same into dst, which has room for n bytes (an unescaped field is never longer): *len gets the bytes
 * written (no NUL is added). Returns 0 or TT_ESYNTAX (*len then counts what came before the bad escape). */
int tt_tsv_unescape_to(char *dst, const char *s, size_t n, size_t *len);

/* Reads a whole (small) file: returns a malloc'ed, NUL-terminated buffer the caller frees, and its length in
 * *n; NULL (errno set) if it cannot be opened or read, or memory runs out. For data files, not documents. */
char *tt_file_read(const char *path, size_t *n);

/* The one whole-file reader: appends the file at path to b (b stays NUL-terminated). Returns 0; TT_EIO when the
 * file cannot be opened (*opened = 0, errno from the open) or read (*opened = 1, errno EIO); TT_ENOMEM. opened
 * may be NULL. On failure b holds what was read so far: the caller frees or resets it. */
int tt_file_append(const char *path, tt_buf *b, int *opened);

/* ---- 4. Languages and scripts --------------------------------------------------------------------------- */
typedef enum tt_lang {
    TT_LANG_OTHER = 0, /* any other language: NFKC casefold only, no lexicon entries apply */
    TT_LANG_KK,        /* Kazakh */
    TT_LANG_UZ,        /* Uzbek */
    TT_LANG_RU,        /* Russian */
    TT_LANG_EN,        /* English */
    TT_LANG_COUNT
} tt_lang;

/* The script (and for Kazakh Latin, the alphabet) a document or lexicon entry is written in. */
typedef enum tt_script {
    TT_SCRIPT_ANY = 0, /* unknown / detect / (for lexicon entries) either script */
    TT_SCRIPT_CYRL,
    TT_SCRIPT_LATN,      /* Latin; for Kazakh: alphabet not known, detect it */
    TT_SCRIPT_LATN_2017, /* Kazakh 2017 apostrophe alphabet */
    TT_SCRIPT_LATN_2018, /* Kazakh 2018 acute alphabet */
    TT_SCRIPT_LATN_2021, /* Kazakh 2021 diacritic alphabet */
    TT_SCRIPT_COUNT
} tt_script;

/* "kk" -> TT_LANG_KK ...; returns TT_LANG_OTHER for anything else (check with tt_lang_known). */
tt_lang tt_lang_parse(const char *s, size_t n);
int tt_lang_known(const char *s, size_t n); /* 1 if one of kk uz ru en */
const char *tt_lang_name(tt_lang l);        /* "kk", ... "other" */
/* "Cyrl", "Latn", "Latn-2017", "Latn-2018", "Latn-2021", "" -> enum; returns -1 for anything else. */
int tt_script_parse(const char *s, size_t n);
const char *tt_script_name(tt_script s); /* "" for TT_SCRIPT_ANY */

/* Where the data files live (lexicons/: transliteration rules, grammars, tables); see datadir.c. In order: the
 * environment variable TT_DATADIR (or its older name TT_DATA) if set; else found relative to the running program
 * (/proc/self/exe): <exe>/../../../lexicons in the build tree (build/<flavor>/{bin,tests,fuzz}/), then
 * <exe>/../share/termtrace/lexicons for an installed copy; the first that holds homoglyphs.tsv wins. So a copied
 * or moved tree reads its own data. Failing all, a folder compiled in with -DTT_DATADIR (if any), else
 * "lexicons" in the working folder. Decided once per process (thread-safe). Static string. */
const char *tt_data_dir(void);
/* Checks that dir looks like the data folder (it holds homoglyphs.tsv). Returns 0 or TT_EUSAGE (err names the
 * folder and says how to point TT_DATADIR at the right one). */
int tt_data_dir_check(const char *dir, tt_error *err);

/* a[0..n) == b[0..n)? The same answer as memcmp(a, b, n) == 0; keys of up to 16 bytes (the type caches' match
 * forms and words) are compared with two overlapping loads each instead of a call. Reads nothing outside the two
 * ranges. */
static inline int
tt_mem_eq(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    if (n >= 8 && n <= 16) {
        uint64_t x0, y0, x1, y1;
        __builtin_memcpy(&x0, p, 8);
        __builtin_memcpy(&y0, q, 8);
        __builtin_memcpy(&x1, p + n - 8, 8);
        __builtin_memcpy(&y1, q + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n >= 4 && n < 8) {
        uint32_t x0, y0, x1, y1;
        __builtin_memcpy(&x0, p, 4);
        __builtin_memcpy(&y0, q, 4);
        __builtin_memcpy(&x1, p + n - 4, 4);
        __builtin_memcpy(&y1, q + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (p[i] != q[i])
                return 0;
        return 1;
    }
    return __builtin_memcmp(p, q, n) == 0;
}


/* 5. THE CPU'S VECTOR INSTRUCTIONS. The fast paths that choose their width at run time (the UTF-8 scanner, the
 * decoder's control count, the NFC check) ask here: TT_CPU_SSSE3 and TT_CPU_AVX2 bits for what this CPU has, 0
 * off x86 or without the compiler's __builtin_cpu_supports. Asked of the CPU once per process (a cached value
 * that every thread computes the same). */
#define TT_CPU_SSSE3 1u
#define TT_CPU_AVX2 2u
unsigned tt_cpu_simd(void);

/* 6. TIME. Seconds on the monotonic clock (for durations: run.json's seconds, progress rates). */
double tt_now_seconds(void);

#endif
