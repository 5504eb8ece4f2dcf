/* tt/segment.h - word and sentence segmentation of UTF-16 text (UAX #29 as ICU 72 implements it), behind one
 * interface: fast table-driven paths where ICU's rules are simple, ICU's break iterators everywhere else.
 *
 * ICU's word break iterator costs most of the tokenizer. For the characters of the texts this pipeline reads
 * (letters, digits, the mid-word and mid-number punctuation, spaces, Extend/Format, other punctuation and
 * symbols below U+2E80) the rules of ICU 72 reduce to a few table lookups per character; a line (words) or a
 * paragraph (sentences) holding any other character goes to ICU itself. Line breaks and paragraph separators
 * are hard boundaries in both (WB3a/b, SB4), so per line and whole text give the same result. The fast paths
 * are 27% faster on the bench corpus, with identical outputs; tests/unit/test_segment.c compares them with ICU
 * on the shared corpora and on generated strings, tests/fuzz/fuzz_segment.c does the same on any input.
 *
 * Which path: the fast paths hard-code ICU 72's tailoring, so they are used only when the program was built
 * against ICU 72 (U_ICU_VERSION_MAJOR_NUM) AND runs with ICU 72 (u_getVersion); any other version uses ICU
 * alone. The environment variable TT_SEGMENTER=icu (the CLI's `--segmenter icu`) forces ICU alone whatever the
 * version; TT_SEGMENTER unset, empty or "auto" chooses as above; any other value is an error at creation.
 *
 * A segmenter belongs to one thread (it owns ICU break iterators and per-text buffers). Errors: functions return
 * 0 or a negative TT_E* with err filled: TT_ENOMEM, TT_EICU (a break iterator failed), TT_EUSAGE (bad
 * TT_SEGMENTER). Ownership: the text given to tt_segment_prepare is borrowed until the next prepare.
 */
#ifndef TT_SEGMENT_H
#define TT_SEGMENT_H

#include "tt/common.h"

#include <unicode/utypes.h>

typedef enum tt_seg_mode {
    TT_SEG_AUTO = 0, /* fast paths when built and run with ICU 72 and TT_SEGMENTER is not "icu"; else ICU */
    TT_SEG_ICU,      /* ICU's break iterators alone */
    TT_SEG_FAST,     /* fast paths whatever the ICU version (for the differential test; may then differ) */
} tt_seg_mode;

typedef struct tt_segmenter tt_segmenter;

/* Creates a segmenter. Caller owns *out (tt_segmenter_free). TT_SEG_AUTO reads TT_SEGMENTER. */
int tt_segmenter_new(tt_segmenter **out, tt_seg_mode mode, tt_error *err);
void tt_segmenter_free(tt_segmenter *sg);

/* 1 when this segmenter uses the fast paths, 0 when it uses ICU alone. */
int tt_segmenter_is_fast(const tt_segmenter *sg);

/* 1 when the fast paths match this ICU: built against and running with ICU 72. */
int tt_segmenter_fast_supported(void);

/* What TT_SEGMENTER=auto (or unset) chooses in this process: "uax29-fast" or "icu"; "icu" when TT_SEGMENTER
 * is "icu"; NULL when TT_SEGMENTER holds another value. Static string. */
const char *tt_segmenter_choice(void);

/* Line breaks as the segmenter and the tokenizer count them: \n \v \f \r, U+0085, U+2028, U+2029. */
static inline int
tt_seg_is_nl(UChar c)
{
    return (unsigned)c - 0x0A <= 3u || c == 0x85 || (c | 1) == 0x2029;
}

/* Takes the text u[0..len) (borrowed until the next call) and classifies each unit. Must precede the calls
 * below. */
int tt_segment_prepare(tt_segmenter *sg, const UChar *u, int32_t len, tt_error *err);

/* Borrowed: the positions of the line breaks (tt_seg_is_nl units) of the prepared text, in increasing order;
 * *n gets their number. Valid until the next prepare. */
const int32_t *tt_segment_lines(const tt_segmenter *sg, size_t *n);

/* Called for each sentence break: pos is the position after the break (the last one is len), status
 * ICU's rule status (below UBRK_SENTENCE_SEP (100): after a terminator . ! ?; else after a separator or at the
 * end). Returns 0, or TT_ENOMEM to stop (reported as out of memory). */
typedef int (*tt_seg_sent_fn)(void *ctx, int32_t pos, int32_t status);

/* Called for each word or number segment u[start..end) (ICU rule status not UBRK_WORD_NONE: status below
 * UBRK_WORD_NUMBER_LIMIT (200) for a number, above for a word). Returns 0, or TT_ENOMEM to stop. */
typedef int (*tt_seg_word_fn)(void *ctx, int32_t start, int32_t end, int32_t status);

/* Sentence breaks of the prepared text, in increasing order. */
int tt_segment_sentences(tt_segmenter *sg, tt_seg_sent_fn emit, void *ctx, tt_error *err);

/* Word and number segments of the prepared text, in increasing order. */
int tt_segment_words(tt_segmenter *sg, tt_seg_word_fn emit, void *ctx, tt_error *err);

/* A word or number segment: UTF-16 span and ICU rule status (as tt_seg_word_fn gets them). */
typedef struct tt_seg_word {
    int32_t start, end, status;
} tt_seg_word;
/* The segments tt_segment_words would give its emit, in the same order, as an array: *out belongs to sg and stays
 * valid until its next call or prepare (*n = 0 on error). Returns 0, TT_ENOMEM or TT_EICU (err set). The
 * tokenizer's way: no call through a pointer per word. */
int tt_segment_word_list(tt_segmenter *sg, const tt_seg_word **out, size_t *n, tt_error *err);

#endif
