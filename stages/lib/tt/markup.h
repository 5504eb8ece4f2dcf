/* tt/markup.h - does a text read as plain text look like HTML or XML? A file listed as text whose
 * words would include its tags, scripts and styles (`html`, `body`, `font-family`) is reported, not
 * silently counted. (Reading HTML itself is the HTML reader's job; this only says that the markup
 * is there.)
 */
#ifndef TT_MARKUP_H
#define TT_MARKUP_H

#include <stddef.h>

/* Looks at s[0..n) (the start of a decoded document; 64 KiB is plenty). Returns "HTML" when it has
 * an HTML landmark (<!DOCTYPE html, <html, <head, <body, <script, <style, any case) and at least 3
 * tags, "XML" when it starts with <?xml, "markup" when at least 10 tags (a '<' then a letter, '/',
 * '!' or '?', then '>' within 200 bytes and no '<') cover at least a tenth of the bytes; otherwise
 * NULL. With a result, why (if not NULL) gets the evidence, e.g. "'<html' at byte 15, 153 tags in
 * 65536 bytes". Static strings; thread-safe. */
const char *tt_markup_guess(const char *s, size_t n, char *why, size_t whyn);

#endif
