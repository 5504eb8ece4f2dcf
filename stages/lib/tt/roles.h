/* tt/roles.h - the role of a hit: does the document use the word, or quote it, or is it in an
 * editorial note or in what a consolidated text keeps of a repealed provision (matching.md "Usage,
 * not mention").
 *
 * Roles (outputs.md "Additions"): text (the document uses the word), quoted (quoted as a word in an
 * instruction to replace, delete, insert or reword, or in the quoted title of another act), note
 * (an editorial note, footnote, database or web page line, a references list), repealed (the
 * heading or text of a provision the document says was deleted or lost force). Where several apply
 * the first of quoted, note, repealed wins.
 *
 * Recognition is data: <data>/roles/<lang>.tsv (kk, uz, ru, en), PCRE2 patterns (UTF, UCP, JIT,
 * match and depth limits) with a kind and a reach, documented in lexicons/README.md ("Roles"). The
 * patterns run over the text as written, by line, sentence, parenthesis and article, only where a
 * queried position needs them (the hits, and with a vocabulary every token), so the cost follows
 * the number of hits, not the text's size.
 *
 * Use, per thread: tt_rolefinder_new once; per document tt_rolefinder_begin; per piece (in document
 * order) tt_rolefinder_piece, then tt_rolefinder_role for positions of that piece in increasing
 * order. Reach that crosses pieces: a references heading marks the rest of the document; an
 * article's repeal is recognised only when its heading is in the same piece as the position (pieces
 * are 1 MiB, cut at blank lines).
 */
#ifndef TT_ROLES_H
#define TT_ROLES_H

#include "tt/common.h"
#include "tt/tokenize.h"

typedef enum tt_role {
    TT_ROLE_TEXT = 0,
    TT_ROLE_QUOTED,
    TT_ROLE_NOTE,
    TT_ROLE_REPEALED,
    TT_NROLES
} tt_role;

/* "text", "quoted", "note", "repealed". */
const char *tt_role_name(tt_role r);
/* The role named s[0..n), or -1. */
int tt_role_parse(const char *s, size_t n);

/* In a `hits` stream (tt-match -> tt-count), a tok record's flags carry its role in bits 7-8 (role
 * << 7), so that tt-count's vocabulary can leave out what the document does not use. */
#define TT_TOK_ROLE_SHIFT 7

typedef struct tt_rolefinder tt_rolefinder;

/* Loads and compiles <data_dir>/roles/{kk,uz,ru,en}.tsv (data_dir NULL = tt_data_dir()). Errors:
 * TT_EIO (a file cannot be read: err->path), TT_ESYNTAX (a line that does not parse, an unknown
 * kind or reach, a pattern that does not compile: err->path, line, column and the reason),
 * TT_ENOMEM. Caller owns *out. */
int tt_rolefinder_new(tt_rolefinder **out, const char *data_dir, tt_error *err);
void tt_rolefinder_free(tt_rolefinder *f);

/* A new document in language lang (forgets the previous document's references list). */
void tt_rolefinder_begin(tt_rolefinder *f, tt_lang lang);

/* The next piece of the document: text[0..n) starting at byte base of the document, and its tokens
 * ts (the tokenizer's, offsets document-wide). Both are borrowed until the next call. Looks for a
 * references heading (rules of reach `rest`). Returns 0 or TT_EPCRE (a pattern hit its match limit:
 * the message names the rule). */
int tt_rolefinder_piece(tt_rolefinder *f, const char *text, size_t n, uint64_t base,
                        const tt_tokseq *ts, tt_error *err);
/* tt_rolefinder_piece for a text the caller knows to be well-formed UTF-8 (tt_norm_nfc's output always is):
 * PCRE2 is told not to check the subjects cut from it at character boundaries (one that starts inside a
 * character is still left to PCRE2 to report). Text that is not well-formed UTF-8 must not be given here
 * (PCRE2 would read it unchecked). With TT_ROLES=plain it is tt_rolefinder_piece. Same returns. */
int tt_rolefinder_piece_utf8(tt_rolefinder *f, const char *text, size_t n, uint64_t base, const tt_tokseq *ts,
                             tt_error *err);

/* The role of token ts->tok[t] of the current piece (a hit takes the role of its first token).
 * Calls must come with non-decreasing t. *role gets the role. Returns 0 or TT_EPCRE (match limit) /
 * TT_ENOMEM. */
int tt_rolefinder_role(tt_rolefinder *f, size_t t, tt_role *role, tt_error *err);

/* Where the rule that decided the role of the last tt_rolefinder_role call is ("roles/ru.tsv:5"), "" for text.
 * Borrowed, valid while f lives (for `lexicon explain`). */
const char *tt_rolefinder_why(const tt_rolefinder *f);

/* The number of rules loaded for lang (for tests). */
size_t tt_rolefinder_nrules(const tt_rolefinder *f, tt_lang lang);

#endif
