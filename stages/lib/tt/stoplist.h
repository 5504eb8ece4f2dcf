/* tt/stoplist.h - stop lists: the function words that the discovery outputs (collocates.tsv,
 * newterms.tsv) leave out by default and the vocabulary leaves out with --vocab-stop.
 *
 * The lists are data: <data>/stopwords/<lang>.txt for kk, uz, ru, en (lexicons/README.md describes
 * them and their sources). A line holds words separated by spaces or tabs; '#' at the start of a
 * line or after a space starts a comment. Each word is turned into its match form exactly as a
 * token of that language would be (tt_norm_word: case folding, Kazakh and Uzbek Cyrillic folded to
 * the script-neutral Latin form), so a Cyrillic Kazakh list also stops the same words in
 * Latin-script Kazakh texts. A word with Cyrillic letters is read as Cyrillic, any other as Latin
 * (Kazakh Latin: its alphabet detected from its letters).
 *
 * A replacement file (pipeline --stop FILE) is one list for every language: each of its words is
 * normalized as a token of each language and stops it in documents of any language.
 *
 * A loaded tt_stoplist is shared, read-only: many threads may call tt_stoplist_has at once.
 */
#ifndef TT_STOPLIST_H
#define TT_STOPLIST_H

#include "tt/common.h"
#include "tt/norm.h"

typedef struct tt_stoplist tt_stoplist;

/* Loads the stop lists. file == NULL: <data_dir>/stopwords/<lang>.txt for kk, uz, ru and en
 * (data_dir NULL = tt_data_dir()); a missing file is an error. file != NULL: that file alone, for
 * every language. nz is a normalizer the caller owns (used during the call only). Caller owns *out.
 * Errors: TT_EIO (a file that cannot be read, path in err), TT_ESYNTAX (a word whose match form is
 * empty, or a line that is not UTF-8: file:line in err), TT_ENOMEM. */
int tt_stoplist_new(tt_stoplist **out, const char *data_dir, const char *file, tt_normalizer *nz,
                    tt_error *err);
void tt_stoplist_free(tt_stoplist *sl);

/* 1 if the match form m[0..n) is a stop word of lang (TT_LANG_OTHER: the union of all lists), else
 * 0. sl may be NULL (then 0). */
int tt_stoplist_has(const tt_stoplist *sl, tt_lang lang, const char *m, size_t n);

/* Number of distinct match forms in lang's list (TT_LANG_OTHER: of the union). */
size_t tt_stoplist_size(const tt_stoplist *sl, tt_lang lang);

#endif
