/* fuzz_lexicon.c - libFuzzer target for the lexicon parsers (.lex, quanteda YAML, LIWC .dic) from memory.
 *
 * The first input byte chooses the format (0: .lex, 1: .yml, 2: .dic, by value mod 3); the rest is the file.
 * Checks what must hold for any input: a load either succeeds or fails with a TT_E* code, a message and (for
 * syntax errors) a line; a loaded lexicon can be matched, explained and checked without crashing, and the
 * regex match limit keeps every call bounded. The normalizer is not used (entries are ASCII-lowercased), so
 * the target runs fast; the grammars come from lexicons/morph/.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Istages/lib \
 *          -DTT_DATADIR='"'$PWD/lexicons'"' tests/fuzz/fuzz_lexicon.c stages/lib/[a-z]*.c \
 *          $(pkg-config --cflags --libs icu-uc icu-i18n libpcre2-8 zlib libcrypto) -lstemmer -lpthread -lm -o fuzz_lexicon
 * Run:   ./fuzz_lexicon tests/fuzz/corpus/lexicon
 * Without libFuzzer, -DTT_FUZZ_MAIN gives a main() that replays the files named on its command line. */
#include "tt/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[3] = {"fuzz.lex", "fuzz.yml", "fuzz.dic"};
static const char *const words[] = {"otandastarymyzdyñ", "vatandoshlarga", "соотечественникам", "compatriots",
                                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "«", "x"};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    tt_lexicon *lx = NULL;
    tt_error err;
    tt_error_clear(&err);
    tt_lexicon_opts o = {0};
    o.max_entries = 2000;
    o.match_limit = 10000;
    int rc = tt_lexicon_load_mem(&lx, names[data[0] % 3], (const char *)data + 1, size - 1, &o, NULL, &err);
    if (rc) {
        if (rc >= 0 || lx != NULL || err.code != rc || !err.msg[0])
            abort();
        if (rc == TT_ESYNTAX && err.line == 0 && strstr(err.path, "grammar") == NULL)
            abort();
        return 0;
    }
    tt_matcher *m;
    if (tt_matcher_new(&m, lx, &err))
        abort();
    tt_tokseq ts;
    tt_tokseq_init(&ts);
    tt_buf out = {0};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (ts.ntok == ts.captok) {
            ts.captok = ts.captok ? ts.captok * 2 : 8;
            ts.tok = realloc(ts.tok, ts.captok * sizeof *ts.tok);
            if (!ts.tok)
                abort();
        }
        tt_token *t = &ts.tok[ts.ntok++];
        memset(t, 0, sizeof *t);
        t->sent = (uint32_t)(i / 4);
        t->match_off = (uint32_t)ts.forms.len;
        t->match_len = (uint32_t)strlen(words[i]);
        tt_buf_puts(&ts.forms, words[i]);
        for (int l = TT_LANG_KK; l < TT_LANG_COUNT; l++)
            (void)tt_matcher_explain(m, (tt_lang)l, words[i], strlen(words[i]), &out, &err);
    }
    tt_hit *hits = NULL;
    size_t nh = 0, ch = 0;
    for (int l = TT_LANG_KK; l < TT_LANG_COUNT; l++)
        for (int ov = 0; ov < 2; ov++) {
            nh = 0;
            if (tt_matcher_run(m, (tt_lang)l, &ts, (tt_overlap)ov, &hits, &nh, &ch, &err) == 0)
                for (size_t i = 0; i < nh; i++)
                    if (hits[i].first > hits[i].last || hits[i].last >= ts.ntok ||
                        hits[i].concept >= tt_lexicon_nconcepts(lx) || hits[i].entry >= tt_lexicon_nentries(lx) ||
                        ts.tok[hits[i].first].sent != ts.tok[hits[i].last].sent)
                        abort();
        }
    size_t nw;
    tt_buf_reset(&out);
    (void)tt_lexicon_check(lx, m, &out, &nw, &err);
    free(hits);
    tt_buf_free(&out);
    tt_tokseq_free(&ts);
    tt_matcher_free(m);
    tt_lexicon_free(lx);
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
        size_t cap = 1 << 16, n = 0, k;
        uint8_t *buf = malloc(cap);
        while (buf && (k = fread(buf + n, 1, cap - n, fp)) > 0) {
            n += k;
            if (n == cap) {
                uint8_t *nb = realloc(buf, cap *= 2);
                if (!nb) {
                    free(buf);
                    buf = NULL;
                }
                buf = nb;
            }
        }
        fclose(fp);
        if (!buf)
            return 1;
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
    }
    return 0;
}
#endif
