/* test_export.c - tt_exporter on a three-document corpus written by hand (docres text), every output file
 * compared with the values computed by hand in the comments; measures, keyness, tf-idf, vocabulary trims,
 * series/forms, gzip, a comma locale, atomicity, bad records, and tt_export_diff.
 *
 * With TT_INTEROP_DIR set, it also writes the sample export to $TT_INTEROP_DIR/plain and $TT_INTEROP_DIR/gz for
 * tests/cli/t300-interop.sh (loading in R and Python). */
#include "support.h"
#include "tt/diff.h"
#include "tt/export.h"
#include "tt/measures.h"
#include "tt/num.h"

#include <dirent.h>
#include <ftw.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* The corpus.
 * d1 KZ 2011: 100 tokens, 5 sentences; tf A 2, B 1; sentence cooc AA 2 AB 1 BB 1; wwindow2 AA 2 AB 0.5 BB 1;
 *    3 hits; vocab ab 2, b 1, x 3 (ab written Ab twice, b written Б, x once X, once Х, once x: the tie goes
 *    to the smallest in byte order, X); collocates of A in window5: x 2,
 *    ab 1 (ab is inside a hit somewhere: flags 1|2), A's hits 2, window positions 12.
 * d2 UZ 2015: 50 tokens, 2 sentences; tf A 1, C 4; sentence cooc AA 1 AC 1 CC 2; 1 hit; vocab ab 1, y 1;
 *    collocates of A in window5: x 1; A's hits 1, window positions 6.
 * d3 KZ, no date: skipped ("binary file"), 0 tokens, no body. */
static const char corpus[] =
    "docres\t2\nmeta\tdoc_id\td1\nmeta\tpath\tkz/1.txt\nmeta\tcountry\tKZ\nmeta\tdate\t2011-05-01\n"
    "meta\ttitle\tЗакон\\tо языках\n"
    "stat\tsha256\taaaa\nstat\tbytes\t500\nstat\ttokens\t100\nstat\tsentences\t5\nstat\tparagraphs\t2\n"
    "stat\tarticles\t1\nstat\tstatus\tok\nstat\tscript_used\tCyrl\nstat\tencoding\tutf-8\n"
    "stat\tencoding_confidence\t0.99\n"
    "tf\tA\t2\ntf\tB\t1\n"
    "cooc\tsentence\tA\tA\t2\ncooc\tsentence\tA\tB\t1\ncooc\tsentence\tB\tB\t1\n"
    "cooc\twwindow2\tA\tA\t2\ncooc\twwindow2\tA\tB\t0.5\ncooc\twwindow2\tB\tB\t1\n"
    "cooc\tdocument\tA\tA\t1\n" /* a context not exported: ignored */
    "hit\tA\te1\t0\t5\t1\tСтатья 1\tAb\tl\\tx\tr\tab\ttext\t\n"
    "hit\tB\te2\t10\t15\t2\tСтатья 1\tb\tl\tr\tb\ttext\t\n"
    "hit\tA\te1\t20\t25\t3\tСтатья 1\tAB\tl\tr\tab\ttext\t\n"
    "vocab\tab\t2\t2\t1\tAb\t2\nvocab\tb\t1\t1\t3\tБ\t1\nvocab\tx\t3\t2\t1\tX\t1\nvform\tx\tХ\t1\n"
    "coll\twindow5\tA\tx\t2\ncoll\twindow5\tA\tab\t1\ncollc\twindow5\tA\t2\t12\n"
    "end\td1\n"
    "docres\t2\nmeta\tdoc_id\td2\nmeta\tpath\tuz/2.txt\nmeta\tcountry\tUZ\nmeta\tdate\t2015\nmeta\ttitle\tnan\n"
    "stat\tsha256\tbbbb\nstat\tbytes\t300\nstat\ttokens\t50\nstat\tsentences\t2\nstat\tarticles\t0\n"
    "stat\tstatus\tok\nstat\tscript_used\tLatn\n"
    "tf\tC\t4\ntf\tA\t1\n"
    "cooc\tsentence\tA\tA\t1\ncooc\tsentence\tC\tA\t1\ncooc\tsentence\tC\tC\t2\n"
    "hit\tC\te3\t5\t9\t1\t\tc\t\t\tc\ttext\t\n"
    "vocab\tab\t1\t1\t1\t\t0\nvocab\ty\t1\t1\t1\t\t0\n"
    "coll\twindow5\tA\tx\t1\ncollc\twindow5\tA\t1\t6\n"
    "end\td2\n"
    "docres\t2\nmeta\tdoc_id\td3\nmeta\tpath\tkz/3.bin\nmeta\tcountry\tKZ\nmeta\tdate\t\nmeta\ttitle\t\n"
    "stat\tstatus\tbinary file\n"
    "end\td3\n";

static const tt_export_concept concepts[] = {
    {"A", "law", "Alpha", ""}, {"B", "law", "Beta", "A"}, {"C", "rights", "Ce", NULL}};
static const char *const mcols[] = {"doc_id", "path", "country", "date", "title"};

static tt_context ctx[2] = {{TT_CTX_SENTENCE, 0, "sentence"}, {TT_CTX_WINDOW_WEIGHTED, 2, "wwindow2"}};

