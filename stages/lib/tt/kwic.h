/* tt/kwic.h - the KWIC context of a hit (hits.tsv left / right), for the in-process worker and tt-match alike.
 * Appends to caller-owned buffers; returns 0 or TT_ENOMEM. */
#ifndef TT_KWIC_H
#define TT_KWIC_H

#include "tt/common.h"

/* KWIC context: the up to `chars` characters before s[start] and after s[end] within s[0..n), with tabs and
 * line breaks turned into spaces, appended to left and right. */
int tt_kwic(const char *s, size_t n, size_t start, size_t end, size_t chars, tt_buf *left, tt_buf *right);

#endif
