/* norm_impl.h - the normalizer's layout and the helpers its files share (norm.c: loading, scripts, homoglyphs;
 * norm_word.c: match forms and their cache; norm_nfc.c: NFC text as written). Internal names start with nz_. Not installed;
 * the tokenizer's view is norm_priv.h. */
#ifndef TT_NORM_IMPL_H
#define TT_NORM_IMPL_H

#include <unicode/unorm2.h>
#include <unicode/utrans.h>

#include "norm_priv.h"
#include "tt/common.h"
#include "tt/norm.h"

/* Rule sets; nz_rs_file[rs] names its file (<data>/translit/<name>.rules). A rule set is a list of passes, each
 * over the whole output of the one before (norm_rules.c): an ICU transliterator compiled from a block of rules,
 * or a normalization ("::NFD;", "::NFC;"). */
enum { RS_OTHER, RS_EN, RS_RU, RS_UZ, RS_KK_CYRL, RS_KK_2017, RS_KK_2018, RS_KK_2021, RS_COUNT };
extern const char *const nz_rs_file[RS_COUNT];
#define NZ_PASSES 8
typedef struct nz_map nz_map;
typedef struct nz_pass {
    UTransliterator *tr;      /* the pass's rules, or NULL: */
    const UNormalizer2 *norm; /* ... this normalization (ICU's, not owned) */
    nz_map *map;              /* the rules as a table when they are only literals (norm_map.c), else NULL */
} nz_pass;

/* The match-form cache (norm_word.c) */
/* The table and the arena start small and double as words come (a normalizer that sees a few hundred words,
 * like the lexicon loader's, never takes the 3 MiB table and 2 MiB arena page a worker fills; memory is first
 * touched where it is used), up to CACHE_SLOTS slots and CACHE_ARENA bytes, past which the cache is emptied. */
#define CACHE_BITS 17
#define CACHE_SLOTS (1u << CACHE_BITS)     /* the most slots */
#define CACHE_SLOTS_MIN (1u << 12)
#define CACHE_MAXKEY 64                    /* UTF-16 units; longer tokens are not cached */
#define CACHE_ARENA (16u << 20)            /* bytes of keys + values before the cache is emptied */
#define CACHE_ARENA_MIN (256u << 10)
#define CACHE_ARENA_PAD 64                 /* the lookups read whole 16-unit blocks of a key */

typedef struct centry {
    uint32_t gen;  /* valid iff == cache_gen */
    uint32_t hash;
    uint32_t off;  /* key (UTF-16) then value (UTF-8) in the arena */
    uint16_t klen; /* in UChars */
    uint16_t vlen;
    uint8_t flags;
    uint8_t rs, lang;
    uint32_t memo; /* the typer's name of the form (tt_norm_last_memo), 0 = none yet */
} centry;

