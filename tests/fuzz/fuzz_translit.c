/* fuzz_translit.c - libFuzzer target, differential: rule text read as a table of literal rules
 * (stages/lib/norm_map.c, nz_map_parse) must transliterate as ICU's transliterator of the same rules does,
 * whenever ICU accepts the rules. The input is the rules (UTF-8; bad bytes become U+FFFD); the strings compared
 * are every one- and two-character string of the characters the rules mention, and the rule text itself cut
 * into pieces of up to 12 units. A difference aborts; a table that ICU refuses is no finding (the loader reports
 * ICU's error before a table is ever used). */
#include "../../stages/lib/norm_impl.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The table and ICU on u[0..n); aborts when they differ. */
static void
same(const nz_map *m, UTransliterator *tr, const UChar *u, int32_t n)
{
    UChar a[512], b[512];
    int32_t na = nz_map_apply(m, u, n, a, 512);
    memcpy(b, u, sizeof(UChar) * (size_t)n);
    int32_t nb = n, lim = n;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(tr, b, &nb, 512, 0, &lim, &st);
    if (U_FAILURE(st) || na > 512)
        return; /* too long for the buffers: not compared */
    if (na != nb || memcmp(a, b, sizeof(UChar) * (size_t)na) != 0)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    UChar *u = malloc(sizeof(UChar) * (size + 1));
    if (!u)
        return 0;
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, (int32_t)size + 1, &n, (const char *)data, (int32_t)size, 0xFFFD, NULL, &st);
    nz_map *m = NULL;
    if (U_FAILURE(st) || nz_map_parse(u, n, &m) != 1) {
        free(u);
        return 0;
    }
    UParseError pe;
    st = U_ZERO_ERROR;
    static const UChar id[] = {'f', 'u', 'z', 'z', 0};
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, u, n, &pe, &st);
    if (U_SUCCESS(st) && tr) {
        /* the alphabet: the BMP characters of the rule text that are not syntax */
        UChar al[64];
        int32_t nal = 0;
        for (int32_t i = 0; i < n && nal < 64; i++) {
            UChar c = u[i];
            if (U16_IS_SURROGATE(c) || c == ' ' || c == ';' || c == '>' || c == '\n' || c == '\'' || c == '\\')
                continue;
            if (nal == 0 || !u_memchr(al, c, nal))
                al[nal++] = c;
        }
        UChar s[12];
        for (int32_t i = 0; i < nal; i++) {
            s[0] = al[i];
            same(m, tr, s, 1);
            for (int32_t j = 0; j < nal; j++) {
                s[1] = al[j];
                same(m, tr, s, 2);
            }
        }
        for (int32_t i = 0; i < n; i += 12) /* the text itself, in pieces */
            same(m, tr, u + i, n - i < 12 ? n - i : 12);
        utrans_close(tr);
    }
    nz_map_free(m);
    free(u);
    return 0;
}
