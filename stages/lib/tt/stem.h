/* tt/stem.h - a per-thread stemmer for the vocabulary matrix (count's `stem` option).
 *
 *   ru, en: Snowball (libstemmer's "russian" and "english");
 *   kk, uz: the longest suffix chain of the language's grammar (<data>/morph/<lang>.grammar, the same grammar
 *           the lexicon's lemmas use) is stripped, leaving a stem of at least the grammar's `min-stem`
 *           characters; a stem-final alternation is undone (qazağ+y -> qazaq), so that otandastarymyzdyñ and
 *           otandas share the stem otandas;
 *   other languages: the form is returned unchanged.
 * Input is a token's match form (tt_norm_word), so for kk/uz it is the script-neutral Latin form.
 * A tt_stemmer is used by one thread at a time.
 */
#ifndef TT_STEM_H
#define TT_STEM_H

#include "tt/common.h"

typedef struct tt_stemmer tt_stemmer;

/* Loads the kk and uz grammars from data_dir (NULL = tt_data_dir()) and creates the Snowball stemmers.
 * Caller owns *out. Errors: TT_EIO (a grammar file is missing, path in err), TT_ESYNTAX (a grammar does not
 * parse, with file:line:column), TT_ENOMEM. */
int tt_stemmer_new(tt_stemmer **out, const char *data_dir, tt_error *err);
void tt_stemmer_free(tt_stemmer *s);

/* Appends the stem of match[0..n) in lang to out. Returns 0 or TT_ENOMEM. The same as tt_stem_word with
 * flags 0 (a lowercase word in mid-sentence). */
int tt_stem(tt_stemmer *s, tt_lang lang, const char *match, size_t n, tt_buf *out, tt_error *err);

/* Appends the stem of the token whose match form is match[0..n) to out, using what the tokenizer knows of the
 * token as written: `flags` are its TT_TOK_* bits (tt/tokenize.h). For kk and uz:
 *   - a hyphenated word (көші-қон, Qazaqstan-Özbekstan) is stemmed as one word: only its last part loses
 *     suffixes, and that part keeps at least min-stem characters (köşi-qonnyñ -> köşi-qon, never köşi-qo);
 *     an all-suffix last part after a hyphen (АҚШ-пен, 6-бапта) is stripped with its hyphen (aqş);
 *   - a proper noun (TT_TOK_CAPITAL without TT_TOK_SENT_START: capitalised in mid-sentence) loses at most one
 *     case suffix, and none that the grammar's `keep-ending` list protects (Қазақстан stays qazaqstan,
 *     Қазақстанның -> qazaqstan);
 *   - no stem is shorter than the grammar's min-stem characters.
 * ru, en: Snowball, flags unused. Returns 0 or TT_ENOMEM. */
int tt_stem_word(tt_stemmer *s, tt_lang lang, const char *match, size_t n, unsigned flags, tt_buf *out,
                 tt_error *err);

#endif
