/* tt/lines.h - the line reader of the data-file parsers (lexicons, .yaml/.liwc imports, morphology grammars):
 * lines of an in-memory text, numbered from 1, each checked as strict UTF-8 without NUL so that a parser can
 * report the exact byte at fault. Borrows the text; allocates nothing; errors are the caller's to report. */
#ifndef TT_LINES_H
#define TT_LINES_H

#include <stddef.h>

typedef struct tt_lines {
    const char *s;
    size_t n, i;
    size_t lineno; /* number of the line last returned, from 1 */
} tt_lines;

/* Starts reading s[0..n); a UTF-8 byte order mark at the start is skipped. */
void tt_lines_init(tt_lines *r, const char *s, size_t n);

/* The next line, without its '\n', in [*ls, *le): returns 1, or 0 at the end. *bad gets the first byte of
 * the line that is not valid UTF-8 or is NUL, or *le when there is none. */
int tt_lines_next(tt_lines *r, const char **ls, const char **le, const char **bad);

#endif
