/* decode.c - tt_decoder: the bytes of a file or of memory -> [gunzip] -> BOM / declared / detected encoding ->
 * UTF-8 chunks that end on character boundaries (see tt/decode.h, normalization.md §1).
 *
 * Pipeline per decoder: raw reads (hashed with SHA-256) -> zlib inflate when the file starts with 1F 8B ->
 * a buffer of decompressed bytes (in[], at least 64 KiB, the detection window) -> one of three converters:
 * UTF-8 (validate and copy, no iconv), single-byte (a byte -> UTF-8 table built from glibc iconv), or iconv
 * itself (UTF-16/32 and multi-byte encodings). Memory is in[] + 64 KiB of compressed input + the caller's
 * chunk, whatever the document's size.
 *
 * Undeclared input that is ASCII so far is passed through without committing to an encoding; the first
 * non-ASCII byte triggers detection (strict UTF-8, else the scored single-byte choice) on the 64 KiB that
 * start there, since every candidate encoding is ASCII-compatible. */
#include "decode_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define WINDOW (64 * 1024)
#define RAWCAP (64 * 1024)
#define DEFAULT_CHUNK (1024 * 1024)
#define MIN_CHUNK 64
#define DEFAULT_GZ_RATIO 1000
#define GZ_SLACK (64 * 1024) /* inflated bytes allowed whatever the ratio (tiny files compress oddly) */

enum { M_UTF8, M_SBCS, M_ICONV };

struct tt_decoder {
    tt_decode_opts o;
    char name[1024];
    const tt_enc_table *tab;
    /* raw source: a file descriptor or memory */
    int fd, is_mem, raw_eof;
    const unsigned char *mem;
    size_t mem_n, mem_pos;
    tt_sha256 sha;
    char known_sha[65]; /* the caller's hash of a memory source (opts.mem_sha256), else "" */
    /* gzip */
    int gz, gz_member, zinit;
    z_stream zs;
    unsigned char *raw; /* compressed input (gzip only) */
    uint64_t gz_in, gz_out;
    /* decompressed bytes: in[in_pos..in_len) pending, in[0] is stream offset in_off */
    unsigned char *in;
    size_t in_pos, in_len, in_cap;
    uint64_t in_off;
    int in_eof;
    /* conversion */
    int mode, committed;
    tt_sbcs *sbcs;
    iconv_t cd;
    size_t unit;
    uint64_t text_start, nul_checked;
    uint64_t trusted; /* stream offset up to which detection already validated the UTF-8 */
    int trusted_whole; /* 1: trusted comes from a declared UTF-8 check: copied only whole (see conv_utf8) */
    size_t chunk;
    int state; /* 0 running, 1 done, < 0 failed with that code */
    tt_error saved;
    tt_decode_info info;
    tt_read_doc *rdoc; /* a document reader's result, served instead of the file (read_*.c) */
};

static int
fail(tt_decoder *d, tt_error *err, int code, int has_off, uint64_t off, const char *fmt, ...) TT_PRINTF(6, 7);

static int
fail(tt_decoder *d, tt_error *err, int code, int has_off, uint64_t off, const char *fmt, ...)
{
    int sys = errno; /* TT_EIO adds strerror(errno) to the message (tt_error_format) */
    char msg[sizeof d->saved.msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    errno = sys;
    int e = d->saved.sys_errno;
    tt_error_clear(&d->saved);
    d->saved.sys_errno = code == TT_EIO ? e : 0;
    tt_error_set(&d->saved, code, "%s", msg);
    if (has_off)
        tt_error_at_offset(&d->saved, d->name, off);
    else
        tt_error_at(&d->saved, d->name, 0, 0);
    d->state = code;
    if (err)
        *err = d->saved;
    return code;
}

/* The 4 string arguments of the hint an invalid-UTF-8 message of a document declared UTF-8 gets when its bytes
 * score as a legacy encoding. */
#define HINT(d)                                                                                            \
    (d)->info.mismatch[0] ? "; the bytes look like " : "", (d)->info.mismatch,                            \
        (d)->info.mismatch[0] ? ": clear the 'encoding' column to detect it, or declare " : "",           \
        (d)->info.mismatch

static uint64_t
cur_off(const tt_decoder *d)
{
    return d->in_off + d->in_pos;
}

/* "0xC0 0xAF" for up to 4 bytes. */
static const char *
hexbytes(char buf[32], const unsigned char *p, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && i < 4; i++)
        k += (size_t)snprintf(buf + k, 32 - k, "%s0x%02X", i ? " " : "", p[i]);
    return buf;
}

