/* stem.c - the vocabulary stemmer of tt/stem.h: Snowball for ru/en, the grammar's longest suffix chain for
 * kk/uz (morph.c), the form itself otherwise. */
#include <libstemmer.h>
#include <stdlib.h>

#include "morph.h"
#include "tt/map.h"
#include "tt/stem.h"
#include "tt/tokenize.h"

/* Stems of the forms seen so far, per stemmer: a stem depends only on (language, form), and a form recurs
 * often, while Snowball and the suffix grammars cost microseconds each. Emptied when it grows past STEM_CACHE. */
enum { STEM_CACHE = 1 << 16 };

struct tt_stemmer {
    struct sb_stemmer *sb[TT_LANG_COUNT];
    lx_grammar *g[TT_LANG_COUNT];
    tt_strmap cache; /* language byte + form -> val[0] = offset in stems, val[1] = length */
    tt_buf key, stems;
};

int
tt_stemmer_new(tt_stemmer **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    tt_stemmer *s = calloc(1, sizeof *s);
    if (!s)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    s->sb[TT_LANG_RU] = sb_stemmer_new("russian", "UTF_8");
    s->sb[TT_LANG_EN] = sb_stemmer_new("english", "UTF_8");
    if (!s->sb[TT_LANG_RU] || !s->sb[TT_LANG_EN]) {
        tt_stemmer_free(s);
        return tt_error_set(err, TT_ENOMEM, "cannot create the Snowball stemmers");
    }
    static const tt_lang gl[] = {TT_LANG_KK, TT_LANG_UZ};
    for (size_t i = 0; i < 2; i++) {
        int rc = lx_grammar_load(&s->g[gl[i]], data_dir, gl[i], err);
        if (rc) {
            tt_stemmer_free(s);
            return rc;
        }
    }
    *out = s;
    return 0;
}

void
tt_stemmer_free(tt_stemmer *s)
{
    if (!s)
        return;
    for (int i = 0; i < TT_LANG_COUNT; i++) {
        if (s->sb[i])
            sb_stemmer_delete(s->sb[i]);
        lx_grammar_free(s->g[i]);
    }
    tt_strmap_free(&s->cache);
    tt_buf_free(&s->key);
    tt_buf_free(&s->stems);
    free(s);
}

static int
stem_uncached(tt_stemmer *s, tt_lang lang, const char *match, size_t n, tt_buf *out, tt_error *err)
{
    if (lang > TT_LANG_OTHER && lang < TT_LANG_COUNT && s->sb[lang] && n < (size_t)1 << 30) {
        const sb_symbol *st = sb_stemmer_stem(s->sb[lang], (const sb_symbol *)match, (int)n);
        if (!st)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        if (tt_buf_append(out, st, (size_t)sb_stemmer_length(s->sb[lang])))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        return 0;
    }
    if (lang > TT_LANG_OTHER && lang < TT_LANG_COUNT && s->g[lang]) {
        if (lx_grammar_strip(s->g[lang], match, n, out) < 0)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        return 0;
    }
    if (tt_buf_append(out, match, n))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

int
tt_stem(tt_stemmer *s, tt_lang lang, const char *match, size_t n, tt_buf *out, tt_error *err)
{
    if (!(lang > TT_LANG_OTHER && lang < TT_LANG_COUNT && (s->sb[lang] || s->g[lang])))
        return stem_uncached(s, lang, match, n, out, err);
    tt_buf_reset(&s->key);
    if (tt_buf_putc(&s->key, (char)lang) || tt_buf_append(&s->key, match, n))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    int64_t f = tt_strmap_find(&s->cache, s->key.data, s->key.len);
    if (f >= 0)
        return s->cache.val[f][1] &&
                       tt_buf_append(out, s->stems.data + s->cache.val[f][0], (size_t)s->cache.val[f][1])
                   ? tt_error_set(err, TT_ENOMEM, "out of memory")
                   : 0;
    size_t o0 = out->len;
    int rc = stem_uncached(s, lang, match, n, out, err);
    if (rc)
        return rc;
    if (s->cache.n >= STEM_CACHE) {
        tt_strmap_reset(&s->cache);
        tt_buf_reset(&s->stems);
    }
    size_t idx;
    size_t sl = out->len - o0;
    if (tt_strmap_intern(&s->cache, s->key.data, s->key.len, &idx, NULL) ||
        (sl && tt_buf_append(&s->stems, out->data + o0, sl))) {
        tt_strmap_reset(&s->cache); /* the cache is only an aid: start it again */
        tt_buf_reset(&s->stems);
        return 0;
    }
    s->cache.val[idx][0] = s->stems.len - sl;
    s->cache.val[idx][1] = sl;
    return 0;
}

/* kk/uz: one word (no hyphen inside) w[0..n), appended to out. */
static int
stem_part(const lx_grammar *g, const char *w, size_t n, unsigned flags, tt_buf *out)
{
    size_t mark = out->len;
    int r;
    if ((flags & TT_TOK_CAPITAL) && !(flags & TT_TOK_SENT_START))
        r = lx_grammar_strip_slot(g, "CASE", w, n, out); /* a name: at most its case suffix */
    else
        r = lx_grammar_strip(g, w, n, out);
    if (r < 0)
        return r;
    /* the protected endings (Qazaqstan, Özbekstan): compare the cut in the word, not in the (alternated) stem */
    size_t cut = (size_t)r, keep = lx_grammar_keep(g, w, n, cut);
    if (keep != cut) {
        out->len = mark;
        if (tt_buf_append(out, w, keep))
            return TT_ENOMEM;
    }
    return 0;
}

int
tt_stem_word(tt_stemmer *s, tt_lang lang, const char *match, size_t n, unsigned flags, tt_buf *out,
             tt_error *err)
{
    const lx_grammar *g = lang > TT_LANG_OTHER && lang < TT_LANG_COUNT ? s->g[lang] : NULL;
    if (!g || (lang != TT_LANG_KK && lang != TT_LANG_UZ))
        return tt_stem(s, lang, match, n, out, err);
    /* a hyphenated word: the part before its last hyphen stays as it is, the last part is stemmed on its own
       (köşi-qonnyñ -> köşi-qon), unless the last part is all suffixes (aqş-pen -> aqş: the whole word's
       analysis ends at the hyphen) */
    const char *h = NULL;
    for (size_t i = n; i-- > 1;)
        if (match[i] == '-' && i + 1 < n) {
            h = match + i;
            break;
        }
    int rc = 0;
    if (h) {
        size_t hp = (size_t)(h - match), mark = out->len;
        rc = lx_grammar_strip(g, match, n, out);
        if (rc >= 0 && (size_t)rc <= hp)
            return 0;
        out->len = mark;
        if (rc >= 0 && tt_buf_append(out, match, hp + 1))
            rc = TT_ENOMEM;
        if (rc >= 0)
            rc = stem_part(g, h + 1, n - hp - 1, flags & ~(unsigned)TT_TOK_CAPITAL, out);
    } else {
        rc = stem_part(g, match, n, flags, out);
    }
    return rc < 0 ? tt_error_set(err, TT_ENOMEM, "out of memory") : 0;
}
