/* stem.c - the vocabulary stemmer of tt/stem.h: Snowball for ru/en, the grammar's longest suffix chain for
 * kk/uz (morph.c), the form itself otherwise. */
#include <libstemmer.h>
#include <stdlib.h>

#include "morph.h"
#include "tt/stem.h"

struct tt_stemmer {
    struct sb_stemmer *sb[TT_LANG_COUNT];
    lx_grammar *g[TT_LANG_COUNT];
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
    free(s);
}

int
tt_stem(tt_stemmer *s, tt_lang lang, const char *match, size_t n, tt_buf *out, tt_error *err)
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
