/* tt/utf8.h - small UTF-8 helpers: strict validation and character stepping. */
#ifndef TT_UTF8_H
#define TT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns n if s[0..n) is strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF), else the byte
 * offset of the first invalid sequence. */
size_t tt_utf8_check(const char *s, size_t n);

/* Number of characters in s[0..n) (valid UTF-8 assumed; continuation bytes are not counted). */
size_t tt_utf8_chars(const char *s, size_t n);

/* Byte offset of the start of the character that contains byte i (moves back over continuation bytes). */
size_t tt_utf8_floor(const char *s, size_t i);

#endif
