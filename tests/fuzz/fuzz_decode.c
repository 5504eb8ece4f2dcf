/* fuzz_decode.c - libFuzzer target for the decoder (gzip, BOM, detection, every converter).
 *
 * The first input byte chooses the options (declared encoding, --replace-invalid, chunk size, limits); the
 * rest is the document. Checks what must hold for any input: read() returns 1 only with bytes appended, chunks
 * stay near the chunk size, the output is strict UTF-8 without NUL, out_bytes counts it, and a failed read
 * stays failed.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Istages/lib \
 *          -DTT_DATADIR='"'$PWD/lexicons'"' tests/fuzz/fuzz_decode.c stages/lib/common.c stages/lib/decode*.c \
 *          stages/lib/sha256.c $(pkg-config --cflags --libs icu-uc zlib libcrypto) -o fuzz_decode
 * Run:   ./fuzz_decode tests/fuzz/corpus/decode
 * Without libFuzzer, -DTT_FUZZ_MAIN gives a main() that replays the files named on its command line. */
#include "tt/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const encodings[8] = {NULL, NULL, NULL, "UTF-8", "CP1251", "UTF-16", "PT154", "UTF-32LE"};

/* Strict UTF-8 without NUL: a tiny independent check, not the decoder's own scanner. */
static int
valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (c == 0 || len == 0 || i + len > n)
            return 0;
        uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    tt_decode_opts o;
    memset(&o, 0, sizeof o);
    o.encoding = encodings[sel & 7];
    o.replace_invalid = (sel >> 3) & 1;
    o.chunk_size = (sel >> 4) & 1 ? 64 : 4096;
    o.max_bytes = (sel >> 5) & 1 ? 1000 : 0;
    o.max_gunzip_ratio = (sel >> 6) & 1 ? 20 : 0;
    tt_decoder *d;
    tt_error err;
    if (tt_decoder_open_mem(&d, data + 1, size - 1, "fuzz", &o, &err) < 0) {
        if (err.code >= 0)
            abort();
        return 0;
    }
    tt_buf out = {0};
    uint64_t total = 0;
    int rc;
    while ((rc = tt_decoder_read(d, &out, &err)) > 0) {
        if (out.len == 0 || out.len > o.chunk_size + 64 || !valid_utf8((unsigned char *)out.data, out.len))
            abort();
        total += out.len;
        tt_buf_reset(&out);
    }
    if (rc == 0) {
        const tt_decode_info *info = tt_decoder_info(d);
        if (info->out_bytes != total || strlen(info->sha256) != 64 || info->raw_bytes != size - 1)
            abort();
        if (tt_decoder_read(d, &out, &err) != 0)
            abort();
    } else if (tt_decoder_read(d, &out, &err) != rc || err.code != rc) {
        abort();
    }
    tt_buf_free(&out);
    tt_decoder_free(d);
    return 0;
}

#ifdef TT_FUZZ_MAIN
int
main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            perror(argv[i]);
            return 1;
        }
        unsigned char *buf = NULL;
        size_t n = 0, cap = 0, r;
        do {
            if (n == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
                return 1;
            r = fread(buf + n, 1, cap - n, fp);
            n += r;
        } while (r > 0);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
    }
    printf("fuzz_decode: %d inputs replayed\n", argc - 1);
    return 0;
}
#endif
