/* tt/tokenize.h - words, sentences, paragraphs and legal articles of a text, with match forms.
 *
 * Over a piece of a document's text as written (NFC UTF-8), the tokenizer:
 *   - applies the pre-break fixes of normalization.md §2.2 (ZWSP -> word joiner; in Uzbek, apostrophe-like
 *     marks after a letter -> U+02BB/U+02BC so that o'zbek, g‘oya, ta’lim, tog' stay one word) on its private
 *     UTF-16 copy, offsets still pointing into the text as written;
 *   - runs ICU's word break iterator (UBRK_WORD) and keeps word and number tokens (rule status not NONE);
 *   - re-joins word + hyphen + word with no space (көші-қон, Qazaqstan-Uzbekistan, АҚШ-пен) into one token;
 *   - joins line-end hyphenation "X-\nY" when XY is known (callback), occurs unhyphenated in the same piece,
 *     or the hyphen is a soft hyphen; otherwise keeps "X-Y";
 *   - runs ICU's sentence break iterator, then merges breaks that follow an abbreviation
 *     (<data>/abbreviations/<lang>.txt: ст. п. т.б. ж. жж. қ. ҚР va h.k. y. ...), a word with a digit before
 *     the full stop (6. / 6-бап. / 6-modda. / 12.05.2020.), a one-letter initial (И. И. Иванов), and single
 *     line breaks inside a hard-wrapped sentence (the line ends without sentence punctuation and the next one
 *     goes on in lowercase);
 *   - counts paragraphs (a blank line, or a line break followed by an article/chapter heading);
 *   - recognises legal article and chapter headings at the start of a line (<data>/headings.tsv:
 *     Статья 6. / 6-бап. / 6-modda. / Article 6. / Глава, тарау, bob, Chapter) and labels the tokens after
 *     them with the article (label as written, e.g. "Статья 6", "6-бап"); a chapter heading ends the current
 *     article (its tokens and those up to the next article heading get article 0); the heading's own tokens
 *     carry TT_TOK_HEADING;
 *   - drops word tokens whose match form is empty (only default-ignorable characters);
 *   - for Kazakh with script LATN or ANY, detects the alphabet of the piece (tt_norm_detect_script); a
 *     caller that knows the document's alphabet should pass it (pieces are then consistent);
 *   - computes each word token's match form with tt_norm_word();
 *   - records the case of each token as written (TT_TOK_CAPITAL) and marks the token that begins its sentence
 *     (TT_TOK_SENT_START), since the match form is case-folded.
 *
 * A tt_tokenizer is used by one thread at a time (it owns ICU break iterators).
 */
#ifndef TT_TOKENIZE_H
#define TT_TOKENIZE_H

#include "tt/common.h"
#include "tt/norm.h"

typedef struct tt_tokenizer tt_tokenizer;

enum {
    TT_TOK_NUMBER = 1u << 0,    /* ICU rule status NUMBER (digits) */
    TT_TOK_HYPHEN = 1u << 1,    /* word joined across a hyphen (көші-қон) */
    TT_TOK_LINEJOIN = 1u << 2,  /* line-end hyphenation joined (диас-\nпора -> диаспора) */
    TT_TOK_HOMOGLYPH = 1u << 3, /* match form had a mixed-script repair */
    TT_TOK_HEADING = 1u << 4,   /* token is part of an article/chapter heading */
    /* Case as written (for lexicon entries with `case=`): the first letter is upper (or title) case and a
       lowercase letter follows: Азамат, Oʻzbekiston, McDonald; not АЗАМАТ (all capitals), азамат, iPhone. */
    TT_TOK_CAPITAL = 1u << 5,
    /* The first token of its sentence that is not a number or digit-initial word (1, 6-бап), a list or
       section label right before ')' or '.' (one letter, a Roman numeral: "а)", "II."), or a heading word
       (Статья 6.): there a capital says nothing about the word. Quotes and dashes are not tokens, so
       «Азамат ...» and "— Азамат ..." at a sentence's start are sentence-initial too. */
    TT_TOK_SENT_START = 1u << 6,
};

typedef struct tt_token {
    uint64_t start, end; /* byte offsets into the document's text as written (base_offset added) */
    uint32_t sent;       /* sentence number within the document, from 0 */
    uint32_t para;       /* paragraph number within the document, from 0 */
    uint32_t article;    /* 0 = before any article heading; else index+1 into tt_tokseq.articles */
    uint32_t flags;      /* TT_TOK_* */
    uint32_t match_off;  /* match form = tt_tokseq.forms.data + match_off, match_len bytes (not NUL-ended) */
    uint32_t match_len;
} tt_token;

/* The tokens of one piece of text. Owned by the caller; reuse it across calls (tt_tokseq_reset) to avoid
 * allocations. Numbering (sent, para, article) continues across calls on the same tokseq, so a document fed in
 * several pieces gets document-wide numbers: call tt_tokseq_reset_doc() between documents. */