/* ---- raw input ------------------------------------------------------------------------------------------- */
static int
raw_read(tt_decoder *d, unsigned char *buf, size_t cap, size_t *got, tt_error *err)
{
    size_t n = 0;
    if (d->raw_eof) {
        *got = 0;
        return 0;
    }
    if (d->is_mem) {
        n = d->mem_n - d->mem_pos < cap ? d->mem_n - d->mem_pos : cap;
        if (n)
            memcpy(buf, d->mem + d->mem_pos, n);
        d->mem_pos += n;
    } else {
        for (;;) {
            ssize_t r = read(d->fd, buf, cap);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                d->saved.sys_errno = errno;
                return fail(d, err, TT_EIO, 0, 0, "cannot read");
            }
            n = (size_t)r;
            break;
        }
    }
    if (n == 0) {
        d->raw_eof = 1;
    } else if (!d->rdoc) {
        if (!d->known_sha[0])
            tt_sha256_update(&d->sha, buf, n);
        d->info.raw_bytes += n;
    }
    *got = n;
    return 0;
}

static int
plain_step(tt_decoder *d, tt_error *err)
{
    size_t got;
    int rc = raw_read(d, d->in + d->in_len, d->in_cap - d->in_len, &got, err);
    if (rc < 0)
        return rc;
    d->in_len += got;
    if (!got)
        d->in_eof = 1;
    return 0;
}

static int
gz_step(tt_decoder *d, tt_error *err)
{
    z_stream *z = &d->zs;
    if (z->avail_in == 0 && !d->raw_eof) {
        size_t got;
        int rc = raw_read(d, d->raw, RAWCAP, &got, err);
        z->next_in = d->raw;
        z->avail_in = (uInt)got;
        return rc;
    }
    uint64_t zpos = d->info.raw_bytes - z->avail_in; /* offset of next_in in the file */
    if (!d->gz_member) {
        /* between members: zero padding is ignored, another member starts with 1F 8B */
        while (z->avail_in && *z->next_in == 0)
            z->next_in++, z->avail_in--, d->gz_in++;
        if (z->avail_in == 0) {
            d->in_eof = d->raw_eof;
            return 0;
        }
        if (*z->next_in != 0x1F)
            return fail(d, err, TT_EENCODING, 1, d->gz_out,
                        "trailing garbage after the gzip stream (byte %llu of the compressed file)",
                        (unsigned long long)(d->info.raw_bytes - z->avail_in));
        inflateReset(z);
        d->gz_member = 1;
    }
    if (z->avail_in == 0)
        return fail(d, err, TT_EENCODING, 1, d->gz_out,
                    "truncated gzip stream: the file ends after %llu bytes, %llu bytes inflated",
                    (unsigned long long)zpos, (unsigned long long)d->gz_out);
    z->next_out = d->in + d->in_len;
    z->avail_out = (uInt)(d->in_cap - d->in_len);
    uInt ai = z->avail_in, ao = z->avail_out;
    int zr = inflate(z, Z_NO_FLUSH);
    size_t produced = ao - z->avail_out;
    d->gz_in += ai - z->avail_in;
    d->gz_out += produced;
    d->in_len += produced;
    if (zr == Z_STREAM_END)
        d->gz_member = 0;
    else if (zr == Z_MEM_ERROR)
        return fail(d, err, TT_ENOMEM, 0, 0, "out of memory (zlib)");
    else if (zr != Z_OK && zr != Z_BUF_ERROR)
        return fail(d, err, TT_EENCODING, 1, d->gz_out, "corrupt gzip stream: %s (byte %llu of the compressed file)",
                    z->msg ? z->msg : "inflate failed",
                    (unsigned long long)(d->info.raw_bytes - z->avail_in));
    uint64_t ratio = d->o.max_gunzip_ratio ? d->o.max_gunzip_ratio : DEFAULT_GZ_RATIO;
    if (d->gz_out > GZ_SLACK && d->gz_in <= UINT64_MAX / ratio && d->gz_out > ratio * d->gz_in)
        return fail(d, err, TT_ELIMIT, 1, d->gz_out,
                    "gzip stream inflates to more than %llu times its compressed size (%llu bytes from %llu: "
                    "a gzip bomb?); --max-gzip-ratio raises the limit",
                    (unsigned long long)ratio, (unsigned long long)d->gz_out, (unsigned long long)d->gz_in);
    return 0;
}

