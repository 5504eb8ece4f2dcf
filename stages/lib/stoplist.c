/* stoplist.c - stop lists read from lexicons/stopwords/<lang>.txt or one replacement file, kept as
 * sets of match forms per language (see tt/stoplist.h). */
#include "tt/stoplist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/map.h"
#include "tt/utf8.h"

struct tt_stoplist {
    tt_strmap set[TT_LANG_COUNT]; /* [TT_LANG_OTHER] = the union */
    /* quick rejects before hashing (most words are longer than a function word or start otherwise) */
    size_t maxlen[TT_LANG_COUNT];
    uint64_t first[TT_LANG_COUNT][64]; /* bit pair2(m): some word starts with these two bytes */
};

/* The first two bytes of m[0..n), as a 12-bit number (a one-byte word: its byte and 0). */
static unsigned
pair2(const char *m, size_t n)
{
    unsigned a = (unsigned char)m[0], b = n > 1 ? (unsigned char)m[1] : 0;
    return (a * 67u + b) & 4095u;
}

static void
note(tt_stoplist *sl, tt_lang l, const char *m, size_t n)
{
    if (n > sl->maxlen[l])
        sl->maxlen[l] = n;
    unsigned p = pair2(m, n);
    sl->first[l][p >> 6] |= (uint64_t)1 << (p & 63);
}

static const tt_lang langs[] = {TT_LANG_KK, TT_LANG_UZ, TT_LANG_RU, TT_LANG_EN};

static int
has_cyrillic(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xD0 && c <= 0xD4) /* lead bytes of U+0400..U+052F */
            return 1;
    }
    return 0;
}

static int
add_word(tt_stoplist *sl, tt_normalizer *nz, tt_lang lang, const char *w, size_t n,
         const char *path, uint64_t line, tt_buf *tmp, tt_error *err)
{
    tt_script sc = has_cyrillic(w, n) ? TT_SCRIPT_CYRL : TT_SCRIPT_LATN;
    tt_buf_reset(tmp);
    int rc = tt_norm_word(nz, lang, sc, w, n, tmp, NULL, err);
    if (rc)
        return tt_error_at(err, path, line, 0);
    if (!tmp->len) {
        tt_error_set(err, TT_ESYNTAX, "stop word '%.*s' has an empty match form", (int)n, w);
        return tt_error_at(err, path, line, 0);
    }
    size_t idx;
    if (tt_strmap_intern(&sl->set[lang], tmp->data, tmp->len, &idx, NULL) ||
        tt_strmap_intern(&sl->set[TT_LANG_OTHER], tmp->data, tmp->len, &idx, NULL))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    note(sl, lang, tmp->data, tmp->len);
    note(sl, TT_LANG_OTHER, tmp->data, tmp->len);
    return 0;
}

/* Reads one file; its words go to each language of for_langs[0..nl). */
static int
load_file(tt_stoplist *sl, tt_normalizer *nz, const char *path, const tt_lang *for_langs, size_t nl,
          tt_error *err)
{
    size_t len;
    char *text = tt_file_read(path, &len);
    if (!text) {
        int e = errno;
        tt_error_set(err, TT_EIO, "cannot read the stop list");
        err->sys_errno = e;
        return tt_error_at(err, path, 0, 0);
    }
    tt_buf tmp = {0};
    int rc = 0;
    uint64_t line = 0;
    for (size_t p = 0; p < len && !rc;) {
        const char *s = text + p, *e = memchr(s, '\n', len - p);
        size_t n = e ? (size_t)(e - s) : len - p;
        p += n + 1;
        line++;
        if (line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        if (tt_utf8_check(s, n) != n) {
            tt_error_set(err, TT_ESYNTAX, "the stop list is not UTF-8");
            rc = tt_error_at(err, path, line, 0);
            break;
        }
        for (size_t i = 0; i < n && !rc;) {
            while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
                i++;
            if (i == n || s[i] == '#')
                break;
            size_t j = i;
            while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\r')
                j++;
            for (size_t k = 0; k < nl && !rc; k++)
                rc = add_word(sl, nz, for_langs[k], s + i, j - i, path, line, &tmp, err);
            i = j;
        }
    }
    tt_buf_free(&tmp);
    free(text);
    return rc;
}

int
tt_stoplist_new(tt_stoplist **out, const char *data_dir, const char *file, tt_normalizer *nz,
                tt_error *err)
{
    *out = NULL;
    tt_stoplist *sl = calloc(1, sizeof *sl);
    if (!sl)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    int rc = 0;
    if (file) {
        rc = load_file(sl, nz, file, langs, sizeof langs / sizeof *langs, err);
    } else {
        const char *dir = data_dir ? data_dir : tt_data_dir();
        for (size_t i = 0; i < sizeof langs / sizeof *langs && !rc; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/stopwords/%s.txt", dir, tt_lang_name(langs[i]));
            rc = load_file(sl, nz, path, &langs[i], 1, err);
        }
    }
    if (rc) {
        tt_stoplist_free(sl);
        return rc;
    }
    *out = sl;
    return 0;
}

void
tt_stoplist_free(tt_stoplist *sl)
{
    if (!sl)
        return;
    for (int i = 0; i < TT_LANG_COUNT; i++)
        tt_strmap_free(&sl->set[i]);
    free(sl);
}

int
tt_stoplist_has(const tt_stoplist *sl, tt_lang lang, const char *m, size_t n)
{
    if (!sl || (int)lang < 0 || lang >= TT_LANG_COUNT || !n || n > sl->maxlen[lang])
        return 0;
    unsigned p = pair2(m, n);
    if (!(sl->first[lang][p >> 6] >> (p & 63) & 1))
        return 0;
    return tt_strmap_find(&sl->set[lang], m, n) >= 0;
}

size_t
tt_stoplist_size(const tt_stoplist *sl, tt_lang lang)
{
    return sl && (int)lang >= 0 && lang < TT_LANG_COUNT ? sl->set[lang].n : 0;
}
