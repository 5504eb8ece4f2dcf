/* markup.c - HTML/XML markup found in a text document (see tt/markup.h). */
#include "tt/markup.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const landmarks[] = {"<!doctype html", "<html",   "<head",
                                        "<body",          "<script", "<style"};

const char *
tt_markup_guess(const char *s, size_t n, char *why, size_t whyn)
{
    size_t tags = 0, tagbytes = 0, lm_at = 0;
    const char *lm = NULL;
    for (size_t i = 0; i < n; i++) {
        /* to the next '<' (memchr runs far faster than a byte loop over text that has few) */
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (i + 1 >= n)
            continue;
        char c = s[i + 1];
        int start =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
        if (!start)
            continue;
        if (!lm)
            for (size_t k = 0; k < sizeof landmarks / sizeof *landmarks; k++) {
                size_t l = strlen(landmarks[k]);
                if (n - i >= l && !strncasecmp(s + i, landmarks[k], l)) {
                    lm = landmarks[k];
                    lm_at = i;
                }
            }
        size_t j = i + 1, lim = i + 200 < n ? i + 200 : n;
        while (j < lim && s[j] != '>' && s[j] != '<')
            j++;
        if (j < lim && s[j] == '>') {
            tags++;
            tagbytes += j - i + 1;
            i = j;
        }
    }
    size_t st = 0;
    while (st < n && (s[st] == ' ' || s[st] == '\n' || s[st] == '\r' || s[st] == '\t'))
        st++;
    const char *kind = NULL;
    if (lm && tags >= 3)
        kind = "HTML";
    else if (n - st >= 5 && !strncmp(s + st, "<?xml", 5))
        kind = "XML";
    else if (tags >= 10 && tagbytes * 10 >= n)
        kind = "markup";
    if (kind && why) {
        if (lm && tags >= 3)
            snprintf(why, whyn, "'%.*s' at byte %zu, %zu tags in %zu bytes", (int)strlen(lm),
                     s + lm_at, lm_at, tags, n);
        else
            snprintf(why, whyn, "%zu tags in %zu bytes", tags, n);
    }
    return kind;
}
