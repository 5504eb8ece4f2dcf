/* norm_priv.h - what the tokenizer shares with the normalizer and nobody else: the UTF-16 entry points, so that
 * a token already in the tokenizer's UTF-16 copy of a piece is not converted back and forth. Not installed, not
 * part of the public API. */
#ifndef TT_NORM_PRIV_H
#define TT_NORM_PRIV_H

#include <unicode/utypes.h>

#include "tt/norm.h"

/* The pre-break fixes of normalization.md §2.2 steps 1-2 on s[0..n), in place, one code unit for one code unit:
 * U+200B -> U+2060; Uzbek apostrophe-like marks after a letter -> U+02BB (after o/g) or U+02BC (before a
 * letter); Kazakh 2017 (script TT_SCRIPT_LATN_2017): such a mark after one of the alphabet's nine apostrophe
 * letters -> U+02BC. Returns the number of code units changed. */
size_t tt_norm_prebreak16(tt_lang lang, tt_script script, UChar *s, int32_t n);
/* The same, one unit at a time with no fast path (the reference of tests/unit/test_normfast.c). */
size_t tt_norm_prebreak16_plain(tt_lang lang, tt_script script, UChar *s, int32_t n);
/* 1 if tt_norm_prebreak16 may change more than U+200B in this language and script (the apostrophes). */
int tt_norm_prebreak_apos(tt_lang lang, tt_script script);

/* tt_norm_word over UTF-16 that has been through tt_norm_prebreak16. `script` for Kazakh must be resolved
 * (CYRL or LATN_20xx; LATN/ANY mean 2021 here, no detection). Appends UTF-8 to out. */
int tt_norm_word16(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, tt_buf *out,
                   unsigned *flags, tt_error *err);

/* The match-form cache, a few tokens ahead: tt_norm_key16 computes a token's cache key (a value with bit 63 clear
 * when the token does not use the cache) and prefetches its slot; tt_norm_prefetch_key, later, prefetches the
 * cached entry; then tt_norm_word16k is tt_norm_word16 (same arguments) given that key. No effect on results.
 * Both read s in whole blocks: s[n..n + TT_NORM_PAD16) must be readable (what is there does not matter; the
 * tokenizer pads its UTF-16 copy of a piece). */
#define TT_NORM_PAD16 16
uint64_t tt_norm_key16(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n);
void tt_norm_prefetch_key(tt_normalizer *nz, uint64_t key);
int tt_norm_word16k(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, uint64_t key,
                    tt_buf *out, unsigned *flags, tt_error *err);

/* The memo of the cache entry the last tt_norm_word16 / tt_norm_word16k call took its form from or stored it in
 * (NULL when it did not use the cache): a word the caller may keep there - the tokenizer keeps its typer's name
 * of the form (tt/tokenize.h) - valid until the next call of nz. A new entry's memo is 0. The entries' memos
 * belong to the owner and epoch of the last tt_norm_memo_bind: binding another (or none before) empties the
 * cache. */
uint32_t *tt_norm_last_memo(tt_normalizer *nz);
void tt_norm_memo_bind(tt_normalizer *nz, const void *owner, uint64_t epoch);

/* 1 if c is an apostrophe-like mark of normalization.md §3. */
int tt_norm_is_apostrophe(UChar32 c);

#endif