static void
base_opts(tt_export_opts *o, const char *dir)
{
    memset(o, 0, sizeof *o);
    o->dir = dir;
    o->concepts = concepts;
    o->nconcepts = 3;
    o->manifest_columns = mcols;
    o->nmanifest_columns = 5;
    o->contexts = ctx;
    o->ncontexts = 2;
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void
rm_rf(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *
mktmp(void)
{
    char t[] = "/tmp/tt-test-export.XXXXXX";
    char *d = mkdtemp(t);
    return d ? strdup(d) : NULL;
}

/* Runs an export of `text` with opts into o->dir; returns the status of the first failing call. */
static int
run_export(const tt_export_opts *o, const char *text)
{
    tt_exporter *ex;
    tt_error e;
    tt_error_clear(&e);
    int rc = tt_exporter_new(&ex, o, &e);
    if (rc)
        return rc;
    rc = tt_exporter_add(ex, text, strlen(text), &e);
    if (!rc)
        rc = tt_exporter_finish(ex, &e);
    if (rc)
        fprintf(stderr, "export: %s (line %llu)\n", e.msg, (unsigned long long)e.line);
    tt_exporter_free(ex);
    return rc;
}

static char *
file(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return tt_test_slurp(p, NULL);
}

#define ASSERT_FILE(dir, name, expect)                                                                       \
    do {                                                                                                     \
        char *got_ = file(dir, name);                                                                        \
        CU_ASSERT_PTR_NOT_NULL(got_);                                                                        \
        if (got_) {                                                                                          \
            CU_ASSERT_STRING_EQUAL(got_, expect);                                                            \
            if (strcmp(got_, expect))                                                                        \
                fprintf(stderr, "\n--- %s got:\n%s--- expected:\n%s", name, got_, expect);                   \
        }                                                                                                    \
        free(got_);                                                                                          \
    } while (0)

static const char docs_tsv[] =
    "doc_id\tpath\tcountry\tdate\ttitle\tsha256\tbytes\ttokens\tsentences\tarticles\tstatus\tscript_used"
    "\thits_text\thits_quoted\thits_note\thits_repealed\tformat\tpage_count\twarnings\n"
    "d1\tkz/1.txt\tKZ\t2011-05-01\tЗакон\\tо языках\taaaa\t500\t100\t5\t1\tok\tCyrl\t0\t0\t0\t0\t\t\t\n"
    "d2\tuz/2.txt\tUZ\t2015\tnan\tbbbb\t300\t50\t2\t0\tok\tLatn\t0\t0\t0\t0\t\t\t\n"
    "d3\tkz/3.bin\tKZ\t\t\t\t\t\t\t\tbinary file\t\t0\t0\t0\t0\t\t\t\n";

/* tf: rows d1 d2 d3, columns A B C; per_10k = count * 10000 / tokens: 2/100 -> 200, 1/100 -> 100, 1/50 -> 200,
 * 4/50 -> 800. */
static const char tf_mtx[] = "%%MatrixMarket matrix coordinate integer general\n"
                             "% termtrace " TT_VERSION ": rows = docs.tsv, columns = concepts.tsv\n"
                             "3 3 4\n1 1 2\n1 2 1\n2 1 1\n2 3 4\n";
static const char tf_tsv[] = "doc_id\tconcept_id\tcount\tper_10k\n"
                             "d1\tA\t2\t200.0000\nd1\tB\t1\t100.0000\nd2\tA\t1\t200.0000\nd2\tC\t4\t800.0000\n";

/* sentence co-occurrence summed: AA 3, AB 1, BB 1, AC 1, CC 2; N = 5 + 2 = 7 sentences.
 * A-B: O11 = 1, fa = 3, fb = 1: E11 = 3/7; pmi = log2(7/3) = 1.2224; log_dice = 14 + log2(2/4) = 13;
 *   t = (1 - 3/7)/1 = 0.5714; G2 over O = (1, 2, 0, 4), E = (3/7, 18/7, 4/7, 24/7):
 *   2 (ln(7/3) + 2 ln(7/9) + 4 ln(7/6)) = 1.9225.
 * A-A: O11 = fa = fb = 3: pmi = log2(7/3) = 1.2224, log_dice 14, t = (3 - 9/7)/sqrt(3) = 0.9897,
 *   G2 = 2 (3 ln(7/3) + 4 ln(7/4)) = 9.5607.
 * A-C: O11 = 1, fa = 3, fb = 2: pmi = log2(7/6) = 0.2224, log_dice = 14 + log2(2/5) = 12.6781,
 *   t = (1 - 6/7) = 0.1429, G2 = 0.0580.
 * B-B: 1,1,1: pmi log2 7 = 2.8074, t = 6/7 = 0.8571, G2 = 2 (ln 7 + 6 ln(7/6)) = 5.7416.
 * C-C: 2,2,2: pmi log2(7/2) = 1.8074, t = (2 - 4/7)/sqrt 2 = 1.0102, G2 = 8.3758. */
static const char cooc_sentence_mtx[] = "%%MatrixMarket matrix coordinate integer symmetric\n"
                                        "% termtrace " TT_VERSION ": rows and columns = concepts.tsv, lower "
                                        "triangle\n"
                                        "3 3 5\n1 1 3\n2 1 1\n2 2 1\n3 1 1\n3 3 2\n";
static const char cooc_sentence_tsv[] = "concept_a\tconcept_b\tcount\tpmi\tlog_dice\tt_score\tg2\n"
                                        "A\tA\t3\t1.2224\t14.0000\t0.9897\t9.5607\n"
                                        "A\tB\t1\t1.2224\t13.0000\t0.5714\t1.9225\n"
                                        "A\tC\t1\t0.2224\t12.6781\t0.1429\t0.0580\n"
                                        "B\tB\t1\t2.8074\t14.0000\t0.8571\t5.7416\n"
                                        "C\tC\t2\t1.8074\t14.0000\t1.0102\t8.3758\n";
static const char cooc_ww_mtx[] = "%%MatrixMarket matrix coordinate real symmetric\n"
                                  "% termtrace " TT_VERSION ": rows and columns = concepts.tsv, lower triangle\n"
                                  "3 3 3\n1 1 2\n2 1 0.5\n2 2 1\n";

/* groups: KZ = d1 + d3 (100 + 0 tokens), UZ = d2 (50). Every group x every concept. */
static const char groups_country[] = "country\tconcept_id\tcount\ttokens\tper_10k\n"
                                     "KZ\tA\t2\t100\t200.0000\nKZ\tB\t1\t100\t100.0000\nKZ\tC\t0\t100\t0.0000\n"
                                     "UZ\tA\t1\t50\t200.0000\nUZ\tB\t0\t50\t0.0000\nUZ\tC\t4\t50\t800.0000\n";
/* d3 has no date: its year is "" and it sorts first among KZ. */
static const char groups_country_year[] =
    "country\tyear\tconcept_id\tcount\ttokens\tper_10k\n"
    "KZ\t\tA\t0\t0\t0.0000\nKZ\t\tB\t0\t0\t0.0000\nKZ\t\tC\t0\t0\t0.0000\n"
    "KZ\t2011\tA\t2\t100\t200.0000\nKZ\t2011\tB\t1\t100\t100.0000\nKZ\t2011\tC\t0\t100\t0.0000\n"
    "UZ\t2015\tA\t1\t50\t200.0000\nUZ\t2015\tB\t0\t50\t0.0000\nUZ\t2015\tC\t4\t50\t800.0000\n";
static const char hits_tsv[] = "doc_id\tconcept_id\tentry\tstart\tend\tsentence\tarticle\tsurface\tleft\tright"
                               "\trole\tpage\n"
                               "d1\tA\te1\t0\t5\t1\tСтатья 1\tAb\tl\\tx\tr\ttext\t\n"
                               "d1\tB\te2\t10\t15\t2\tСтатья 1\tb\tl\tr\ttext\t\n"
                               "d1\tA\te1\t20\t25\t3\tСтатья 1\tAB\tl\tr\ttext\t\n"
                               "d2\tC\te3\t5\t9\t1\t\tc\t\t\ttext\t\n";
static const char concepts_tsv[] = "concept_id\tcategory\tlabel\tparent\n"
                                   "A\tlaw\tAlpha\t\nB\tlaw\tBeta\tA\nC\trights\tCe\t\n";

static void
check_core(const char *d)
{
    ASSERT_FILE(d, "docs.tsv", docs_tsv);
    ASSERT_FILE(d, "concepts.tsv", concepts_tsv);
    ASSERT_FILE(d, "tf.mtx", tf_mtx);
    ASSERT_FILE(d, "tf.tsv", tf_tsv);
    ASSERT_FILE(d, "cooc.sentence.mtx", cooc_sentence_mtx);
    ASSERT_FILE(d, "cooc.sentence.tsv", cooc_sentence_tsv);
    ASSERT_FILE(d, "cooc.wwindow2.mtx", cooc_ww_mtx);
    ASSERT_FILE(d, "groups/country.tsv", groups_country);
    ASSERT_FILE(d, "groups/country+year.tsv", groups_country_year);
    ASSERT_FILE(d, "hits.tsv", hits_tsv);
}

static void
test_export_core(void)
{
    char *d = mktmp();
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    tt_export_opts o;
    base_opts(&o, d);
    o.run_json_extra = "\"options\": {\"cooc\": \"sentence,wwindow2\"},\n";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    check_core(d);
    char *j = file(d, "run.json");
    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"format_version\": 2,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"options\": {\"cooc\": \"sentence,wwindow2\"},\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"documents\": {\"total\": 3, \"ok\": 2, \"skipped\": 1, \"with_warnings\": 0, \"skipped_list\": "
                                     "[{\"doc_id\": \"d3\", \"status\": \"binary file\"}]}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"totals\": {\"articles\": 1, \"bytes\": 800, \"paragraphs\": 2, "
                                     "\"sentences\": 7, \"tokens\": 150}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "{\"doc_id\": \"d1\", \"encoding\": \"utf-8\", \"encoding_confidence\": "
                                     "\"0.99\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"zlib\": \""));
    CU_ASSERT_PTR_NOT_NULL(strstr(j, "\"icu\": \""));
    free(j);
    /* no temporary file is left in the folder */
    DIR *dir = opendir(d);
    struct dirent *de;
    int tmp = 0;
    while ((de = readdir(dir)) != NULL)
        if (de->d_name[0] == '.' && strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            tmp++;
    closedir(dir);
    CU_ASSERT_EQUAL(tmp, 0);
    rm_rf(d);
    free(d);
}

/* tf-idf (scikit-learn smooth_idf, norm=None): n = 3 rows; df A = 2, B = 1, C = 1.
 *   d1 A: 2 (ln(4/3) + 1) = 2.575364; d1 B: 1 (ln(4/2) + 1) = 1.693147; d2 A: 1.287682; d2 C: 4 x 1.693147 =
 *   6.772589. relative = per_10k; boolean = 1. */
static void
test_export_weights(void)
{
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    o.weight = "raw,relative,tfidf,boolean";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    ASSERT_FILE(d, "tf.tfidf.tsv", "doc_id\tconcept_id\tvalue\nd1\tA\t2.575364\nd1\tB\t1.693147\n"
                                   "d2\tA\t1.287682\nd2\tC\t6.772589\n");
    ASSERT_FILE(d, "tf.relative.tsv", "doc_id\tconcept_id\tvalue\nd1\tA\t200.0000\nd1\tB\t100.0000\n"
                                      "d2\tA\t200.0000\nd2\tC\t800.0000\n");
    ASSERT_FILE(d, "tf.boolean.tsv", "doc_id\tconcept_id\tvalue\nd1\tA\t1\nd1\tB\t1\nd2\tA\t1\nd2\tC\t1\n");
    rm_rf(d);
    o.weight = "bm25";
    tt_exporter *ex;
    tt_error e;
    CU_ASSERT_EQUAL(tt_exporter_new(&ex, &o, &e), TT_EUSAGE);
    free(d);
}

/* vocabulary: ab df 2 cf 3; b 1 1; x 1 3; y 1 1. Columns in byte order ab b x y. With min_tf 2 only ab, x. */
static void
test_export_vocab(void)
{
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    o.vocab = 1;
    mkdir(d, 0777);
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    ASSERT_FILE(d, "vocab.tsv", "term\tdf\tcf\tform\nab\t2\t3\tAb\nb\t1\t1\tБ\nx\t1\t3\tX\ny\t1\t1\ty\n");
    ASSERT_FILE(d, "vocab.mtx", "%%MatrixMarket matrix coordinate integer general\n"
                                "% termtrace " TT_VERSION ": rows = docs.tsv, columns = vocab.tsv\n"
                                "3 4 5\n1 1 2\n1 2 1\n1 3 3\n2 1 1\n2 4 1\n");
    rm_rf(d);
    free(d);
    d = mktmp();
    base_opts(&o, d);
    o.vocab = 1;
    o.vocab_min_tf = 2;
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    ASSERT_FILE(d, "vocab.tsv", "term\tdf\tcf\tform\nab\t2\t3\tAb\nx\t1\t3\tX\n");
    ASSERT_FILE(d, "vocab.mtx", "%%MatrixMarket matrix coordinate integer general\n"
                                "% termtrace " TT_VERSION ": rows = docs.tsv, columns = vocab.tsv\n"
                                "3 2 3\n1 1 2\n1 2 3\n2 1 1\n");
    rm_rf(d);
    free(d);
    d = mktmp();
    base_opts(&o, d);
    o.vocab = 1;
    o.vocab_max_df = 1;
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    ASSERT_FILE(d, "vocab.tsv", "term\tdf\tcf\tform\nb\t1\t1\tБ\nx\t1\t3\tX\ny\t1\t1\ty\n");
    rm_rf(d);
    free(d);
}

/* Keyness KZ (d1 + d3: 100 tokens) against UZ (d2: 50 tokens):
 *   C: a = 0, b = 4: E2 = 50 x 4 / 150 = 4/3; G2 = 2 x 4 ln 3 = 8.7889; chi2 = 150 (0 - 4 x 100)^2 /
 *      (4 x 146 x 100 x 50) = 8.2192; log_ratio = log2((0.5/100)/(4/50)) = -4; %DIFF = 100 (0 - 0.08)/0.08 = -100;
 *      p = erfc(sqrt(8.7889/2)) = 0.00303069.
 *   A: a = 2, b = 1: the same rate (0.02): all 0, p = 1.   B: a = 1, b = 0: E1 = 100/150, G2 = 2 ln 1.5 = 0.8109;
 *      chi2 = 150 x 50^2 / (1 x 149 x 5000) = 0.5034; log_ratio = log2(0.01/0.01) = 0; %DIFF = 100 (0.01 - 0.01)/0.01
 *      = 0; p = erfc(sqrt(0.405465)) = 0.367845.
 *   Sorted by G2: C, B, A. */
static void
test_export_keyness(void)
{
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    o.compare = "country=KZ:country=UZ";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
#define KH "group_a\tgroup_b\tconcept_id\tterm\tcount_a\tcount_b\tper_10k_a\tper_10k_b\tg2\tchi2\tlog_ratio\tpct_diff\t" \
           "p_value\n"
#define KG "country=KZ\tcountry=UZ\t"
    ASSERT_FILE(d, "keyness.tsv",
                KH KG "C\t\t0\t4\t0.0000\t800.0000\t8.7889\t8.2192\t-4.0000\t-100.0000\t0.00303069\n"
                KG "B\t\t1\t0\t100.0000\t0.0000\t0.8109\t0.5034\t0.0000\t0.0000\t0.367845\n"
                KG "A\t\t2\t1\t200.0000\t200.0000\t0.0000\t0.0000\t0.0000\t0.0000\t1\n");
    rm_rf(d);
    /* with the vocabulary: term rows after the concept rows, by G2 then byte order (terms: ab 2/1, b 1/0,
     * x 3/0, y 0/1; x: a = 3, b = 0 -> G2 = 2 x 3 ln 1.5 = 2.4328; ab has the same rate in both: 0) */
    o.vocab = 1;
    mkdir(d, 0777);
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    char *k = file(d, "keyness.tsv");
    CU_ASSERT_PTR_NOT_NULL(k ? strstr(k, "\n" KG "A\t\t2\t1\t200.0000\t200.0000\t0.0000\t0.0000\t0.0000\t0.0000\t1\n"
                                          KG "\tx\t3\t0\t300.0000\t0.0000\t2.4328\t")
                              : NULL);
    CU_ASSERT_PTR_NOT_NULL(k ? strstr(k, "\n" KG "\tab\t2\t1\t200.0000\t200.0000\t0.0000\t") : NULL);
    free(k);
    rm_rf(d);
    o.vocab = 0;
    /* only the data can tell: a group whose documents were all skipped has no words -> TT_EUSAGE at finish */
    o.compare = "path=kz/3.bin:country=UZ";
    tt_error e;
    mkdir(d, 0777);
    CU_ASSERT_EQUAL(run_export(&o, corpus), TT_EUSAGE);
    rm_rf(d);
    o.compare = "country:UZ";
    tt_exporter *ex;
    CU_ASSERT_EQUAL(tt_exporter_new(&ex, &o, &e), TT_EUSAGE);
    free(d);
}

/* Measures by hand (see the comments above cooc_sentence_tsv and test_export_keyness):
 *   keyness a = 10, b = 2, ta = tb = 1000: E = 6, 6; G2 = 2 (10 ln(10/6) + 2 ln(2/6)) = 5.8221;
 *   chi2 = 2000 (10 x 998 - 2 x 990)^2 / (12 x 1988 x 10^6) = 5.3655; log_ratio = log2 5 = 2.3219;
 *   %DIFF = 100 (0.01 - 0.002)/0.002 = 400; p = erfc(sqrt(2.91103)) = 0.0158264. */
static void
test_measures_by_hand(void)
{
    tt_keyness k;
    tt_keyness_compute(10, 2, 1000, 1000, &k);
    CU_ASSERT_DOUBLE_EQUAL(k.g2, 5.822063, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(k.chi2, 5.365526, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(k.log_ratio, 2.321928, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(k.pct_diff, 400.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k.p_value, 0.0158264, 1e-6);
    tt_keyness_compute(3, 3, 0, 10, &k);
    CU_ASSERT_DOUBLE_EQUAL(k.p_value, 1.0, 0);
    tt_assoc a;
    /* O11 = 2, fa = 3, fb = 4, N = 10: E11 = 1.2; pmi = log2(2/1.2) = 0.736966; log_dice = 14 + log2(4/7) =
     * 13.192645; t = 0.8/sqrt 2 = 0.565685; G2 over O (2,1,2,5), E (1.2,1.8,2.8,4.2) = 1.265372 */
    tt_assoc_compute(2, 3, 4, 10, &a);
    CU_ASSERT_DOUBLE_EQUAL(a.pmi, 0.736966, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(a.log_dice, 13.192645, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(a.t_score, 0.565685, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(a.g2, 1.265372, 1e-5);
    /* N too small for the table (window pairs): raised to fa + fb - O11 = 5 */
    tt_assoc_compute(2, 3, 4, 1, &a);
    CU_ASSERT(isfinite(a.pmi) && isfinite(a.g2));
    CU_ASSERT_DOUBLE_EQUAL(a.pmi, log2(2.0 * 5 / 12), 1e-9);
}

/* Series by country and 5-year period: d1 2011 -> 2010-2014, d2 2015 -> 2015-2019, d3 no date -> "".
 * Breaks 2000,2013: d1 -> 2000-2012, d2 -> 2013+. forms (format 2): per period, keys, lang, concept and match
 * form, the form as written most often, hits and documents. */
static void
test_export_series_forms(void)
{
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    o.period = "5y";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    /* every key x every period from the first to the last (zeros included), then the undated period "" */
    ASSERT_FILE(d, "series.tsv",
                "concept_id\tcountry\tperiod\tcount\ttokens\tper_10k\n"
                "A\tKZ\t2010-2014\t2\t100\t200.0000\nA\tKZ\t2015-2019\t0\t0\t0.0000\nA\tKZ\t\t0\t0\t0.0000\n"
                "A\tUZ\t2010-2014\t0\t0\t0.0000\nA\tUZ\t2015-2019\t1\t50\t200.0000\nA\tUZ\t\t0\t0\t0.0000\n"
                "B\tKZ\t2010-2014\t1\t100\t100.0000\nB\tKZ\t2015-2019\t0\t0\t0.0000\nB\tKZ\t\t0\t0\t0.0000\n"
                "B\tUZ\t2010-2014\t0\t0\t0.0000\nB\tUZ\t2015-2019\t0\t50\t0.0000\nB\tUZ\t\t0\t0\t0.0000\n"
                "C\tKZ\t2010-2014\t0\t100\t0.0000\nC\tKZ\t2015-2019\t0\t0\t0.0000\nC\tKZ\t\t0\t0\t0.0000\n"
                "C\tUZ\t2010-2014\t0\t0\t0.0000\nC\tUZ\t2015-2019\t4\t50\t800.0000\nC\tUZ\t\t0\t0\t0.0000\n");
    /* forms: per (period, country, lang, concept, match form) the surface most often written (A: "Ab" and "AB"
     * once each: the first in byte order), hits and documents */
    ASSERT_FILE(d, "forms.tsv", "period\tcountry\tlang\tconcept_id\tform\tmatch_form\tcount\tdocuments\n"
                                "2010-2014\tKZ\t\tA\tAB\tab\t2\t1\n2010-2014\tKZ\t\tB\tb\tb\t1\t1\n"
                                "2015-2019\tUZ\t\tC\tc\tc\t1\t1\n");
    rm_rf(d);
    free(d);
    /* a gap: years between the first and the last get their zero rows */
    d = mktmp();
    base_opts(&o, d);
    o.period = "year";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    char *y = file(d, "series.tsv");
    CU_ASSERT_PTR_NOT_NULL(y ? strstr(y, "\nA\tKZ\t2011\t2\t100\t200.0000\nA\tKZ\t2012\t0\t0\t0.0000\n"
                                        "A\tKZ\t2013\t0\t0\t0.0000\nA\tKZ\t2014\t0\t0\t0.0000\n"
                                        "A\tKZ\t2015\t0\t0\t0.0000\nA\tKZ\t\t0\t0\t0.0000\n")
                              : NULL);
    free(y);
    rm_rf(d);
    free(d);
    d = mktmp();
    base_opts(&o, d);
    o.period = "2000,2013";
    o.series_by = "lang";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    ASSERT_FILE(d, "forms.tsv", "period\tlang\tconcept_id\tform\tmatch_form\tcount\tdocuments\n"
                                "2000-2012\t\tA\tAB\tab\t2\t1\n2000-2012\t\tB\tb\tb\t1\t1\n2013+\t\tC\tc\tc\t1\t1\n");
    char *s = file(d, "series.tsv");
    CU_ASSERT_PTR_NOT_NULL(s);
    CU_ASSERT_PTR_NOT_NULL(s ? strstr(s, "concept_id\tlang\tperiod\tcount") : NULL);
    CU_ASSERT_PTR_NOT_NULL(s ? strstr(s, "\nC\t\t2013+\t4\t50\t800.0000\n") : NULL);
    free(s);
    rm_rf(d);
    o.period = "2013,2000";
    tt_exporter *ex;
    tt_error e;
    CU_ASSERT_EQUAL(tt_exporter_new(&ex, &o, &e), TT_EUSAGE);
    free(d);
}

static char *
gunzip_file(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    gzFile g = gzopen(p, "rb");
    if (!g)
        return NULL;
    tt_buf b = {0};
    char buf[4096];
    int n;
    while ((n = gzread(g, buf, sizeof buf)) > 0)
        tt_buf_append(&b, buf, (size_t)n);
    gzclose(g);
    tt_buf_putc(&b, 0);
    return b.data;
}

static void
test_export_gzip(void)
{
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    o.gzip = 1;
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    struct {
        const char *name, *expect;
    } f[] = {{"docs.tsv.gz", docs_tsv},
             {"tf.mtx.gz", tf_mtx},
             {"cooc.sentence.mtx.gz", cooc_sentence_mtx},
             {"groups/country.tsv.gz", groups_country},
             {"hits.tsv.gz", hits_tsv}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        char *g = gunzip_file(d, f[i].name);
        CU_ASSERT_PTR_NOT_NULL(g);
        if (g)
            CU_ASSERT_STRING_EQUAL(g, f[i].expect);
        free(g);
    }
    /* the bytes on disk are gzip (magic 1f 8b), not plain text */
    char *raw = file(d, "docs.tsv.gz");
    CU_ASSERT(raw && (unsigned char)raw[0] == 0x1f && (unsigned char)raw[1] == 0x8b);
    free(raw);
    char *plain = file(d, "docs.tsv");
    CU_ASSERT_PTR_NULL(plain);
    free(plain);
    rm_rf(d);
    free(d);
}

/* Under a comma-decimal locale the numbers keep '.' (skipped when no such locale is installed). */
static void
test_export_comma_locale(void)
{
    const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "ru_RU.UTF-8", "ru_RU.utf8", "kk_KZ.UTF-8", "fr_FR.UTF-8"};
    const char *got = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !got; i++)
        if (setlocale(LC_ALL, names[i]) && localeconv()->decimal_point[0] == ',')
            got = names[i];
    if (!got) {
        setlocale(LC_ALL, "C");
        tt_test_skip(TT_SKIP_OTHER, "no comma-decimal locale installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
        return;
    }
    char probe[32];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    CU_ASSERT_STRING_EQUAL(probe, "0,5"); /* the locale really is active */
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    o.weight = "tfidf";
    int rc = run_export(&o, corpus);
    setlocale(LC_ALL, "C");
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    check_core(d);
    ASSERT_FILE(d, "tf.tfidf.tsv", "doc_id\tconcept_id\tvalue\nd1\tA\t2.575364\nd1\tB\t1.693147\n"
                                   "d2\tA\t1.287682\nd2\tC\t6.772589\n");
    rm_rf(d);
    free(d);
}

static int
count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* An exporter freed before finish leaves no file at all (only the empty groups/ folder); bad records are
 * refused with their line. */
static void
test_export_atomic_and_errors(void)
{
    char *d = mktmp();
    tt_export_opts o;
    base_opts(&o, d);
    tt_exporter *ex;
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(tt_exporter_new(&ex, &o, &e), 0);
    CU_ASSERT_EQUAL(tt_exporter_add(ex, corpus, strlen(corpus), &e), 0);
    tt_exporter_free(ex);
    CU_ASSERT_EQUAL(count_entries(d), 1);
    char g[512];
    snprintf(g, sizeof g, "%s/groups", d);
    CU_ASSERT_EQUAL(count_entries(g), 0);
    struct {
        const char *text;
        int code;
        uint64_t line;
    } bad[] = {
        {"docres\t1\nmeta\tdoc_id\tx\nend\tx\n", TT_EFORMAT, 1},
        {"docres\t2\nmeta\tdoc_id\tx\nvocab\ta\t1\t1\t0\nend\tx\n", TT_ESYNTAX, 3},
        {"docres\t2\nmeta\tdoc_id\tx\nhit\tA\te\t0\t1\t1\t\ts\t\t\ts\tmaybe\t\nend\tx\n", TT_ESYNTAX, 3},
        {"docres\t2\nmeta\tdoc_id\tx\ntf\tZ\t1\nend\tx\n", TT_ESYNTAX, 3},
        {"docres\t2\nmeta\tdoc_id\tx\ntf\tA\tmany\nend\tx\n", TT_ESYNTAX, 3},
        {"docres\t2\nmeta\tdoc_id\tx\nend\ty\n", TT_ESYNTAX, 3},
        {"docres\t2\nmeta\tdoc_id\tx\ntf\tA\t1\nmeta\tcountry\tKZ\nend\tx\n", TT_ESYNTAX, 4},
        {"tf\tA\t1\n", TT_ESYNTAX, 1},
        {"docres\t2\nstat\ttokens\t1\ntf\tA\t1\nend\tx\n", TT_ESYNTAX, 3},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tt_error_clear(&e);
        CU_ASSERT_EQUAL_FATAL(tt_exporter_new(&ex, &o, &e), 0);
        CU_ASSERT_EQUAL(tt_exporter_add(ex, bad[i].text, strlen(bad[i].text), &e), bad[i].code);
        CU_ASSERT_EQUAL(e.line, bad[i].line);
        CU_ASSERT_EQUAL(tt_exporter_finish(ex, &e), TT_EUSAGE);
        tt_exporter_free(ex);
    }
    /* a record without its end line */
    CU_ASSERT_EQUAL_FATAL(tt_exporter_new(&ex, &o, &e), 0);
    CU_ASSERT_EQUAL(tt_exporter_add(ex, "docres\t2\nmeta\tdoc_id\tx\n", 23, &e), 0);
    CU_ASSERT_EQUAL(tt_exporter_finish(ex, &e), TT_ESYNTAX);
    tt_exporter_free(ex);
    CU_ASSERT_EQUAL(count_entries(d), 1);
    /* a missing folder */
    o.dir = "/nonexistent/tt-export";
    CU_ASSERT_EQUAL(tt_exporter_new(&ex, &o, &e), TT_EIO);
    CU_ASSERT_PTR_NULL(ex);
    /* duplicate concept ids, manifest without doc_id */
    tt_export_concept dup[] = {{"A", "", "", ""}, {"A", "", "", ""}};
    base_opts(&o, d);
    o.concepts = dup;
    o.nconcepts = 2;
    CU_ASSERT_EQUAL(tt_exporter_new(&ex, &o, &e), TT_EUSAGE);
    base_opts(&o, d);
    o.manifest_columns = mcols + 1;
    o.nmanifest_columns = 4;
    CU_ASSERT_EQUAL(tt_exporter_new(&ex, &o, &e), TT_EUSAGE);
    rm_rf(d);
    free(d);
}

/* The same records give byte-identical files; records split between calls at line boundaries too. */
static void
test_export_deterministic(void)
{
    char *d1 = mktmp(), *d2 = mktmp();
    tt_export_opts o;
    base_opts(&o, d1);
    o.vocab = 1;
    o.period = "year";
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    base_opts(&o, d2);
    o.vocab = 1;
    o.period = "year";
    tt_exporter *ex;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(tt_exporter_new(&ex, &o, &e), 0);
    const char *p = corpus;
    while (*p) { /* one line per call */
        const char *nl = strchr(p, '\n');
        CU_ASSERT_EQUAL(tt_exporter_add(ex, p, (size_t)(nl - p + 1), &e), 0);
        p = nl + 1;
    }
    CU_ASSERT_EQUAL(tt_exporter_finish(ex, &e), 0);
    tt_exporter_free(ex);
    const char *names[] = {"docs.tsv", "tf.mtx", "tf.tsv", "cooc.sentence.tsv", "cooc.wwindow2.tsv", "hits.tsv",
                           "vocab.mtx", "vocab.tsv", "series.tsv", "forms.tsv", "run.json",
                           "groups/country+year.tsv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *a = file(d1, names[i]), *b = file(d2, names[i]);
        CU_ASSERT(a && b && strcmp(a, b) == 0);
        free(a);
        free(b);
    }
    rm_rf(d1);
    rm_rf(d2);
    free(d1);
    free(d2);
}

/* diff: OLD = the corpus (d1 d2 d3, 150 tokens), NEW = d1 d2 d4 (d4: KZ, 100 tokens, B 3, one hit "bb"):
 *   documents: d4 added, d3 removed;
 *   rates per 10k: A 3/150 -> 3/250: 200 -> 120 (|d| 80); B 1/150 -> 4/250: 66.6667 -> 160 (93.33);
 *   C 4/150 -> 4/250: 266.6667 -> 160 (106.67); largest change first: C, B, A;
 *   forms (hits.tsv surfaces, no forms.tsv): (B, bb) appeared, none vanished. */
static void
test_export_diff(void)
{
    char *d1 = mktmp(), *d2 = mktmp();
    tt_export_opts o;
    base_opts(&o, d1);
    CU_ASSERT_EQUAL_FATAL(run_export(&o, corpus), 0);
    const char *cut = strstr(corpus, "docres\t2\nmeta\tdoc_id\td3");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cut);
    tt_buf nc = {0};
    tt_buf_append(&nc, corpus, (size_t)(cut - corpus));
    tt_buf_puts(&nc, "docres\t2\nmeta\tdoc_id\td4\nmeta\tcountry\tKZ\nstat\ttokens\t100\ntf\tB\t3\n"
                     "hit\tB\te2\t0\t2\t1\t\tbb\t\t\tbb\ttext\t\nend\td4\n");
    base_opts(&o, d2);
    o.gzip = 1; /* the diff reads plain and gzip folders alike */
    CU_ASSERT_EQUAL_FATAL(run_export(&o, nc.data), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_EQUAL(tt_export_diff(d1, d2, f, &e), 0);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "change\tdoc_id\tconcept_id\tform\told\tnew\n"
                                "doc_added\td4\t\t\t\t\n"
                                "doc_removed\td3\t\t\t\t\n"
                                "rate\t\tC\t\t266.6667\t160.0000\n"
                                "rate\t\tB\t\t66.6667\t160.0000\n"
                                "rate\t\tA\t\t200.0000\t120.0000\n"
                                "form_added\t\tB\tbb\t\t\n");
    free(buf);
    /* the same folder: only the header */
    buf = NULL;
    f = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(tt_export_diff(d1, d1, f, &e), 0);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "change\tdoc_id\tconcept_id\tform\told\tnew\n");
    free(buf);
    f = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(tt_export_diff(d1, "/nonexistent/tt", f, &e), TT_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.path, "/nonexistent/tt/docs.tsv"));
    fclose(f);
    free(buf);
    tt_buf_free(&nc);
    rm_rf(d1);
    rm_rf(d2);
    free(d1);
    free(d2);
}

static void
test_num_format(void)
{
    tt_buf b = {0};
    tt_num_put_fixed(&b, 12.34565, 4);
    tt_buf_putc(&b, ' ');
    tt_num_put_fixed(&b, -0.00001, 4);
    tt_buf_putc(&b, ' ');
    tt_num_put_fixed(&b, -2.5, 0);
    tt_buf_putc(&b, ' ');
    tt_num_put_exact(&b, 0.1);
    tt_buf_putc(&b, ' ');
    tt_num_put_exact(&b, 3);
    CU_ASSERT_STRING_EQUAL(b.data, "12.3456 0.0000 -2 0.10000000000000001 3");
    double v;
    CU_ASSERT_EQUAL(tt_num_parse_double("0.5", 3, &v), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.5, 0);
    CU_ASSERT_EQUAL(tt_num_parse_double("0,5", 3, &v), TT_ESYNTAX);
    /* the plain-decimal fast path against strtod: the same answer, bit for bit, and the same errors */
    static const char *const edge[] = {".5", "5.", "1.", "1..2", "1.2.3", "00", "0.0", "-1", "+1", "1e3", "0x10",
                                       "123456789012345", "1234567890123456", "0.1234567890123456789012",
                                       "9007199254740993", "0.30000000000000004", "7.000000000000001", "",
                                       "1 ", " 1", "nan", "inf"};
    long differ = 0, cases = 0;
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++) {
        double x = -1, y = -1;
        int rx = tt_num_parse_double(edge[i], strlen(edge[i]), &x);
        int ry = tt_num_parse_double_strtod(edge[i], strlen(edge[i]), &y);
        differ += rx != ry || (rx == 0 && memcmp(&x, &y, sizeof x) != 0);
        cases++;
    }
    uint64_t rng = 88172645463325252ull;
    for (int r = 0; r < 200000; r++) {
        char t[32];
        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
        size_t len = 1 + rng % 24, dot = (rng >> 8) % (len + 3);
        for (size_t j = 0; j < len; j++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            t[j] = j == dot ? '.' : (char)('0' + (rng % 10 < 3 ? 0 : rng % 10));
        }
        double x = -1, y = -1;
        int rx = tt_num_parse_double(t, len, &x), ry = tt_num_parse_double_strtod(t, len, &y);
        differ += rx != ry || (rx == 0 && memcmp(&x, &y, sizeof x) != 0);
        cases++;
    }
    printf("numbers: %ld strings parsed both ways, %ld differ\n", cases, differ);
    CU_ASSERT_EQUAL(differ, 0);
    /* the fixed-point fast path against printf: rates (count * 10000 / tokens), ties, halves, random doubles of
       every size, at 0..9 decimals (and out of range), byte for byte */
    tt_buf fa = {0}, fb = {0};
    long fdiffer = 0, fcases = 0;
    static const double fedge[] = {0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 12.34565, 0.00005, 0.00015, 1e-300,
                                   1099511627775.5, 1099511627776.0, 1e15, 123456789.98765, 0.1, 0.7, 2.675};
    for (int d = -1; d <= 10; d++)
        for (size_t i = 0; i < sizeof fedge / sizeof *fedge; i++) {
            tt_buf_reset(&fa);
            tt_buf_reset(&fb);
            tt_num_put_fixed(&fa, fedge[i], d);
            tt_num_put_fixed_printf(&fb, fedge[i], d);
            fdiffer += fa.len != fb.len || memcmp(fa.data, fb.data, fa.len) != 0;
            fcases++;
        }
    for (int r = 0; r < 300000; r++) {
        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
        double x;
        if (r % 3 == 0) { /* a rate per 10,000 tokens */
            uint64_t c = rng % 5000, t = 1 + (rng >> 20) % 2000000;
            x = (double)c * 10000.0 / (double)t;
        } else if (r % 3 == 1) { /* halves and quarters at every scale: many exact ties */
            x = (double)(rng % 100000) / (double)(1u << (rng >> 40) % 12);
        } else { /* random bits: every exponent */
            uint64_t bits = rng & 0x7FEFFFFFFFFFFFFFull;
            memcpy(&x, &bits, sizeof x);
            x = fmod(x, 1e13);
        }
        int d = (int)((rng >> 50) % 10);
        tt_buf_reset(&fa);
        tt_buf_reset(&fb);
        tt_num_put_fixed(&fa, x, d);
        tt_num_put_fixed_printf(&fb, x, d);
        if (fa.len != fb.len || memcmp(fa.data, fb.data, fa.len) != 0) {
            if (fdiffer < 5)
                printf("put_fixed differs: %.17g at %d: '%s' vs printf '%s'\n", x, d, fa.data, fb.data);
            fdiffer++;
        }
        fcases++;
    }
    tt_buf_free(&fa);
    tt_buf_free(&fb);
    printf("numbers: %ld values written both ways, %ld differ\n", fcases, fdiffer);
    CU_ASSERT_EQUAL(fdiffer, 0);
    uint64_t u;
    CU_ASSERT_EQUAL(tt_num_parse_u64("18446744073709551616", 20, &u), TT_ESYNTAX);
    CU_ASSERT_EQUAL(tt_num_parse_u64("-1", 2, &u), TT_ESYNTAX);
    tt_buf_free(&b);
}

static void
write_interop(void)
{
    const char *dir = getenv("TT_INTEROP_DIR");
    if (!dir || !*dir)
        return;
    char p[512];
    tt_export_opts o;
    snprintf(p, sizeof p, "%s/plain", dir);
    mkdir(p, 0777);
    base_opts(&o, p);
    o.vocab = 1;
    o.weight = "tfidf";
    if (run_export(&o, corpus))
        fprintf(stderr, "interop export to %s failed\n", p);
    snprintf(p, sizeof p, "%s/gz", dir);
    mkdir(p, 0777);
    base_opts(&o, p);
    o.gzip = 1;
    if (run_export(&o, corpus))
        fprintf(stderr, "interop export to %s failed\n", p);
}

static void
reg(void)
{
    tt_test_suite("export", "every core file matches the hand-computed corpus", test_export_core,
                  "tf-idf, relative and boolean weights", test_export_weights,
                  "vocabulary matrix in byte order, trims by df and cf", test_export_vocab,
                  "keyness by hand, sorted by G2", test_export_keyness,
                  "association and keyness measures by hand", test_measures_by_hand,
                  "series and forms by 5-year period and by breaks", test_export_series_forms,
                  "--gzip writes gzip files with the same content", test_export_gzip,
                  "numbers keep '.' under a comma locale", test_export_comma_locale,
                  "no file is left behind by a failed export; bad records name their line",
                  test_export_atomic_and_errors, "output is deterministic, records may be split by line",
                  test_export_deterministic, "locale-free number formatting", test_num_format,
                  "diff names new and removed documents, rate changes and new forms", test_export_diff, NULL);
}

int
main(void)
{
    write_interop();
    return tt_test_main(reg);
}