typedef struct tt_tokseq {
    tt_token *tok;
    size_t ntok, captok;
    /* trec[i]: what the tokenizer's typer (tt_tokenizer_set_typer) named token i's match form (a type's record
       in the matcher's type cache), or 0; meaningful only while trec_ok (set by a tt_tokenize with a typer,
       cleared by one without and by tt_tokseq_push) */
    uint32_t *trec;
    size_t captrec;
    int trec_ok;
    const void *trec_owner; /* the typer's ctx and epoch the names belong to */
    uint64_t trec_epoch;
    tt_buf forms;        /* match forms, back to back */
    /* article labels as written ("Статья 6", "6-бап"), NUL-separated in `labels`; label i starts at
       labels.data + label_off[i] */
    tt_buf labels;
    uint32_t *label_off;
    size_t narticles, caparticles;
    /* running counters (document-wide until tt_tokseq_reset_doc) */
    uint32_t sentences;  /* sentences begun so far */
    uint32_t paragraphs; /* paragraphs begun so far */
    uint64_t homoglyph_repairs, mixed_unrepaired, hyphen_joins, line_joins;
    /* private state carried between pieces */
    uint32_t cur_article;
    int mid_sentence;
    int pending_para;    /* the last piece ended with a blank line */
} tt_tokseq;

void tt_tokseq_init(tt_tokseq *ts);
void tt_tokseq_free(tt_tokseq *ts);
void tt_tokseq_reset(tt_tokseq *ts);     /* drop tokens and forms, keep counters and articles */
void tt_tokseq_reset_doc(tt_tokseq *ts); /* drop everything: a new document */
/* Appends a token read back from a tokens stream (tt-match): t's fields as given, except match_off and
 * match_len, set to the copy of form[0..n) appended to ts->forms. Returns 0 or TT_ENOMEM (ts unchanged). */
int tt_tokseq_push(tt_tokseq *ts, const tt_token *t, const char *form, size_t n);
/* Appends article label[0..n) (its number is the new ts->narticles). Returns 0 or TT_ENOMEM. */
int tt_tokseq_add_article(tt_tokseq *ts, const char *label, size_t n);
/* Borrowed label of article a (1-based as in tt_token.article), NUL-terminated; "" for 0. */
const char *tt_tokseq_article_label(const tt_tokseq *ts, uint32_t a);

/* Callback: is this match form a word the lexicon knows (a lemma or an analysable inflection of one)?
 * Used for line-end hyphenation. May be NULL. */
typedef int (*tt_known_fn)(void *ctx, tt_lang lang, const char *match, size_t n);

/* Callback: the name (nonzero) of match form match[0..n)'s type in ctx's type cache, or 0 with err set. The
 * matcher's tt_matcher_type (tt/lexicon.h) is one. */
typedef uint32_t (*tt_type_fn)(void *ctx, tt_lang lang, const char *match, size_t n, tt_error *err);

/* data_dir NULL = tt_data_dir(). Caller owns *out. */
int tt_tokenizer_new(tt_tokenizer **out, const char *data_dir, tt_error *err);
void tt_tokenizer_free(tt_tokenizer *tk);

/* Callback: make ctx's type cache ready for a piece and return its epoch, a number that changes whenever the
 * names typer gave may have lost their meaning (and differs between any two type caches that lived at one
 * address). The matcher's tt_matcher_begin_piece is one. */
typedef uint64_t (*tt_type_begin_fn)(void *ctx);

/* With a typer, tt_tokenize names each token's type (tt_tokseq.trec, with trec_owner = ctx and trec_epoch) and
 * keeps the name beside the match form in the normalizer's cache, so that a form met again costs neither the
 * matcher's lookup nor another call. Each tt_tokenize asks begin(ctx) first; a new epoch or another ctx than the
 * normalizer last saw empties the normalizer's cache (the names kept are void). typer NULL: no names. */
void tt_tokenizer_set_typer(tt_tokenizer *tk, tt_type_fn typer, tt_type_begin_fn begin, void *ctx);

/* Tokenizes text[0..n) (NFC UTF-8, a piece of a document starting at byte base_offset of the document) in
 * language `lang` and script `script` (for tt_norm_word), appending tokens to ts (it does not reset it).
 * nz: the caller's normalizer (same thread). known/known_ctx: see tt_known_fn.
 * Returns 0 or TT_E* (TT_ELIMIT if the piece exceeds INT32_MAX UTF-16 units: feed smaller pieces). */
int tt_tokenize(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const char *text,
                size_t n, uint64_t base_offset, tt_known_fn known, void *known_ctx, tt_tokseq *ts,
                tt_error *err);

/* Where to cut a long text into pieces: returns the largest cut <= n at which no token, and preferably no
 * sentence, is split (after a blank line, else after a line break, else after a space), or 0 if none is
 * found in text[0..n) (then the caller must read more, or cut at n). */
size_t tt_tokenize_cut(const char *text, size_t n);

/* Where to end the next piece of pending text s[0..n): the largest safe cut (tt_tokenize_cut) within the first
 * `piece` bytes; if there is none, within the first 4 * piece bytes; if still none, a cut at a character
 * boundary at 4 * piece. At the end of the document (eof) everything pending is one piece. Returns 0 when more
 * text must be read first. The decision depends only on the text, never on how it was read, so the stage
 * programs (tt-normalize) and the in-process worker cut the same pieces. */
size_t tt_piece_cut(const char *s, size_t n, size_t piece, int eof);

#endif
