/* tt/lexicon.h - a concept lexicon: concepts, entries, and the matcher that finds them in token sequences.
 *
 * The file format is specified in lexicons/README.md. A lexicon path is either a file or a directory (then
 * every *.lex file in it, in byte order of their names, is read as one lexicon). Also read: quanteda-style
 * YAML dictionaries (*.yml, *.yaml) and LIWC dictionaries (*.dic), as concepts with glob entries.
 *
 * Entry kinds (matching.md "Lexicon semantics"): lemma + morphology class (suffix grammars for kk/uz from
 * <data>/morph/<lang>.grammar, Snowball stem sets for ru/en), glob, PCRE2 regex, multiword (parts of the above,
 * optional gap of up to N word tokens), exclusion. Every entry text is normalized with tt_norm_word in the
 * entry's language, so an entry written in either script matches both.
 *
 * Matching is resolved per distinct match form (a type cache: each type is analysed once per matcher, then
 * looked up by hash), so its cost is near independent of the lexicon's size. An entry's condition on the case
 * as written (option case=proper|capital|lower) is tested per token afterwards, from the token's
 * TT_TOK_CAPITAL and TT_TOK_SENT_START flags (the cache holds only case-free results).
 *
 * Hyphenated compounds: a token joined by hyphens is matched whole first; where no entry matches the whole,
 * each part is matched as a word of its own by single-word entries (tt_hit.part); a part never inflects across
 * the hyphen.
 *
 * Overlaps: by default leftmost-longest (longest span in tokens wins, ties go to the entry listed first); a
 * span is counted once, for one concept. TT_OVERLAP_ALL reports every match.
 *
 * Threads: a loaded tt_lexicon is shared and read-only (any number of threads); a tt_matcher is one thread's.
 */
#ifndef TT_LEXICON_H
#define TT_LEXICON_H

#include "tt/common.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

typedef struct tt_lexicon tt_lexicon;
typedef struct tt_matcher tt_matcher;

typedef struct tt_concept {
    const char *id;       /* "compatriot" */
    const char *category; /* "population" */
    const char *label;    /* human label, may be "" */
    const char *parent;   /* parent concept id, or "" */
} tt_concept;

typedef enum tt_entry_kind {
    TT_ENTRY_LEMMA = 1,
    TT_ENTRY_GLOB,
    TT_ENTRY_REGEX,
    TT_ENTRY_MULTI,
    TT_ENTRY_EXCLUDE,
} tt_entry_kind;

typedef struct tt_entry_info {
    uint32_t concept;   /* index into concepts */
    tt_entry_kind kind;
    tt_lang lang;
    tt_script script;   /* TT_SCRIPT_ANY = both scripts */
    const char *text;   /* the entry as written in the lexicon file (for hits.tsv "entry") */
    const char *where;  /* "file:line" of the entry */
} tt_entry_info;

typedef struct tt_lexicon_opts {
    const char *data_dir; /* NULL = tt_data_dir() (grammars) */
    uint64_t match_limit; /* PCRE2 match limit per token, 0 = default 100000 */
    uint32_t depth_limit; /* PCRE2 depth limit, 0 = default 1000 */
    size_t max_entries;   /* refuse a larger lexicon (TT_ELIMIT), 0 = default 1000000 */
} tt_lexicon_opts;

/* Loads a lexicon. nz is used to normalize the entries (the caller's; only used during the call).
 * Errors stop the load: TT_ESYNTAX with err->path, line, column and the reason (unknown language or
 * morphology class, duplicate concept id, entry for an undefined concept, regex compile error with the
 * pattern and its offset), TT_EIO, TT_ELIMIT, TT_ENOMEM. Caller owns *out. */
int tt_lexicon_load(tt_lexicon **out, const char *path, const tt_lexicon_opts *opts, tt_normalizer *nz,
                    tt_error *err);
/* The same from memory: data[0..n) is one lexicon file whose format is chosen by the extension of `name`
 * (.lex, .yml/.yaml, .dic); name is also the file name in messages and entries' "where". nz may be NULL
 * here (and only here): entry texts are then only ASCII-lowercased, multiword texts split at spaces (for
 * tests and the fuzzer). Errors as tt_lexicon_load. Caller owns *out. */
int tt_lexicon_load_mem(tt_lexicon **out, const char *name, const char *data, size_t n,
                        const tt_lexicon_opts *opts, tt_normalizer *nz, tt_error *err);
void tt_lexicon_free(tt_lexicon *lx);

size_t tt_lexicon_nconcepts(const tt_lexicon *lx);
/* Borrowed, valid while lx lives. Concepts are in the order they were defined. */
const tt_concept *tt_lexicon_concept(const tt_lexicon *lx, size_t i);
/* Index of a concept id, or -1. */
long tt_lexicon_find_concept(const tt_lexicon *lx, const char *id);
size_t tt_lexicon_nentries(const tt_lexicon *lx);
/* Borrowed; fills *info (all zero for a bad index). Returns 0 or TT_EUSAGE for a bad index. */
int tt_lexicon_entry(const tt_lexicon *lx, size_t i, tt_entry_info *info);
/* Hex SHA-256 over the lexicon's files (names and bytes), for caches and run.json. Borrowed. */
const char *tt_lexicon_sha256(const tt_lexicon *lx);

/* ---- matching ---- */
typedef enum tt_overlap { TT_OVERLAP_LONGEST = 0, TT_OVERLAP_ALL = 1 } tt_overlap;

