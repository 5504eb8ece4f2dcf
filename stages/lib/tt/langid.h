/* tt/langid.h - which language (kk, uz, ru, en, or `und`) and which script a text is written in.
 *
 * The model is data: one profile per language, <data>/detect/lang-<code>.tsv (lexicons/README.md
 * "detect/"), each a hand-curated list of weighted evidence: distinctive letters, function words,
 * word endings and letter sequences (e.g. Kazakh ә і ұ, `және`, `-ның`; Uzbek ў ҳ oʻ gʻ, `bilan`,
 * `-ning`; Russian `и`, `-ого`; English `the`, `-tion`). A profile may say `support und`: its
 * language is recognised so that it is not taken for a supported one (Karakalpak, close to Kazakh
 * and Uzbek), and reported as `und`.
 *
 * Method (majority by words, so a Kazakh law with a Russian note is Kazakh): the text is cut into
 * words (letters, with apostrophes inside), lowercased (ICU u_tolower; ’ ʼ ʻ ` ‘ fold to '); each
 * word is scored against every profile whose script list holds the word's script (sum of its
 * distinct letters' weights, its letter sequences, the weight if it is a listed word, the weight of
 * its longest listed ending when at least two letters remain); the word votes for the profile with
 * the highest score (no vote on a tie or score 0). The text's language is the profile with most
 * votes, among the profiles not ruled out by their `marker` letters (a Cyrillic text of 200 letters
 * or more with none of them: Kazakh і ұ, Uzbek ў). It is `und` when: no word votes; the winner has
 * fewer than 25 % of the words (most words are of no profile: another language, e.g. German); the
 * winner's profile says `support und`; or most letters are neither Cyrillic nor Latin. A Cyrillic
 * text in which no word votes at all and no letter is another Cyrillic profile's evidence (a word
 * or two with no Kazakh, Uzbek or Karakalpak letter) goes to the profile that says `fallback Cyrl`
 * (Russian, the unmarked Cyrillic language here), with confidence 10. Confidence 0..100 = the
 * winner's share of the votes, scaled down below 10 votes (a short text is less certain).
 *
 * Script: Cyrl or Latn by the majority of letters; for a Kazakh Latin text, the alphabet
 * (Latn-2017/2018/ 2021) comes from tt_norm_detect_script (the normalizer's own detector, which the
 * run uses too).
 *
 * A tt_langid is read-only after tt_langid_new and may be shared by threads.
 */
#ifndef TT_LANGID_H
#define TT_LANGID_H

#include "tt/common.h"
#include "tt/norm.h"

typedef struct tt_langid tt_langid;

#define TT_LANGID_MAXPROF 8

typedef struct tt_langid_result {
    tt_lang lang;     /* TT_LANG_OTHER = und */
    char code[8];     /* "kk" "uz" "ru" "en" or "und" */
    char guess[8];    /* the profile that won even when the result is und ("kaa"), "" if none */
    char why_und[96]; /* when und: the reason ("no word of a known language", ...), else "" */
    int confidence;   /* 0..100 */
    tt_script script; /* TT_SCRIPT_ANY when no Cyrillic or Latin letters dominate */
    int script_confidence;             /* 0..100 */
    uint64_t words;                    /* words seen */
    uint64_t votes[TT_LANGID_MAXPROF]; /* per profile, in tt_langid_profile order */
    uint64_t cyrl, latn, other_letters;
} tt_langid_result;

/* Loads every <data_dir>/detect/lang-*.tsv (data_dir NULL = tt_data_dir()), in name order. Caller
 * owns *out. Errors: TT_EIO (no profile, or one that cannot be read, path in err), TT_ESYNTAX (a
 * bad row: path:line and the reason), TT_ENOMEM. */
int tt_langid_new(tt_langid **out, const char *data_dir, tt_error *err);
void tt_langid_free(tt_langid *li);

/* Number of profiles, and the code of profile i ("kk", "kaa", ...; borrowed). */
size_t tt_langid_nprofiles(const tt_langid *li);
const char *tt_langid_profile(const tt_langid *li, size_t i);

/* Detects the language and script of s[0..n) (UTF-8; invalid bytes are skipped). nz (may be NULL)
 * is used for the Kazakh Latin alphabet; without it a Kazakh Latin text gets TT_SCRIPT_LATN. Never
 * fails. */
void tt_langid_detect(const tt_langid *li, tt_normalizer *nz, const char *s, size_t n,
                      tt_langid_result *res);

/* Appends a short human-readable account of res to out ("kk 812, ru 40, uz 3 of 1000 words").
 * Returns 0 or TT_ENOMEM. */
int tt_langid_evidence(const tt_langid *li, const tt_langid_result *res, tt_buf *out);

#endif
