/* lexicon_priv.h - what the lexicon modules (lexicon.c, lexicon_parse.c, lexicon_import.c, morph.c, match.c,
 * stem.c) share and nobody else: the loaded lexicon's layout, a small string-keyed hash index, and the
 * morphology grammar engine of lexicons/morph/<lang>.grammar. Not installed, not part of the public API. */
#ifndef TT_LEXICON_PRIV_H
#define TT_LEXICON_PRIV_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "tt/lexicon.h"

/* ---- string -> list of uint32 (a hash index; keys copied) ------------------------------------------------ */
typedef struct lx_index {
    char *keys;          /* key bytes back to back */
    size_t keys_len, keys_cap;
    struct lx_slot {
        size_t koff;
        uint32_t klen;
        uint32_t list; /* index+1 into lists, 0 = empty slot */
    } *slots;
    size_t nslots, nused;
    struct lx_list {
        uint32_t *v;
        uint32_t n, cap;
    } *lists;
    size_t nlists, caplists;
} lx_index;

uint64_t lx_hash(const void *p, size_t n);
/* Appends v to the list of key k (the list is created if new). 0 or TT_ENOMEM. */
int lx_index_add(lx_index *ix, const char *k, size_t n, uint32_t v);
/* The list of key k or NULL (borrowed until the next add). */
const struct lx_list *lx_index_get(const lx_index *ix, const char *k, size_t n);
void lx_index_free(lx_index *ix);

/* ---- grammar (morph.c) ------------------------------------------------------------------------------------ */
enum { LX_METHOD_SUFFIX = 0, LX_METHOD_SNOWBALL = 1 };

typedef struct lx_grammar lx_grammar;

/* Loads <data_dir>/morph/<lang>.grammar. TT_EIO when missing, TT_ESYNTAX with file:line:column. */
int lx_grammar_load(lx_grammar **out, const char *data_dir, tt_lang lang, tt_error *err);
/* Parses a grammar from memory (path used in messages). */
int lx_grammar_parse(lx_grammar **out, const char *path, const char *s, size_t n, tt_lang lang, tt_error *err);
void lx_grammar_free(lx_grammar *g);
int lx_grammar_method(const lx_grammar *g);
const char *lx_grammar_snowball(const lx_grammar *g); /* "russian", "english" or NULL */
int lx_grammar_weak_stems(const lx_grammar *g);       /* the §5.4 weak-stem rule is on */
size_t lx_grammar_min_stem(const lx_grammar *g);      /* minimum stem length (characters) for tt_stem */
/* Class index by name, or -1. Class 0 is always "exact" (no inflection). */
int lx_grammar_class(const lx_grammar *g, const char *name, size_t n);
const char *lx_grammar_class_name(const lx_grammar *g, int cls);

/* Suffix method: 1 if w[0..wn) is stem[0..sn) (possibly with a stem-final alternation) followed by a suffix
 * chain of class cls (then, optionally, one of the extra suffixes: a NUL-separated list, double-NUL ended,
 * may be NULL). If why is not NULL, appends the analysis ("otandas+tar+ymyz+dyñ"). */
int lx_grammar_analyze(const lx_grammar *g, int cls, const char *stem, size_t sn, const char *extra,
                       const char *w, size_t wn, tt_buf *why);
/* Suffix method: the length in bytes of the shortest stem (>= min_stem characters) such that w = stem +
 * a chain of any class; the stem (with a stem-final alternation undone) is appended to out. */
int lx_grammar_strip(const lx_grammar *g, const char *w, size_t wn, tt_buf *out);
/* Suffix method: appends up to max inflected forms of stem (one per line, "form\tchain") to out. */
int lx_grammar_generate(const lx_grammar *g, int cls, const char *stem, size_t sn, size_t max, tt_buf *out);
/* Snowball method: appends "gen\0pl\0" (the generated genitive singular and nominative plural of lemma by the
 * class's ending table; empty strings when no ending applies) to out. */
int lx_grammar_forms(const lx_grammar *g, int cls, const char *lemma, size_t n, tt_buf *out);

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
    /* Snowball stem set: stems[i] NUL-terminated, weak[i] = only with the strong stem as a prefix */
    char **stems;
    unsigned char *weak;
    size_t nstems;
    const char *strong; /* the longest stem (points into stems) */
} lx_part;

enum { LX_W_SPLIT = 1, LX_W_EMPTY = 2, LX_W_COLLIDE = 4, LX_W_SHORT = 8 };

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

/* lexicon.c helpers used by the parsers */
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

/* match.c helpers used by lexicon.c (check) */
int lx_part_matches(tt_matcher *m, const tt_lexicon *lx, const lx_part *p, tt_lang lang, const char *w,
                    size_t n, tt_buf *why, tt_error *err);

/* UTF-8 step: decodes the code point at s[i] (valid UTF-8 assumed; a bad byte reads as itself) and advances. */
uint32_t lx_cp(const char *s, size_t n, size_t *i);

#endif