typedef struct tt_hit {
    uint32_t concept;     /* concept index */
    uint32_t entry;       /* entry index */
    uint32_t first, last; /* token indices (inclusive) into the tokseq given to tt_matcher_run */
    uint32_t name;        /* 0, or 1 + the entry of a name exclusion (case=proper) that a token of the hit, being
                             capitalised at a sentence start, would meet mid-sentence: the hit is a name if the
                             document uses that name elsewhere (tt_matcher_names; one sense per document) */
    uint32_t part;        /* 0, or k >= 1: no entry matches the hyphenated token first == last whole, and this hit
                             is of its k-th part (tt_hyphen_parts, tt/compound.h: the part's own offsets) */
} tt_hit;

/* One thread's matcher (PCRE2 match data, JIT stack, Snowball stemmers, type cache). lx must outlive it.
 * Caller owns *out. The type cache holds, per distinct (language, match form), the entry parts that match
 * it; it is dropped and rebuilt past 2^21 types, so memory stays bounded on any corpus. */
int tt_matcher_new(tt_matcher **out, const tt_lexicon *lx, tt_error *err);
void tt_matcher_free(tt_matcher *m);
/* Gives the matcher a map that the other matchers of the run (same lexicon) share (tt/smap.h; borrowed, must
 * outlive m; NULL to stop): a type its cache misses is looked up there before it is resolved against the lexicon,
 * and published there after. Results are the same with or without it. */
struct tt_smap;
void tt_matcher_share(tt_matcher *m, struct tt_smap *shared);

/* The script of the documents that follow (TT_SCRIPT_ANY, the default, lets every entry match). Entries
 * restricted to a script (`kk/Cyrl`) then only match documents in it (`Latn` entries match every Latin
 * alphabet). */
void tt_matcher_set_script(tt_matcher *m, tt_script script);

/* Finds the hits in ts->tok[0..ntok) of a document in `lang`. Appends them to *hits (a malloc'ed array the
 * caller owns and frees with free(); *nhits and *caphits are its length and capacity), in order of first token.
 * Hits never span two sentences. Returns 0 or TT_E* (TT_EPCRE when a pattern hits its match limit: the
 * message names the entry and the token). */
int tt_matcher_run(tt_matcher *m, tt_lang lang, const tt_tokseq *ts, tt_overlap overlap, tt_hit **hits,
                   size_t *nhits, size_t *caphits, tt_error *err);

/* One sense per document: the name exclusions (1 + entry index, entries with option case=proper) that met a
 * capitalised token mid-sentence in the runs since the last reset. *keys is borrowed until the next run or reset.
 * Call tt_matcher_names_reset at the start of each document. The caller drops, at the end of the document, the
 * hits whose tt_hit.name is one of these keys (tt_counter_name does it). */
size_t tt_matcher_names(const tt_matcher *m, const uint32_t **keys);
void tt_matcher_names_reset(tt_matcher *m);

/* The type cache shared with the tokenizer (tt_tokenizer_set_typer, tt/tokenize.h; the worker's way):
 * tt_matcher_begin_piece (a tt_type_begin_fn, ctx a tt_matcher *), asked before each piece is tokenized, empties
 * the type cache if it has grown past its bounds - from then on only there - and returns its epoch, which changes
 * exactly when it is emptied (and starts at the instant the matcher was made). tt_matcher_type (a tt_type_fn)
 * resolves a match form and returns its name, nonzero, valid in that epoch (the record's offset and whether the
 * type has targets: match_priv.h); 0 when the matcher was never begun, or with err set (TT_ENOMEM). tt_matcher_run
 * reads the names of a tokseq made with this matcher as typer in its current epoch instead of looking the forms up. */
uint64_t tt_matcher_begin_piece(void *matcher);
uint32_t tt_matcher_type(void *matcher, tt_lang lang, const char *match, size_t n, tt_error *err);

/* tt_known_fn for the tokenizer: 1 if match[0..n) is a form some single-word entry of `lang` matches. The
 * ctx is a tt_matcher *. */
int tt_matcher_known(void *matcher, tt_lang lang, const char *match, size_t n);

/* For `pipeline lexicon explain WORD`: appends to out one line per entry that matches the single word
 * match[0..n) in lang (or "no entry matches"), saying which entry (file:line), which concept, and why (stem,
 * suffix chain, glob, regex, excluded by ...). Returns 0 or TT_E*. */
int tt_matcher_explain(tt_matcher *m, tt_lang lang, const char *match, size_t n, tt_buf *out,
                       tt_error *err);

/* For `pipeline lexicon check FILE`: appends to report, per entry, its "where", concept, language, kind and
 * text, then per part its normalized form (class, oblique stem, Snowball stem set with weak stems marked) and,
 * for suffix-grammar lemmas, a dozen forms generated from the grammar with their suffix chain (each checked
 * against the matcher: "(not matched!)" flags a grammar/entry inconsistency). Appends a line
 * "file:line: warning: ..." for each entry that can never match: the tokenizer would split its one word; an
 * earlier single-word entry of another concept matches its form (that entry always wins the tie); an exclusion
 * of its own concept matches it. *nwarnings (may be NULL) gets the number of warnings. m: a matcher of lx.
 * Returns 0 or TT_E*. */
int tt_lexicon_check(const tt_lexicon *lx, tt_matcher *m, tt_buf *report, size_t *nwarnings, tt_error *err);

#endif
