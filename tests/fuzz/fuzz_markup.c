/* fuzz_markup.c - libFuzzer target for the markup detector (tt_markup_guess) and the edit distance behind
 * "did you mean" (tt_edit_distance, tt_suggest): any bytes, valid UTF-8 or not, give a result within bounds,
 * never a crash or a read past the input. The input is split at its first NUL: text and a name list. */
#include "tt/markup.h"
#include "tt/suggest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char why[160];
    const char *kind = tt_markup_guess(s, size, why, sizeof why);
    if (kind && strcmp(kind, "HTML") && strcmp(kind, "XML") && strcmp(kind, "markup"))
        abort();
    /* names: the input's lines (copied, NUL-terminated), the word: the first line */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, s, size);
    copy[size] = 0;
    const char *names[64];
    size_t n = 0;
    for (char *p = copy, *e; p && n < 64; p = e) {
        e = memchr(p, '\n', (size_t)(copy + size - p));
        if (e)
            *e++ = 0;
        names[n++] = p;
    }
    size_t a = strlen(names[0]);
    for (size_t i = 1; i < n; i++) {
        size_t d = tt_edit_distance(names[0], a, names[i], strlen(names[i]));
        size_t d2 = tt_edit_distance(names[i], strlen(names[i]), names[0], a);
        if (d != d2) /* symmetric */
            abort();
        if (d != (size_t)-1 && d > (a > strlen(names[i]) ? a : strlen(names[i])))
            abort();
    }
    const char *near = tt_suggest(names[0], names + 1, n - 1);
    if (near && !strcmp(near, names[0]))
        abort();
    free(copy);
    return 0;
}
