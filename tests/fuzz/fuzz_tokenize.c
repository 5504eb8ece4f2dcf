/* fuzz_tokenize.c - libFuzzer target over normalize + tokenize: the first byte picks the language, the script
 * and whether to feed the text in pieces (tt_tokenize_cut); the rest is the text. Checks what must hold for
 * any input: tokens inside the text, in order, non-empty match forms inside the forms buffer, numbering
 * monotonic; tt_norm_word and tt_norm_nfc on the same bytes succeed.
 * Build: clang -fsanitize=fuzzer,address,undefined -Istages/lib tests/fuzz/fuzz_tokenize.c <lib objects>
 *        $(pkg-config --libs icu-uc icu-i18n)
 * Built with -DTT_FUZZ_STANDALONE it gets a main() that replays the files named on its command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/norm.h"
#include "tt/tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tt_normalizer *nz;
static tt_tokenizer *tk;
static tt_tokseq ts;
static tt_buf buf;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tt_error err;
    if (!nz) {
        if (tt_normalizer_new(&nz, NULL, &err) || tt_tokenizer_new(&tk, NULL, &err))
            abort();
        tt_tokseq_init(&ts);
    }
    if (size < 1)
        return 0;
    tt_lang lang = (tt_lang)(data[0] % TT_LANG_COUNT);
    tt_script sc = (tt_script)((data[0] / TT_LANG_COUNT) % TT_SCRIPT_COUNT);
    int pieces = (data[0] & 0x80) != 0;
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    tt_tokseq_reset_doc(&ts);
    size_t off = 0;
    uint32_t last_sent = 0, last_para = 0;
    uint64_t last_end = 0;
    while (off < n) {
        size_t len = n - off;
        if (pieces && len > 64) {
            size_t cut = tt_tokenize_cut(text + off, 64);
            len = cut ? cut : 64;
        }
        tt_tokseq_reset(&ts);
        if (tt_tokenize(tk, nz, lang, sc, text + off, len, off, NULL, NULL, &ts, &err) != 0)
            abort();
        for (size_t i = 0; i < ts.ntok; i++) {
            const tt_token *t = &ts.tok[i];
            if (t->start >= t->end || t->end > off + len || t->start < last_end)
                abort();
            if (t->match_len == 0 || (size_t)t->match_off + t->match_len > ts.forms.len)
                abort();
            if (t->sent < last_sent || t->para < last_para || t->article > ts.narticles)
                abort();
            last_end = t->end;
            last_sent = t->sent;
            last_para = t->para;
        }
        off += len;
    }
    tt_buf_reset(&buf);
    if (tt_norm_word(nz, lang, sc, text, n, &buf, NULL, &err) != 0)
        abort();
    tt_buf_reset(&buf);
    if (tt_norm_nfc(nz, text, n, &buf, &err) != 0)
        abort();
    tt_script d = tt_norm_detect_script(nz, lang, text, n, NULL);
    if ((unsigned)d >= TT_SCRIPT_COUNT)
        abort();
    return 0;
}

#ifdef TT_FUZZ_STANDALONE
int
main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        static uint8_t b[1 << 20];
        size_t n = fread(b, 1, sizeof b, f);
        fclose(f);
        LLVMFuzzerTestOneInput(b, n);
    }
    tt_tokseq_free(&ts);
    tt_buf_free(&buf);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
    printf("fuzz_tokenize: %d inputs replayed\n", argc - 1);
    return 0;
}
#endif