/* Moves the pending bytes to the front of in[] and reads until it is full or the input ends. */
static int
fill(tt_decoder *d, tt_error *err)
{
    if (d->in_pos) {
        memmove(d->in, d->in + d->in_pos, d->in_len - d->in_pos);
        d->in_off += d->in_pos;
        d->in_len -= d->in_pos;
        d->in_pos = 0;
    }
    while (d->in_len < d->in_cap && !d->in_eof) {
        int rc = d->gz ? gz_step(d, err) : plain_step(d, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- encoding set-up ------------------------------------------------------------------------------------- */
static int
set_encoding(tt_decoder *d, const char *enc, tt_error *err)
{
    snprintf(d->info.encoding, sizeof d->info.encoding, "%s", enc);
    d->committed = 1;
    d->unit = 1;
    if (strcmp(enc, "UTF-8") == 0) {
        d->mode = M_UTF8;
        return 0;
    }
    if (!d->sbcs && !(d->sbcs = malloc(sizeof *d->sbcs)))
        return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
    const tt_sbcs *pre = tt_enc_detect_sbcs(d->tab, enc);
    if (pre)
        *d->sbcs = *pre;
    int r = pre ? 1 : tt_sbcs_build(d->sbcs, enc);
    if (r < 0)
        return fail(d, err, TT_EUSAGE, 0, 0, "encoding '%s' is not supported by this system's iconv", enc);
    if (r == 1) {
        d->mode = M_SBCS;
        return 0;
    }
    free(d->sbcs);
    d->sbcs = NULL;
    d->cd = iconv_open("UTF-8", enc);
    if (d->cd == (iconv_t)-1)
        return fail(d, err, TT_EUSAGE, 0, 0, "encoding '%s' is not supported by this system's iconv", enc);
    d->mode = M_ICONV;
    if (strncmp(enc, "UTF-16", 6) == 0)
        d->unit = 2;
    else if (strncmp(enc, "UTF-32", 6) == 0)
        d->unit = 4;
    return 0;
}

/* BOM of a declared Unicode encoding: its length and the byte order it fixes (*enc), or 0. */
static size_t
declared_bom(const char *decl, const unsigned char *p, size_t n, const char **enc)
{
    const char *b;
    size_t bl = tt_dec_bom(p, n, &b);
    if (!bl)
        return 0;
    size_t dl = strlen(decl);
    /* "UTF-16" takes either UTF-16 BOM, "UTF-16LE" only its own; likewise UTF-32 and UTF-8 */
    if (strcmp(decl, b) == 0 || (dl == 6 && strncmp(decl, b, 6) == 0)) {
        *enc = b;
        return bl;
    }
    if (strcmp(decl, "UTF-16LE") == 0 && strcmp(b, "UTF-32LE") == 0) { /* FF FE 00 00: BOM then U+0000 */
        *enc = decl;
        return 2;
    }
    return 0;
}

static unsigned
unit_at(const unsigned char *p, size_t unit, int le)
{
    if (unit == 1)
        return p[0];
    if (unit == 2)
        return le ? (unsigned)p[0] | (unsigned)p[1] << 8 : (unsigned)p[1] | (unsigned)p[0] << 8;
    return le ? (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24
              : (unsigned)p[3] | (unsigned)p[2] << 8 | (unsigned)p[1] << 16 | (unsigned)p[0] << 24;
}

/* Not text: a NUL character, or more than 10 % C0 controls other than \t \n \f \r (at least 8 of them). */
static int
check_binary_window(tt_decoder *d, size_t from, size_t n, tt_error *err)
{
    if (d->mode == M_SBCS && !d->sbcs->ascii_identity)
        return 0;
    size_t u = d->unit, units = 0, ctl = 0, first = 0;
    int le = strstr(d->info.encoding, "LE") != NULL;
    if (u == 1) {
        const unsigned char *q = d->in + from, *z = memchr(q, 0, n);
        if (z)
            return fail(d, err, TT_EBINARY, 1, d->in_off + from + (size_t)(z - q), "NUL byte: not a text file");
        size_t at;
        ctl = tt_dec_controls(q, n, &at); /* no NUL: all controls but \t \n \f \r */
        units = n;
        first = from + at;
    }
    for (size_t i = from; u > 1 && i + u <= from + n; i += u, units++) {
        unsigned v = unit_at(d->in + i, u, le);
        if (v == 0)
            return fail(d, err, TT_EBINARY, 1, d->in_off + i, "NUL character: not a text file");
        if (v < 0x20 && v != '\t' && v != '\n' && v != '\f' && v != '\r' && !ctl++)
            first = i;
    }
    if (ctl >= 8 && ctl * 10 > units)
        return fail(d, err, TT_EBINARY, 1, d->in_off + first,
                    "%zu control characters in the first %zu characters (%zu%%): not a text file", ctl, units,
                    ctl * 100 / units);
    d->nul_checked = d->in_off + from + units * u;
    return 0;
}

/* Where conv_utf8 may stop validating for a declared UTF-8 document whose window w[i..i + valid) the mismatch
 * check validated (w[0..i) is ASCII, and check_binary_window refuses a NUL in the window before anything is
 * converted). Copying the trusted bytes must leave the chunks exactly as the scanner would cut them: the scanner
 * is restarted where the copy ends, so that must be a place where a scan from the start stops too. Every lead
 * byte of a multi-byte character is one (its ASCII word steps never pass a byte >= 0x80), and so is the end of
 * the bytes in memory; the middle of an ASCII run need not be. Hence: the end of in[] when the whole of it is
 * validated, else the last lead byte >= 0xC0 of the validated bytes (0 = no trust). */
static uint64_t
trust_end(const tt_decoder *d, size_t i, size_t valid)
{
    size_t e = i + valid;
    if (!valid)
        return 0;
    if (e == d->in_len)
        return e;
    while (e > i && d->in[e - 1] < 0xC0)
        e--;
    return e > i ? e - 1 : 0;
}

static int
setup(tt_decoder *d, const char *declared, tt_error *err)
{
    const unsigned char *w = d->in;
    size_t wn = d->in_len < WINDOW ? d->in_len : WINDOW;
    const char *what = tt_dec_magic(w, wn);
    if (what)
        return fail(d, err, TT_EBINARY, 1, 0, "not a text file: %s", what);
    const char *decl = NULL, *enc = NULL, *method;
    size_t bl = 0;
    if (declared && *declared) {
        decl = tt_encoding_canonical(declared);
        if (!decl)
            return fail(d, err, TT_EUSAGE, 0, 0, "unknown encoding '%s' (the known names are in %s/encodings.tsv)",
                        declared, tt_data_dir());
    }
    d->info.confidence = 100;
    if (decl) {
        method = "declared";
        bl = declared_bom(decl, w, wn, &enc);
        if (!bl && strcmp(decl, "UTF-16") == 0) {
            enc = tt_dec_utf16_guess(w, wn);
            enc = enc ? enc : "UTF-16BE";
        } else if (!bl && strcmp(decl, "UTF-32") == 0) {
            enc = wn >= 4 && w[0] && !w[3] ? "UTF-32LE" : "UTF-32BE";
        } else if (!bl) {
            enc = decl;
        }
    } else if ((bl = tt_dec_bom(w, wn, &enc)) != 0) {
        method = "bom";
        d->info.detected = 1;
    } else if ((enc = tt_dec_utf16_guess(w, wn)) != NULL) {
        method = "utf16-heuristic";
        d->info.detected = 1;
        d->info.confidence = 90;
    } else {
        method = "ascii";
        enc = "UTF-8";
        d->info.detected = 1;
    }
    d->info.bom = bl > 0;
    snprintf(d->info.method, sizeof d->info.method, "%s", method);
    if (decl && !bl) {
        size_t i = 0, valid = 0;
        while (i < wn && w[i] < 0x80)
            i++;
        if (i < wn && tt_dec_mismatch(d->tab, decl, w + i, wn - i, d->in_eof && wn == d->in_len,
                                      d->info.mismatch, sizeof d->info.mismatch, d->info.mismatch_why,
                                      sizeof d->info.mismatch_why, &valid) &&
            d->o.strict_encoding && strcmp(decl, "UTF-8") != 0)
            return fail(d, err, TT_EENCODING, 1, i,
                        "declared encoding %s decodes worse than the detected %s (%s); fix or clear the "
                        "'encoding' column (--strict-encoding)",
                        decl, d->info.mismatch, d->info.mismatch_why);
        d->trusted = trust_end(d, i, valid);
        d->trusted_whole = 1;
    }
    int rc = set_encoding(d, enc, err);
    if (rc < 0)
        return rc;
    if (strcmp(method, "ascii") == 0)
        d->committed = 0;
    d->in_pos = bl;
    d->text_start = bl;
    return check_binary_window(d, bl, wn - bl, err);
}

/* ---- converters: append up to about `budget` bytes; *need = 1 when they stopped for lack of input -------- */
static int
put_fffd(tt_decoder *d, tt_buf *out, tt_error *err)
{
    d->info.replaced++;
    if (tt_buf_append(out, "\xEF\xBF\xBD", 3) < 0)
        return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
    return 0;
}

static int
detect_here(tt_decoder *d, tt_error *err)
{
    const unsigned char *p = d->in + d->in_pos;
    size_t avail = d->in_len - d->in_pos, n = avail < WINDOW ? avail : WINDOW;
    tt_dec_guess g;
    int rc = tt_dec_guess_8bit(d->tab, p, n, d->in_eof && n == avail, &g, &d->saved);
    if (rc < 0)
        return fail(d, err, rc, 0, 0, "%s", d->saved.msg);
    snprintf(d->info.method, sizeof d->info.method, "%s", g.method);
    d->info.confidence = g.confidence;
    d->info.score = g.score;
    d->info.runner_up_score = g.runner_up_score;
    d->info.ambiguous = g.ambiguous;
    d->trusted = cur_off(d) + g.valid_prefix;
    snprintf(d->info.runner_up, sizeof d->info.runner_up, "%s", g.runner_up ? g.runner_up : "");
    return set_encoding(d, g.encoding, err);
}

/* Appends p[0..k) (bytes of in[]) to out. When they are all of in[] and out is empty (a document that fits in
 * one chunk, the common case), out and in[] trade storage instead: out gets these bytes without a copy, in[]
 * out's old memory (grown to in_cap + 1). */
static int
put_in(tt_decoder *d, tt_buf *out, const unsigned char *p, size_t k, tt_error *err)
{
    if (out->len || p != d->in || k != d->in_len || k == 0) {
        if (tt_buf_append(out, p, k) < 0)
            return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
        return 0;
    }
    unsigned char *mine = (unsigned char *)out->data;
    if (out->cap < d->in_cap + 1) {
        free(mine);
        out->data = NULL;
        out->cap = 0;
        if (!(mine = malloc(d->in_cap + 1)))
            return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
    }
    out->data = (char *)d->in;
    out->cap = d->in_cap + 1;
    out->len = k;
    out->data[k] = '\0';
    d->in = mine; /* in_pos and in_len stay: the caller moves in_pos past the k bytes, which are not read again */
    return 0;
}

static int
conv_utf8(tt_decoder *d, tt_buf *out, size_t budget, int *need, tt_error *err)
{
    char hx[32];
    while (budget > 0) {
        const unsigned char *p = d->in + d->in_pos;
        size_t avail = d->in_len - d->in_pos;
        if (!avail) {
            *need = 1;
            return 0;
        }
        uint64_t cur = cur_off(d);
        if (cur < d->trusted && d->trusted_whole) {
            /* validated by the check of a declared UTF-8 window: copied only when all of it fits in the budget
             * (the chunk then ends where the scan would end it, trust_end); else validated again */
            size_t k = (size_t)(d->trusted - cur);
            if (k > avail || k > budget) {
                d->trusted = 0;
                continue;
            }
            if (k < avail && k < budget) {
                /* the scan that would follow the copy, first: when it passes, the two go out as one (all of
                 * in[], for a document that fits in one chunk: put_in hands it over without a copy) */
                tt_u8_scan r;
                tt_u8_scan_run(p + k, avail - k, budget - k, !d->committed, &r);
                if (r.status == TT_U8_OK) {
                    if (put_in(d, out, p, k + r.pos, err) < 0)
                        return d->state;
                    d->in_pos += k + r.pos;
                    *need = avail == k + r.pos;
                    return 0;
                }
            }
            if (put_in(d, out, p, k, err) < 0)
                return d->state;
            d->in_pos += k;
            budget -= k;
            continue;
        }
        if (cur < d->trusted) { /* validated by detection: copy up to a character boundary */
            size_t k = avail < budget ? avail : budget;
            if (k >= d->trusted - cur)
                k = (size_t)(d->trusted - cur);
            else
                while (k > 0 && (p[k] & 0xC0) == 0x80)
                    k--;
            if (k > 0) {
                if (put_in(d, out, p, k, err) < 0)
                    return d->state;
                d->in_pos += k;
                budget -= k < budget ? k : budget;
                continue;
            }
        }
        tt_u8_scan r;
        tt_u8_scan_run(p, avail, budget, !d->committed, &r);
        if (r.pos) {
            if (put_in(d, out, p, r.pos, err) < 0) /* all of in[] only when the scan is OK to its end */
                return d->state;
            d->in_pos += r.pos;
            budget = budget > r.pos ? budget - r.pos : 0;
            p += r.pos;
            avail -= r.pos;
        }
        switch (r.status) {
        case TT_U8_OK:
            *need = avail == 0;
            return 0;
        case TT_U8_NUL:
            return fail(d, err, TT_EBINARY, 1, cur_off(d), "NUL byte: not a text file");
        case TT_U8_BAD:
            if (!d->o.replace_invalid)
                return fail(d, err, TT_EENCODING, 1, cur_off(d), "invalid UTF-8: %s (%s)%s%s%s%s", r.why,
                            hexbytes(hx, p, r.badlen), HINT(d));
            d->in_pos += r.badlen;
            if (put_fffd(d, out, err) < 0)
                return d->state;
            budget = budget > 3 ? budget - 3 : 0;
            break;
        case TT_U8_INCOMPLETE:
            if (!d->in_eof) {
                *need = 1;
                return 0;
            }
            if (!d->o.replace_invalid)
                return fail(d, err, TT_EENCODING, 1, cur_off(d),
                            "truncated UTF-8 sequence at end of file (%s)%s%s%s%s", hexbytes(hx, p, avail),
                            HINT(d));
            d->in_pos = d->in_len;
            return put_fffd(d, out, err);
        case TT_U8_NONASCII:
            if (avail < WINDOW && !d->in_eof) {
                *need = 1; /* the detection window must be in in[] */
                return 0;
            }
            return detect_here(d, err);
        }
    }
    return 0;
}

static int
conv_sbcs(tt_decoder *d, tt_buf *out, size_t budget, int *need, tt_error *err)
{
    const tt_sbcs *t = d->sbcs;
    const uint64_t hi = 0x8080808080808080u, ones = 0x0101010101010101u;
    if (tt_buf_reserve(out, budget + 8) < 0)
        return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
    const unsigned char *p = d->in;
    size_t i = d->in_pos, n = d->in_len;
    unsigned char *o0 = (unsigned char *)out->data + out->len, *o = o0, *stop = o0 + budget;
    int rc = 0;
    while (i < n && o < stop) {
        if (t->ascii_identity && i + 8 <= n && o + 8 <= stop) {
            uint64_t v;
            memcpy(&v, p + i, 8);
            if (!((v & hi) | ((v - ones) & ~v & hi))) {
                memcpy(o, &v, 8);
                o += 8, i += 8;
                continue;
            }
        }
        unsigned b = p[i];
        size_t len = t->u8len[b];
        if (len && t->cp[b] == 0) {
            d->in_pos = i;
            rc = fail(d, err, TT_EBINARY, 1, cur_off(d), "NUL byte: not a text file");
            break;
        }
        if (len) {
            memcpy(o, t->u8[b], 4);
            o += len;
        } else if (d->o.replace_invalid) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            d->info.replaced++;
        } else {
            d->in_pos = i;
            rc = fail(d, err, TT_EENCODING, 1, cur_off(d), "invalid byte 0x%02X: not defined in %s", b,
                      d->info.encoding);
            break;
        }
        i++;
    }
    out->len += (size_t)(o - o0);
    out->data[out->len] = '\0';
    if (rc == 0)
        d->in_pos = i;
    *need = i == n;
    return rc;
}

static int
conv_iconv(tt_decoder *d, tt_buf *out, size_t budget, int *need, tt_error *err)
{
    char hx[32];
    size_t u = d->unit;
    /* NUL characters are binary in any encoding: find them before iconv hides where they were */
    uint64_t end = d->in_off + d->in_len, o = d->nul_checked;
    for (; o + u <= end; o += u) {
        const unsigned char *q = d->in + (o - d->in_off);
        if (q[0] == 0 && (u == 1 || (q[1] == 0 && (u == 2 || (q[2] == 0 && q[3] == 0)))))
            return fail(d, err, TT_EBINARY, 1, o, "NUL %s: not a text file", u == 1 ? "byte" : "character");
    }
    d->nul_checked = o;
    size_t start = out->len;
    while (out->len - start < budget) {
        size_t room = budget - (out->len - start) + 16;
        if (tt_buf_reserve(out, room) < 0)
            return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
        char *ip = (char *)d->in + d->in_pos, *op = out->data + out->len;
        size_t il = d->in_len - d->in_pos, ol = room;
        if (il == 0) {
            *need = 1;
            return 0;
        }
        size_t r = iconv(d->cd, &ip, &il, &op, &ol);
        int e = errno;
        d->in_pos = (size_t)((unsigned char *)ip - d->in);
        out->len = (size_t)(op - out->data);
        out->data[out->len] = '\0';
        if (r != (size_t)-1) {
            *need = 1;
            return 0;
        }
        const unsigned char *p = d->in + d->in_pos;
        size_t left = d->in_len - d->in_pos;
        if (e == E2BIG) {
            continue;
        } else if (e == EILSEQ) {
            if (!d->o.replace_invalid)
                return fail(d, err, TT_EENCODING, 1, cur_off(d), "invalid %s sequence (%s)", d->info.encoding,
                            hexbytes(hx, p, left < u ? left : u));
            d->in_pos += left < u ? left : u;
            if (put_fffd(d, out, err) < 0)
                return d->state;
        } else if (e == EINVAL) {
            if (!d->in_eof) {
                *need = 1;
                return 0;
            }
            if (!d->o.replace_invalid)
                return fail(d, err, TT_EENCODING, 1, cur_off(d), "truncated %s sequence at end of file (%s)",
                            d->info.encoding, hexbytes(hx, p, left));
            d->in_pos = d->in_len;
            return put_fffd(d, out, err);
        } else {
            return fail(d, err, TT_EENCODING, 1, cur_off(d), "iconv failed: %s", strerror(e));
        }
    }
    return 0;
}

/* ---- other formats: the whole (decompressed) file goes to a document reader (tt/read.h), whose text is
 * then decoded as UTF-8 from memory ---------------------------------------------------------------------- */
static int
read_format(tt_decoder *d, const tt_decode_opts *opts, tt_error *err)
{
    tt_format f = (tt_format)d->o.format;
    if (f == TT_FMT_AUTO)
        f = tt_format_sniff(d->in, d->in_len);
    snprintf(d->info.format, sizeof d->info.format, "%s", tt_format_name(f == TT_FMT_AUTO ? TT_FMT_TXT : f));
    if (!tt_format_is_container(f))
        return 0;
    uint64_t max = d->o.read.max_input ? d->o.read.max_input : 256ull << 20;
    tt_buf all = {0};
    int rc = 0;
    for (;;) {
        if (tt_buf_append(&all, d->in + d->in_pos, d->in_len - d->in_pos) < 0) {
            rc = fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
            break;
        }
        d->in_pos = d->in_len;
        if (all.len > max) {
            rc = fail(d, err, TT_ELIMIT, 0, 0, "a %s file is read whole, and this one is larger than %llu bytes "
                      "(--max-input-bytes raises the limit)", tt_format_name(f), (unsigned long long)max);
            break;
        }
        if (d->in_eof || (rc = fill(d, err)) < 0)
            break;
    }
    if (rc == 0 && !(d->rdoc = calloc(1, sizeof *d->rdoc)))
        rc = fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
    if (rc == 0) {
        tt_read_opts ro = {.html_select = opts ? opts->html_select : NULL,
                           .encoding = opts && opts->encoding ? tt_encoding_canonical(opts->encoding) : NULL,
                           .max_text = d->o.max_bytes,
                           .lim = d->o.read};
        tt_error re;
        tt_error_clear(&re);
        rc = tt_read_mem(f, all.data ? all.data : "", all.len, d->name, &ro, d->rdoc, &re);
        if (rc < 0)
            rc = fail(d, err, rc, 0, 0, "%s", re.msg);
    }
    tt_buf_free(&all);
    if (rc < 0)
        return rc;
    snprintf(d->info.format, sizeof d->info.format, "%s", tt_format_name(d->rdoc->format));
    d->info.page_count = d->rdoc->page_count;
    /* serve the reader's text: a memory source, not hashed (the hash and raw size are the file's) */
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    d->is_mem = 1;
    d->mem = (const unsigned char *)(d->rdoc->text.data ? d->rdoc->text.data : "");
    d->mem_n = d->rdoc->text.len;
    d->mem_pos = 0;
    d->raw_eof = d->in_eof = 0;
    d->gz = 0;
    d->in_pos = d->in_len = 0;
    d->in_off = 0;
    return fill(d, err);
}

/* ---- public API ------------------------------------------------------------------------------------------ */
static int
open_common(tt_decoder **out, tt_decoder *d, const tt_decode_opts *opts, tt_error *err)
{
    if (opts)
        d->o = *opts;
    d->o.encoding = NULL; /* not kept: opts->encoding need not outlive the decoder */
    d->o.mem_sha256 = NULL;
    if (d->is_mem && opts && opts->mem_sha256 && strlen(opts->mem_sha256) == 64)
        memcpy(d->known_sha, opts->mem_sha256, 65);
    d->cd = (iconv_t)-1;
    int rc = 0;
    if (!d->known_sha[0] && tt_sha256_init(&d->sha)) {
        rc = fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
        goto out;
    }
    rc = tt_enc_table_get(&d->tab, &d->saved);
    if (rc < 0) {
        d->state = rc;
        if (err)
            *err = d->saved;
        goto out;
    }
    d->chunk = d->o.chunk_size ? d->o.chunk_size : DEFAULT_CHUNK;
    if (d->chunk < MIN_CHUNK)
        d->chunk = MIN_CHUNK;
    d->in_cap = (d->chunk > WINDOW ? d->chunk : WINDOW) + 64;
    d->in = malloc(d->in_cap + 1);
    if (!d->in) {
        rc = fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
        goto out;
    }
    /* the first read goes to in[] (a plain file stays there); a gzip file's bytes move to raw[] */
    size_t rl = 0;
    while (rl < 2 && !d->raw_eof) {
        size_t got;
        if ((rc = raw_read(d, d->in + rl, RAWCAP - rl, &got, err)) < 0)
            goto out;
        rl += got;
    }
    if (rl >= 2 && d->in[0] == 0x1F && d->in[1] == 0x8B) {
        if (!(d->raw = malloc(RAWCAP))) {
            rc = fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
            goto out;
        }
        memcpy(d->raw, d->in, rl);
        if (inflateInit2(&d->zs, 16 + MAX_WBITS) != Z_OK) {
            rc = fail(d, err, TT_ENOMEM, 0, 0, "cannot start zlib");
            goto out;
        }
        d->zinit = d->gz = d->gz_member = d->info.gzip = 1;
        d->zs.next_in = d->raw;
        d->zs.avail_in = (uInt)rl;
    } else {
        d->in_len = rl;
    }
    if ((rc = fill(d, err)) < 0 || (rc = read_format(d, opts, err)) < 0 ||
        (rc = setup(d, d->rdoc ? "UTF-8" : opts ? opts->encoding : NULL, err)) < 0)
        goto out;
    *out = d;
    return 0;
out:
    {
        tt_error keep = d->saved;
        tt_decoder_free(d);
        if (err)
            *err = keep;
    }
    return rc;
}

int
tt_decoder_open(tt_decoder **out, const char *path, const tt_decode_opts *opts, tt_error *err)
{
    *out = NULL;
    if (err)
        tt_error_clear(err);
    tt_decoder *d = calloc(1, sizeof *d);
    if (!d) {
        tt_error_set(err, TT_ENOMEM, "out of memory");
        return tt_error_at(err, path, 0, 0);
    }
    snprintf(d->name, sizeof d->name, "%s", path ? path : "");
    d->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (d->fd < 0) {
        d->saved.sys_errno = errno;
        int rc = fail(d, err, TT_EIO, 0, 0, "cannot open");
        free(d);
        return rc;
    }
    return open_common(out, d, opts, err);
}

int
tt_decoder_open_mem(tt_decoder **out, const void *p, size_t n, const char *name, const tt_decode_opts *opts,
                    tt_error *err)
{
    *out = NULL;
    if (err)
        tt_error_clear(err);
    tt_decoder *d = calloc(1, sizeof *d);
    if (!d)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    snprintf(d->name, sizeof d->name, "%s", name ? name : "");
    d->fd = -1;
    d->is_mem = 1;
    d->mem = p;
    d->mem_n = p ? n : 0;
    return open_common(out, d, opts, err);
}

static int
convert(tt_decoder *d, tt_buf *out, size_t budget, int *need, tt_error *err)
{
    switch (d->mode) {
    case M_UTF8: return conv_utf8(d, out, budget, need, err);
    case M_SBCS: return conv_sbcs(d, out, budget, need, err);
    default: return conv_iconv(d, out, budget, need, err);
    }
}

static void
finish(tt_decoder *d)
{
    d->state = 1;
    d->info.in_bytes = d->in_off + d->in_len;
    if (d->known_sha[0]) /* all of the memory source was read: it is the hash of the same bytes */
        memcpy(d->info.sha256, d->known_sha, 65);
    else
        (void)tt_sha256_hex(&d->sha, d->info.sha256); /* "" if it failed: no fingerprint rather than a wrong one */
}

int
tt_decoder_read(tt_decoder *d, tt_buf *out, tt_error *err)
{
    if (d->state < 0) {
        if (err)
            *err = d->saved;
        return d->state;
    }
    if (d->state == 1)
        return 0;
    size_t start = out->len;
    int need = 0;
    for (;;) {
        if (!d->in_eof && (need || d->in_len - d->in_pos < d->chunk)) {
            int rc = fill(d, err);
            if (rc < 0)
                return rc;
        }
        if (d->in_pos == d->in_len && d->in_eof) {
            if (d->mode == M_ICONV) { /* a stateful encoding may owe a final character */
                char buf[32], *op = buf;
                size_t ol = sizeof buf;
                iconv(d->cd, NULL, NULL, &op, &ol);
                if (ol < sizeof buf && tt_buf_append(out, buf, sizeof buf - ol) < 0)
                    return fail(d, err, TT_ENOMEM, 0, 0, "out of memory");
                d->info.out_bytes += sizeof buf - ol;
            }
            finish(d);
            return out->len > start;
        }
        size_t before = out->len;
        need = 0;
        int rc = convert(d, out, d->chunk - (out->len - start), &need, err);
        d->info.out_bytes += out->len - before;
        if (rc < 0)
            return rc;
        if (d->o.max_bytes && d->info.out_bytes > d->o.max_bytes)
            return fail(d, err, TT_ELIMIT, 0, 0, "document larger than %llu bytes (--max-doc-bytes)",
                        (unsigned long long)d->o.max_bytes);
        if (out->len - start >= d->chunk)
            return 1;
    }
}

const tt_decode_info *
tt_decoder_info(const tt_decoder *d)
{
    return &d->info;
}

const tt_read_doc *
tt_decoder_doc(const tt_decoder *d)
{
    return d ? d->rdoc : NULL;
}

void
tt_decoder_free(tt_decoder *d)
{
    if (!d)
        return;
    if (d->fd >= 0 && !d->is_mem)
        close(d->fd);
    if (d->zinit)
        inflateEnd(&d->zs);
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    free(d->sbcs);
    tt_sha256_discard(&d->sha); /* a document not read to the end */
    tt_read_doc_free(d->rdoc);
    free(d->rdoc);
    free(d->in);
    free(d->raw);
    free(d);
}

int
tt_decode_file(const char *path, const tt_decode_opts *opts, tt_buf *out, tt_decode_info *info, tt_error *err)
{
    tt_decoder *d;
    int rc = tt_decoder_open(&d, path, opts, err);
    if (rc < 0)
        return rc;
    while ((rc = tt_decoder_read(d, out, err)) > 0)
        ;
    if (rc == 0 && info)
        *info = *tt_decoder_info(d);
    tt_decoder_free(d);
    return rc;
}
