/* tt/suggest.h - "did you mean ...?": the nearest of a list of names by edit distance, for the
 * messages that refuse an option, a command, a manifest column or value, a concept id. The library
 * only computes; the programs print.
 *
 * Distance: optimal string alignment (Levenshtein plus the swap of two adjacent characters, each
 * edit costs 1) over Unicode code points of UTF-8 text (an invalid byte counts as one character),
 * with ASCII letters compared case-insensitively, so "kz" is at distance 0 from "KZ" and "perod" at
 * 1 from "period".
 *
 * Ownership: nothing is allocated that the caller must free; returned pointers point into the
 * caller's list.
 */
#ifndef TT_SUGGEST_H
#define TT_SUGGEST_H

#include <stddef.h>

/* Edit distance between a[0..an) and b[0..bn) as above. Returns (size_t)-1 if either string is
 * longer than 256 characters (not a name) or memory runs out. */
size_t tt_edit_distance(const char *a, size_t an, const char *b, size_t bn);

/* The entry of names[0..n) nearest to word (NUL-terminated strings; NULL entries are skipped), or
 * NULL when none is close: a name qualifies when its distance is at most max(1, characters of word
 * / 3) (0 for words under 3 characters: only a difference of case), and, when word equals a name
 * exactly, that name is not suggested (the caller found no match for another reason). Ties go to
 * the earlier name. */
const char *tt_suggest(const char *word, const char *const *names, size_t n);

/* Appends the names to buf as "a, b, c" (at most max names, then ", ... (N more)"), NUL-terminated,
 * cut to bufsize. Returns buf. */
char *tt_suggest_list(char *buf, size_t bufsize, const char *const *names, size_t n, size_t max);

#endif
