/* lexicon_priv.h - what the lexicon's modules share and nobody else: the loaded lexicon's layout and its
 * string-keyed hash index (lexicon.c), the entry builder the parsers call (lexicon_entry.c), the parsers
 * (lexicon_parse.c, lexicon_import.c) the loader calls (lexicon_load.c). The matcher (match.c, match_part.c)
 * and `lexicon check` (lexicon_check.c) read the layout. Layers, bottom up: lexicon.c < lexicon_entry.c <
 * parsers < lexicon_load.c; morph.h (grammars) and tt/lines.h (the line reader) are below all of them.
 * Not installed, not part of the public API. */
#ifndef TT_LEXICON_PRIV_H
#define TT_LEXICON_PRIV_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "morph.h"
#include "tt/lexicon.h"
#include "tt/map.h"

/* ---- string -> list of uint32: the literal-key index, a tt_strmap (key -> number) with a list per number -- */
typedef struct lx_index {
    tt_strmap keys; /* key -> list number (insertion order) */
    struct lx_list {
        uint32_t *v;
        uint32_t n, cap;
    } *lists;       /* lists[i]: the values of key i */
    size_t caplists;
} lx_index;

/* The index's hash, byte by byte (tt_strmap_hash_*): lx_index_get_h(ix, lx_hash_end(steps...), k, n). */
#define LX_HASH_INIT TT_STRMAP_HASH_INIT
#define lx_hash_step tt_strmap_hash_step
#define lx_hash_end tt_strmap_hash_end
/* lx_index_get of key k[0..n) whose hash is h. */
const struct lx_list *lx_index_get_h(const lx_index *ix, uint64_t h, const char *k, size_t n);
/* Appends v to the list of key k (the list is created if new). 0 or TT_ENOMEM. */
int lx_index_add(lx_index *ix, const char *k, size_t n, uint32_t v);
/* The list of key k or NULL (borrowed until the next add). */
const struct lx_list *lx_index_get(const lx_index *ix, const char *k, size_t n);
void lx_index_free(lx_index *ix);

/* ---- the loaded lexicon ----------------------------------------------------------------------------------- */
enum { LX_P_LEMMA = 1, LX_P_EXACT, LX_P_GLOB, LX_P_REGEX };

typedef struct lx_part {
    int kind;     /* LX_P_* */
    int cls;      /* grammar class (LX_P_LEMMA) */
    uint32_t gap; /* up to `gap` word tokens may come between the previous part and this one */
    char *form;   /* normalized form, glob pattern, or regex source; NUL-terminated */
    size_t formlen;
    char *stem2;  /* oblique stem (normalized) or NULL */
    size_t stem2len;
    char *extra;  /* extra suffixes, NUL-separated, double-NUL ended, or NULL */
    pcre2_code *re;
    /* Snowball stem set: stems[i] NUL-terminated, stems[0] the lemma's own; weak[i] = only for tokens that begin
       with a longer stem of the set or with the lemma (ru.grammar "weak-stems") */
    char **stems;
    unsigned char *weak;
    size_t nstems;
} lx_part;

enum { LX_W_SPLIT = 1, LX_W_EMPTY = 2, LX_W_COLLIDE = 4, LX_W_SHORT = 8 };

/* An entry's condition on the case of its (first) token as written (option case=): LX_CASE_PROPER = the token
 * is capitalised (TT_TOK_CAPITAL) and not sentence-initial (TT_TOK_SENT_START); LX_CASE_LOWER = not
 * LX_CASE_PROPER; LX_CASE_CAPITAL = capitalised, wherever it stands. The match form is case-folded, so the
 * matcher tests the condition per token, never in the type cache. */
enum { LX_CASE_ANY = 0, LX_CASE_PROPER = 1, LX_CASE_LOWER = 2, LX_CASE_CAPITAL = 3 };

typedef struct lx_entry {
    uint32_t concept;
    tt_entry_kind kind;
    int exclude; /* an exclusion (kind TT_ENTRY_EXCLUDE) */
    tt_lang lang;
    tt_script script;
    char *text;  /* as written */
    char *where; /* file:line */
    lx_part *parts;
    size_t nparts;
    unsigned warn; /* LX_W_* noticed at load time */
    int ccase;     /* LX_CASE_* (option case=) */
    uint32_t t0;   /* target index of part 0 (part k is t0 + k) */
} lx_entry;

/* A target of the type index: entry e, part p. */
typedef struct lx_target {
    uint32_t entry;
    uint32_t part;
} lx_target;

struct tt_lexicon {
    tt_concept *concepts;
    char **cstr; /* owned strings of the concepts */
    size_t nconcepts, capconcepts;
    lx_entry *entries;
    size_t nentries, capentries;
    lx_target *targets;
    size_t ntargets, captargets;
    /* keys: [lang byte][kind byte] + bytes (kinds: 'x' exact form, 'c' lemma core, 's' Snowball stem,
       'g' glob literal prefix, 'r' regex literal prefix) -> target indices */
    lx_index ix;
    uint32_t *any_glob[TT_LANG_COUNT]; /* globs/regexes without a literal prefix */
    size_t nany_glob[TT_LANG_COUNT], capany_glob[TT_LANG_COUNT];
    lx_grammar *gram[TT_LANG_COUNT];
    int has_multi_excl;
    tt_lexicon_opts opts;
    char data_dir[1024];
    char sha256[65];
};

/* lexicon_parse.c: parses one .lex text into lx (concepts/entries appended). nz may be NULL (entries are then
 * only ASCII-lowercased). tk is a tokenizer for multiword texts or NULL. */
struct tt_tokenizer;
typedef struct lx_loader {
    tt_lexicon *lx;
    tt_normalizer *nz;
    struct tt_tokenizer *tk;
    void *sb[TT_LANG_COUNT]; /* struct sb_stemmer * for Snowball languages */
    tt_buf tmp, tmp2;
} lx_loader;

int lx_parse_lex(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err);
/* lexicon_import.c */
int lx_parse_yaml(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err);
int lx_parse_liwc(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err);

/* lexicon.c: the data structure's owned strings and parts */
char *lx_sdup(const char *s);             /* NULL on out of memory */
char *lx_sdupn(const char *s, size_t n);  /* NUL-terminated copy; NULL on out of memory */
void lx_free_part(lx_part *p);

/* lexicon_entry.c: the builder the parsers call */
int lx_add_concept(tt_lexicon *lx, const char *id, const char *category, const char *label,
                   const char *parent, uint32_t *idx);
/* Adds an entry for concept c in lang/script from text (as written). kind: TT_ENTRY_*; for EXCLUDE, the
 * text's shape says lemma/glob/regex/multi. optstr: the options after ';' (may be NULL). tcol/ocol: 1-based
 * character columns where text and options begin in their line; on a syntax problem sets err (reason only),
 * *col to the column at fault, and returns TT_ESYNTAX / TT_EPCRE / TT_ELIMIT. */
int lx_add_entry(lx_loader *ld, uint32_t c, tt_entry_kind kind, tt_lang lang, tt_script script,
                 const char *text, size_t textlen, const char *optstr, size_t optlen, const char *where,
                 size_t tcol, size_t ocol, size_t *col, tt_error *err);
/* Normalizes one word of lang into out (reset first). */
int lx_norm(lx_loader *ld, tt_lang lang, tt_script script, const char *s, size_t n, tt_buf *out, tt_error *err);

#endif
