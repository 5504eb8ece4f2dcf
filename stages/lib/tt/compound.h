/* tt/compound.h - the parts of a hyphenated word (matching.md "Hyphenated compounds").
 *
 * A word joined by hyphens (homeland-diaspora, беженцы-репатрианты, бизнес-көшіп) is matched whole
 * first; where no entry matches the whole, the matcher matches each part on its own (tt_hit.part,
 * tt/lexicon.h) and the hit's offsets are the part's. These functions split a word, as written or
 * as its match form, at its hyphens (U+002D, U+2010, U+2011), leaving out default-ignorable
 * characters at the edges of each part (soft hyphen, zero-width space and joiners, word joiner,
 * BOM), so that the text as written and the match form split alike.
 */
#ifndef TT_COMPOUND_H
#define TT_COMPOUND_H

#include "tt/common.h"

#define TT_MAX_PARTS 8 /* a word of more parts is not split */

/* Splits s[0..n) (UTF-8) at its hyphens: fills a[i], b[i] (byte offsets, part i = s[a[i]..b[i]))
 * for each part and returns their number: 0 when s has no hyphen, an empty part (a leading,
 * trailing or doubled hyphen) or more than TT_MAX_PARTS parts. */
size_t tt_hyphen_parts(const char *s, size_t n, size_t a[TT_MAX_PARTS], size_t b[TT_MAX_PARTS]);

/* Part k (1-based, as tt_hit.part) of s[0..n): *a, *b get its offsets in s. Returns 1, or 0 (no
 * such part: the caller keeps the whole word). */
int tt_hyphen_part(const char *s, size_t n, uint32_t k, size_t *a, size_t *b);

#endif
