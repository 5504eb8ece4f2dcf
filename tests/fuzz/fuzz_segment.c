/* fuzz_segment.c - libFuzzer target for the segmenter (tt/segment.h): the input, as UTF-8 (invalid bytes
 * become U+FFFD) or, when its first byte is odd, as raw UTF-16 units (unpaired surrogates included), is
 * segmented by the fast UAX #29 paths and by ICU alone; word segments (start, end, number or word) and
 * sentence breaks (position, after a terminator or not) must be the same, in increasing order, inside the
 * text. On an ICU other than 72 only the order and bounds are checked (the pipeline uses ICU alone there).
 * Build: make fuzz (tests/fuzz/run.sh); `make check` replays tests/fuzz/corpus/segment/ through replay.c. */
#include "tt/segment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct list {
    int32_t *v;
    size_t n, cap;
} list;

static void
push(list *l, int32_t a, int32_t b, int32_t c)
{
    if (l->n + 3 > l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    l->v[l->n++] = a;
    l->v[l->n++] = b;
    l->v[l->n++] = c;
}

static int
word_cb(void *ctx, int32_t s, int32_t e, int32_t status)
{
    push(ctx, s, e, status < 200);
    return 0;
}

static int
sent_cb(void *ctx, int32_t pos, int32_t status)
{
    push(ctx, pos, status < 100, -1);
    return 0;
}

static tt_segmenter *fast_sg, *icu_sg;
static list lf, li;
static UChar *u;
static size_t ucap;

/* Segments u[0..len) into l (words, then sentence breaks) and checks their order and bounds. */
static void
run(tt_segmenter *sg, int32_t len, list *l)
{
    tt_error err;
    l->n = 0;
    if (tt_segment_prepare(sg, u, len, &err) || tt_segment_words(sg, word_cb, l, &err))
        abort();
    size_t nw = l->n;
    if (tt_segment_sentences(sg, sent_cb, l, &err))
        abort();
    int32_t last = 0;
    for (size_t i = 0; i < nw; i += 3) { /* words: last <= start < end <= len */
        if (l->v[i] < last || l->v[i + 1] <= l->v[i] || l->v[i + 1] > len)
            abort();
        last = l->v[i + 1];
    }
    last = 0;
    for (size_t i = nw; i < l->n; i += 3) { /* sentence breaks: increasing, the last one at len */
        if (l->v[i] <= last || l->v[i] > len)
            abort();
        last = l->v[i];
    }
    if (len > 0 && last != len)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tt_error err;
    if (!fast_sg && (tt_segmenter_new(&fast_sg, TT_SEG_FAST, &err) || tt_segmenter_new(&icu_sg, TT_SEG_ICU, &err)))
        abort();
    if (size + 1 > ucap) {
        ucap = size + 1;
        u = realloc(u, ucap * sizeof *u);
        if (!u)
            abort();
    }
    int32_t len = 0;
    if (size && (data[0] & 1)) {
        len = (int32_t)((size - 1) / 2);
        memcpy(u, data + 1, (size_t)len * sizeof *u);
    } else {
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8WithSub(u, (int32_t)ucap, &len, (const char *)data, (int32_t)size, 0xFFFD, NULL, &st);
        if (U_FAILURE(st))
            abort();
    }
    run(fast_sg, len, &lf);
    run(icu_sg, len, &li);
    if (tt_segmenter_fast_supported() && (lf.n != li.n || (lf.n && memcmp(lf.v, li.v, lf.n * sizeof *lf.v) != 0)))
        abort();
    return 0;
}
