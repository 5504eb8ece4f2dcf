/* tt/json.h - the one JSON writer: strings escaped for JSON, and "key": value members, appended to a tt_buf.
 *
 * The library writes JSON in two places (run.json of an output folder, and the options of a run that the CLI
 * hands to it); both go through these functions so that every string is escaped the same way: '"' and '\\'
 * are backslash-escaped, bytes below 0x20 are written as \u00XX, every other byte (UTF-8 included) is copied
 * as it is. The layout (spaces, line breaks) stays with the caller, so that outputs keep their exact bytes.
 *
 * Ownership: the functions append to a caller-owned buffer and keep no pointer to any argument.
 * Errors: every function returns 0, or TT_ENOMEM when the buffer cannot grow (the buffer then holds a prefix of
 * what was to be written: the caller drops it).
 */
#ifndef TT_JSON_H
#define TT_JSON_H

#include "tt/common.h"

/* Appends s[0..n) as a JSON string, quotes included. s may hold any bytes (a NUL becomes \u0000). */
int tt_json_str(tt_buf *b, const char *s, size_t n);

/* Appends the NUL-terminated s as a JSON string; NULL is written as "". */
int tt_json_cstr(tt_buf *b, const char *s);

/* Appends `"key": ` (key NUL-terminated, escaped like a string). */
int tt_json_key(tt_buf *b, const char *key);

/* Appends `"key": "value"` (value NUL-terminated; NULL is written as ""). */
int tt_json_member_str(tt_buf *b, const char *key, const char *value);

/* Appends `"key": true` or `"key": false`. */
int tt_json_member_bool(tt_buf *b, const char *key, int value);

/* Appends `"key": ` and the decimal value. */
int tt_json_member_u64(tt_buf *b, const char *key, uint64_t value);

/* Appends a JSON array of the n NUL-terminated strings: `["a", "b"]` (", " between items). */
int tt_json_str_array(tt_buf *b, const char *const *items, size_t n);

#endif
