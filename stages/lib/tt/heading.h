/* tt/heading.h - what the heading of a legal act states: its type, number, adoption date, title and
 * the date of the consolidated version.
 *
 * The patterns are data: <data>/detect/headings-<lang>.tsv (PCRE2, one row per pattern, each with
 * an example and the value it must give; lexicons/README.md "detect/") and the month names of
 * <data>/detect/months.tsv. The head of a document is its lines before the first article or chapter
 * heading (the `stop` rows), at most 60 non-empty lines or 8 KiB. For each field the first row in
 * file order that matches the head decides it. Dates come out as YYYY-MM-DD (a date whose month
 * name is unknown, or that is not a calendar date, does not count and the next match is tried).
 *
 * A tt_heading is read-only after tt_heading_new and may be shared by threads (match data is per
 * call).
 */
#ifndef TT_HEADING_H
#define TT_HEADING_H

#include "tt/common.h"

typedef struct tt_heading tt_heading;

enum { TT_HF_DOC_TYPE, TT_HF_NUMBER, TT_HF_DATE, TT_HF_VERSION_DATE, TT_HF_TITLE, TT_HF_COUNT };

/* Field names as in a manifest: "doc_type", "number", "date", "version_date", "title". */
const char *tt_heading_field_name(int field);

typedef struct tt_heading_result {
    char value[TT_HF_COUNT][512]; /* "" when not stated */
    long row[TT_HF_COUNT]; /* the rule (index for tt_heading_rule) that decided it, -1 if none */
    size_t head_bytes;     /* bytes of the head that was searched */
} tt_heading_result;

/* Loads the heading rules of every language with a headings-<lang>.tsv (kk uz ru en) under
 * <data_dir>/detect (NULL = tt_data_dir()). Caller owns *out. Errors: TT_EIO (months.tsv or a rule
 * file missing, path in err), TT_ESYNTAX (a bad row or a pattern PCRE2 rejects: path:line and
 * PCRE2's message and offset), TT_ENOMEM. */
int tt_heading_new(tt_heading **out, const char *data_dir, tt_error *err);
void tt_heading_free(tt_heading *h);

/* Extracts the fields from the start of a document s[0..n) (UTF-8; a prefix is enough) in language
 * lang (TT_LANG_OTHER: nothing is found). Returns 0, or TT_EPCRE when PCRE2 fails on a pattern
 * (match limit: err names the rule), TT_ENOMEM. Invalid UTF-8 is tolerated (the head is cut before
 * it). */
int tt_heading_extract(const tt_heading *h, tt_lang lang, const char *s, size_t n,
                       tt_heading_result *res, tt_error *err);

/* The rules, for tests and evidence: count, and rule i's language, kind ("stop", "doc_type", ...),
 * value, example (unescaped), expected value, file and line. Borrowed strings; NULL/-1 when i is
 * out of range. */
size_t tt_heading_nrules(const tt_heading *h);
typedef struct tt_heading_rule_info {
    tt_lang lang;
    int field; /* TT_HF_*, or -1 for a stop row */
    const char *value, *example, *expect, *file;
    uint64_t line;
} tt_heading_rule_info;
int tt_heading_rule(const tt_heading *h, size_t i, tt_heading_rule_info *info);
/* 1 if stop rule i matches somewhere in s[0..n), 0 if not, negative TT_E* on a PCRE2 failure. */
int tt_heading_stop_matches(const tt_heading *h, size_t i, const char *s, size_t n);

#endif