struct tt_normalizer {
    const UNormalizer2 *nfc, *nfkccf;
    nz_pass pass[RS_COUNT][NZ_PASSES];
    uint8_t npass[RS_COUNT];
    uint8_t ascii_safe[RS_COUNT]; /* rule set changes no ASCII letter/digit */
    /* homoglyphs, per language: Latin ASCII -> Cyrillic, Cyrillic U+0400..U+04FF -> Latin ASCII (0 = none) */
    UChar l2c[TT_LANG_COUNT][128];
    UChar c2l[TT_LANG_COUNT][256];
    /* scratch UTF-16 buffers, reused */
    UChar *a, *b, *c;
    int32_t acap, bcap, ccap;
    /* script class of U+0000..U+052F (SC_LATIN / SC_CYRILLIC, from is_latin/is_cyrillic), so that the
       detector and the homoglyph repair ask ICU only beyond that range */
    uint8_t sclass[0x530];
    /* NFC fast path: per 256-code-point page of the BMP, a bit per code point that is NFC_Quick_Check=Yes with
       combining class 0 (filled on first use; nfc_page[p] = 1 when page p is filled) */
    uint8_t nfc_page[256];
    uint32_t nfc_bits[256][8];
    /* per UTF-8 byte: 1 ASCII, 2 the lead byte of 64 two-byte characters that are all NFC-inert by nfc_bits
       (Cyrillic U+0400..U+047F, U+04C0..U+04FF, Latin-1 and Latin Extended...), else 0: nfc_already's fast
       step, read from the same bits as its slow one */
    uint8_t nfc_lead[256];
    /* the SIMD quick check's lead classes (norm_nfc.c, nz_nfc_init): a lead byte C2..DF whose 64 characters are
       not all NFC-inert (nfc_lead 0) has nfc_nib_lo[low nibble] & nfc_nib_hi[high nibble] != 0 (bit 0 for
       leads Cx, bit 1 for Dx); nfc_simd: that check may run (SSSE3, not built with -DTT_NFC_PLAIN) */
    uint8_t nfc_nib_lo[16], nfc_nib_hi[16];
    /* tt_norm_nfc_view_wf's flags (norm_nfc.c, nz_nfc_init): a byte b needs a look when nfc_vlo[b & 15] &
       nfc_vhi[b >> 4] (the leads above, C0, C1 and every lead E0..FF), and the SIMD steps look only when that &
       nfc_tlo[c & 15] & nfc_thi[c >> 4] of the byte c after it is not 0 (a lead whose few characters that are not
       inert have their second byte in a small box of nibbles, D2: bits 3 and 4, else always); nfc_simd: 1 SSSE3,
       2 AVX2 too (TT_NFC may lower it) */
    uint8_t nfc_vlo[16], nfc_vhi[16], nfc_tlo[16], nfc_thi[16];
    int nfc_simd;
    int translit_maps; /* literal passes through their tables (norm_map.c); 0 with TT_TRANSLIT=icu */
    /* cache */
    centry *slots;
    uint32_t nslots;              /* a power of two, CACHE_SLOTS_MIN..CACHE_SLOTS */
    uint32_t cache_gen, cache_used;
    char *arena;
    uint32_t arena_len, arena_cap; /* arena_cap + CACHE_ARENA_PAD bytes are there */
    uint32_t *last_memo;          /* tt_norm_last_memo */
    const void *memo_owner;       /* tt_norm_memo_bind */
    uint64_t memo_epoch;
    struct tt_smap *shared;       /* tt_norm_share: (rule set, language, key) -> flags + form, or NULL */
    uint64_t ncomputed;           /* tt_norm_computed */
};

/* Rule set rs read from <dir>/translit/ and compiled (norm_rules.c). 0 or TT_E* with err set (the file and line).
 * The passes are the normalizer's: nz_rules_free closes them. */
int nz_rules_load(tt_normalizer *nz, int rs, const char *dir, tt_error *err);
void nz_rules_free(tt_normalizer *nz);
/* nz->c[0..*m) through rule set rs's passes, in place (*m its new length; nz->b is scratch). 0 or TT_E*. */
int nz_translit(tt_normalizer *nz, int rs, int32_t *m, tt_error *err);

/* Literal rules (norm_map.c): s[0..n) read as a table into *out: 1, 0 when the rules are not only literals
 * (*out NULL), -1 out of memory. */
int nz_map_parse(const UChar *s, int32_t n, nz_map **out);
/* in[0..n) through the table into out (at most cap units written); returns the length the output needs. */
int32_t nz_map_apply(const nz_map *m, const UChar *in, int32_t n, UChar *out, int32_t cap);
void nz_map_free(nz_map *m);

/* *p grown to at least need units (its capacity in *cap). 0 or TT_ENOMEM. */
int nz_ensure(UChar **p, int32_t *cap, int32_t need);
/* s[0..n) UTF-8 -> nz->a (invalid bytes -> U+FFFD). Returns the length in units or a negative TT_E*. */
int32_t nz_to16(tt_normalizer *nz, const char *s, size_t n, tt_error *err);
/* u[0..n) appended to out as UTF-8. 0 or TT_E* (err set). */
int nz_append8(tt_buf *out, const UChar *u, int32_t n, tt_error *err);
/* Fills the NFC check's tables of the two-byte UTF-8 range (norm_nfc.c); tt_normalizer_new calls it. */
void nz_nfc_init(tt_normalizer *nz);
/* norm.c: repairs s[0..n) in place, one part between hyphens at a time (the homoglyphs of normalization.md §4).
 * Returns TT_NORM_* flags. */
unsigned nz_homoglyph_repair(tt_normalizer *nz, tt_lang lang, UChar *s, int32_t n);

#endif
