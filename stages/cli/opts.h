/* opts.h - the counting and export options that `pipeline run`, tt-count and tt-export share, parsed in one
 * place so that every program spells and checks them the same way. */
#ifndef TT_CLI_OPTS_H
#define TT_CLI_OPTS_H

#include "tt/count.h"
#include "tt/export.h"
#include "tt/lexicon.h"

#include <getopt.h>

enum {
    TT_OPT_COOC = 1000,
    TT_OPT_VOCAB,
    TT_OPT_STEM,
    TT_OPT_NGRAMS,
    TT_OPT_KWIC,
    TT_OPT_OVERLAP,
    TT_OPT_MINDF,
    TT_OPT_MAXDF,
    TT_OPT_MINTF,
    TT_OPT_WEIGHT,
    TT_OPT_COMPARE,
    TT_OPT_PERIOD,
    TT_OPT_GZIP,
    TT_OPT_GROUPBY,
    TT_OPT_COLL,
    TT_OPT_COLLMIN,
    TT_OPT_STOP,
    TT_OPT_VOCABSTOP,
    TT_OPT_NEWTERMSP,
    TT_OPT_COLLBY,
    TT_OPT_COUNT,
};

#define TT_CLI_SHARED_OPTIONS                                                                              \
    {"cooc", 1, 0, TT_OPT_COOC}, {"vocab", 0, 0, TT_OPT_VOCAB}, {"stem", 0, 0, TT_OPT_STEM},               \
        {"ngrams", 1, 0, TT_OPT_NGRAMS}, {"kwic", 1, 0, TT_OPT_KWIC}, {"overlap", 1, 0, TT_OPT_OVERLAP},   \
        {"min-df", 1, 0, TT_OPT_MINDF}, {"max-df", 1, 0, TT_OPT_MAXDF}, {"min-tf", 1, 0, TT_OPT_MINTF},    \
        {"weight", 1, 0, TT_OPT_WEIGHT}, {"compare", 1, 0, TT_OPT_COMPARE},                                \
        {"period", 1, 0, TT_OPT_PERIOD}, {"gzip", 0, 0, TT_OPT_GZIP}, {"group-by", 1, 0, TT_OPT_GROUPBY},  \
        {"collocates", 1, 0, TT_OPT_COLL}, {"coll-min", 1, 0, TT_OPT_COLLMIN}, {"stop", 1, 0, TT_OPT_STOP},  \
        {"vocab-stop", 0, 0, TT_OPT_VOCABSTOP}, {"newterms-p", 1, 0, TT_OPT_NEWTERMSP},                  \
        {"collocates-by", 1, 0, TT_OPT_COLLBY}, {"count", 1, 0, TT_OPT_COUNT}

#define TT_CLI_SHARED_HELP                                                                                 \
    "  --cooc LIST        co-occurrence contexts (default window5,sentence,document; windowN, wwindowN\n"  \
    "                     (weighted 1/d), sentence, paragraph, article, document)\n"                         \
    "  --overlap MODE     longest (default: overlapping matches count once, longest wins) or all\n"         \
    "  --kwic N           characters of context in hits.tsv (default 40)\n"                                   \
    "  --count WHAT       text (default: counts take the hits the document uses, not quoted words, notes\n" \
    "                     or repealed provisions; hits.tsv lists every hit with its role) or all\n"          \
    "  --group-by KEYS    also write groups/K1+K2.tsv for manifest columns KEYS (comma-separated;\n"          \
    "                     repeatable); groups/country.tsv and groups/country+year.tsv are always written\n"  \
    "  --vocab            write the full-vocabulary matrix vocab.mtx / vocab.tsv\n"                          \
    "  --stem             vocabulary of stems (Snowball ru/en, suffix grammars kk/uz)\n"                     \
    "  --ngrams N         vocabulary n-grams up to N (default 1)\n"                                           \
    "  --min-df N, --max-df N, --min-tf N   vocabulary trims\n"                                           \
    "  --vocab-stop       leave the stop words (lexicons/stopwords/<lang>.txt) out of the vocabulary\n"       \
    "  --stop FILE        one stop list for every language instead of lexicons/stopwords/<lang>.txt\n"       \
    "  --collocates LIST  collocates.tsv contexts with --vocab (default window5; windowN, sentence)\n"         \
    "  --coll-min N       collocates.tsv rows need N co-occurrences (default 2)\n"                            \
    "  --collocates-by KEYS  also collocates.K1+K2.tsv per group of manifest columns KEYS (e.g. country)\n"   \
    "  --newterms-p P     newterms.tsv (--vocab --period) rows need p_value <= P (default 0.05)\n"            \
    "  --weight LIST      also write tf.<w>.tsv for w in relative, tfidf, boolean\n"                         \
    "  --compare A:B      keyness.tsv between two groups, e.g. country=KZ:country=UZ (values as written\n"  \
    "                     in the manifest, case included; join conditions with +: country=KZ+year=2020)\n" \
    "  --period P         series.tsv and forms.tsv by year, 5y, or breaks (e.g. 1991,2000,2020), by country\n"\
    "                     and the first --group-by's keys; every period from the first to the last\n"       \
    "  --gzip             write every output file gzip-compressed (.gz)\n"

typedef struct tt_cli_opts {
    const char *cooc;
    tt_context ctx[32];
    size_t nctx;
    const char *coll;     /* --collocates list */
    tt_context collctx[8];
    size_t ncoll;
    tt_count_opts count;
    tt_overlap overlap;
    tt_export_opts exp;
    const char *group_by[16];
    char *group_owned[16];
    size_t ngroup;
    char *series_owned;  /* series.tsv/forms.tsv keys: country + the first --group-by's keys but year */
    char *compare_owned; /* --compare as rewritten by tt_cli_validate (keys and values trimmed), or NULL */
    char *json; /* the options as JSON members (malloc'ed by tt_cli_opts_done) */
    char *coll_by; /* --collocates-by, commas as '+' (malloc'ed) */
} tt_cli_opts;

void tt_cli_opts_init(tt_cli_opts *c);
/* Handles option o (with argument arg). Returns 1 if handled, 0 if not one of these, -1 on a usage error
 * (already printed). */
int tt_cli_opt(const char *prog, int o, const char *arg, tt_cli_opts *c);
/* Parses the contexts and builds the JSON; returns 0, -1 (usage error printed) or -2 (out of memory, printed). */
int tt_cli_opts_done(const char *prog, tt_cli_opts *c);
void tt_cli_opts_free(tt_cli_opts *c);

#endif
