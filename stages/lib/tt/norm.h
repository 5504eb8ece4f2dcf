/* tt/norm.h - the two forms of every text (matching.md): the text as written (NFC) and the match form of
 * each token.
 *
 * A tt_normalizer holds the ICU objects (NFC and NFKC_Casefold normalizers, the transliterators compiled from
 * the rule files under <data>/translit/, the homoglyph table <data>/homoglyphs.tsv). It is used by one thread
 * at a time; make one per worker thread.
 *
 * Match form of a token (normalization.md §2.2 steps 6-8, §4.3), per language and script:
 *   homoglyph repair (mixed Cyrillic/Latin inside one token, repaired to the dominant script) ->
 *   NFKC_Casefold -> language rules:
 *     kk: Cyrillic and the Latin alphabets 2017/2018/2021 all fold to one script-neutral Latin form
 *         (the 2021 letters: a ä b c ç d e f g ğ h i j k l m n ñ o ö p q r s ş t u ū ü v y z); the alphabet of a
 *         Latin document comes from the document's script (TT_SCRIPT_LATN_20xx) or tt_norm_detect_script();
 *     uz: apostrophes unified (oʻ gʻ with U+02BB, glottal stop U+02BC), Cyrillic -> official Latin;
 *     ru: ё -> е;   en: ’ ‘ ʼ -> ';   all: U+2010 -> '-'.
 * Lexicon entries go through the same function, so "отандас", "Otandas" and "OTANDAS" meet as "otandas".
 */
#ifndef TT_NORM_H
#define TT_NORM_H

#include "tt/common.h"

typedef struct tt_normalizer tt_normalizer;

/* Flags reported by tt_norm_word about what it did to a token. */
enum {
    TT_NORM_HOMOGLYPH = 1u << 0,      /* mixed-script token repaired */
    TT_NORM_MIXED_UNREPAIRED = 1u << 1, /* mixed-script token left alone (tie, or letter without look-alike) */
};

/* Loads the rule files from data_dir (NULL = tt_data_dir()). Caller owns *out. Errors: TT_EIO (missing rule
 * file, path in err), TT_ESYNTAX/TT_EICU (a rule file ICU rejects, with its line), TT_ENOMEM. */
int tt_normalizer_new(tt_normalizer **out, const char *data_dir, tt_error *err);
void tt_normalizer_free(tt_normalizer *nz);

/* Gives the normalizer a map that other normalizers of the run share (tt/smap.h; borrowed, must outlive nz; NULL
 * to stop): a match form its cache misses is looked up there before it is computed, and published there after.
 * Results are the same with or without it. */
struct tt_smap;
void tt_norm_share(tt_normalizer *nz, struct tt_smap *shared);

/* How many match forms this normalizer has computed so far (not found in its cache, nor in a shared map): the
 * cost of the words it met for the first time. A run reads it per document to see how dear each language's new
 * words are (run_sched.c). */
uint64_t tt_norm_computed(const tt_normalizer *nz);

/* Text as written: appends the NFC form of s[0..n) to out. Returns 0 or TT_E*. */
int tt_norm_nfc(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, tt_error *err);

/* Text as written without a copy when there is nothing to change: when s[0..n) passes the quick check below
 * (it is its own NFC), *text = s and *len = n, borrowed from the caller (valid as long as s is) and nothing is
 * appended; else the NFC form is appended to out (as tt_norm_nfc) and *text points at it in out (valid until
 * out changes). Returns 0 or TT_E* (then *text = "" and *len = 0). */
int tt_norm_nfc_view(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, const char **text, size_t *len,
                     tt_error *err);

/* The quick check of both: 1 if s[0..n) is well-formed UTF-8 whose every character is NFC_Quick_Check=Yes with
 * combining class 0 (so s is its own NFC), else 0 (ICU decides). tt_norm_nfc_quick uses the fast path of 16-byte
 * blocks where the CPU has it (SSSE3; not when built with -DTT_NFC_PLAIN), tt_norm_nfc_quick_plain the byte loop
 * alone; the two always agree (tests/unit/test_nfc.c). */
int tt_norm_nfc_quick(tt_normalizer *nz, const char *s, size_t n);
int tt_norm_nfc_quick_plain(tt_normalizer *nz, const char *s, size_t n);

/* tt_norm_nfc_view for text that is well-formed UTF-8 (each lead byte followed by its continuation bytes, no
 * stray continuation byte: tt_decoder_read's chunks, or a part of them cut at character boundaries): the same
 * result for such text, by a cheaper check (tt_norm_nfc_quick_wf) that reads only the lead bytes; for other text
 * the result is undefined. tt_norm_nfc_quick_wf agrees with tt_norm_nfc_quick on well-formed text
 * (tests/unit/test_nfc.c); it uses 32-byte steps (AVX2) or 16-byte steps (SSSE3) where the CPU has them
 * (TT_NFC=ssse3 keeps to SSSE3, TT_NFC=plain or -DTT_NFC_PLAIN to the byte loops). */
int tt_norm_nfc_view_wf(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, const char **text, size_t *len,
                        tt_error *err);
int tt_norm_nfc_quick_wf(tt_normalizer *nz, const char *s, size_t n);

/* For a Kazakh Latin text: which official alphabet it uses, decided by the letters it contains (á ǵ ń ó ú ý:
 * 2018; ä ğ ñ ö ū ü ş ı: 2021; letter+apostrophe pairs a' g' n' o' u' s' c': 2017). Returns
 * TT_SCRIPT_LATN_20xx, TT_SCRIPT_CYRL when the text is mostly Cyrillic, or TT_SCRIPT_LATN when no evidence
 * (then 2021 rules are used). `confidence` (may be NULL) gets 0..100. For other languages returns
 * TT_SCRIPT_CYRL or TT_SCRIPT_LATN by letter count. */
tt_script tt_norm_detect_script(tt_normalizer *nz, tt_lang lang, const char *s, size_t n, int *confidence);

/* Match form of one token s[0..n) (as written, NFC) in the given language and script: appends it to out.
 * *flags (may be NULL) gets TT_NORM_* bits. The result may be empty (a token of only ignorable characters).
 * Returns 0 or TT_E*. */
int tt_norm_word(tt_normalizer *nz, tt_lang lang, tt_script script, const char *s, size_t n, tt_buf *out,
                 unsigned *flags, tt_error *err);

#endif
