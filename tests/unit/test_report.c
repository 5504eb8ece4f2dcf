/* test_report.c - the report's modules: the TSV reader (columns by name, escapes, gzip, short
 * rows), the run.json reader, escaping, period labels, and a whole report from a small synthetic
 * output folder whose files carry the columns format 2 adds (hits.tsv role and page, forms.tsv form
 * and country, keyness.tsv group_a/group_b) in other positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "tt/report.h"
#include "tt/run.h"
#include "tt/tsv.h"

#include "report_priv.h"
#include "support.h"

static char dir[] = "/tmp/tt-test-report-XXXXXX";

static void
put(const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void
test_tsv_by_name(void)
{
    put("a.tsv", "x\tcount\tname\n1\t2.5\ta\\tb\\\\c\n\t7\n");
    char p[512];
    snprintf(p, sizeof p, "%s/a.tsv", dir);
    tt_tsv *t;
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_FATAL(tt_tsv_open(&t, p, &e) == 0);
    CU_ASSERT_EQUAL(tt_tsv_col(t, "name"), 2);
    CU_ASSERT_EQUAL(tt_tsv_col(t, "role"), -1);
    CU_ASSERT_EQUAL(tt_tsv_next(t, &e), 1);
    CU_ASSERT_STRING_EQUAL(tt_tsv_get(t, 2), "a\tb\\c");
    CU_ASSERT_DOUBLE_EQUAL(tt_tsv_num(t, 1), 2.5, 1e-12);
    CU_ASSERT_STRING_EQUAL(tt_tsv_get(t, -1), "");
    CU_ASSERT_EQUAL(tt_tsv_next(t, &e), 1); /* a short row: missing fields are "" */
    CU_ASSERT_STRING_EQUAL(tt_tsv_get(t, 0), "");
    CU_ASSERT_DOUBLE_EQUAL(tt_tsv_num(t, 1), 7, 1e-12);
    CU_ASSERT_STRING_EQUAL(tt_tsv_get(t, 2), "");
    CU_ASSERT_EQUAL(tt_tsv_line(t), 3);
    CU_ASSERT_EQUAL(tt_tsv_next(t, &e), 0);
    tt_tsv_close(t);
}

static void
test_tsv_gzip_and_errors(void)
{
    char p[512], gz[520];
    snprintf(p, sizeof p, "%s/z.tsv", dir);
    snprintf(gz, sizeof gz, "%s.gz", p);
    gzFile f = gzopen(gz, "wb");
    CU_ASSERT_FATAL(f != NULL);
    gzputs(f, "k\tv\nqandas\t3\n");
    gzclose(f);
    CU_ASSERT_TRUE(tt_tsv_exists(p));
    tt_tsv *t;
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_FATAL(tt_tsv_open(&t, p, &e) == 0); /* x.tsv missing: x.tsv.gz is read */
    CU_ASSERT_EQUAL(tt_tsv_next(t, &e), 1);
    CU_ASSERT_STRING_EQUAL(tt_tsv_get(t, tt_tsv_col(t, "k")), "qandas");
    tt_tsv_close(t);
    snprintf(p, sizeof p, "%s/missing.tsv", dir);
    CU_ASSERT_FALSE(tt_tsv_exists(p));
    CU_ASSERT_EQUAL(tt_tsv_open(&t, p, &e), TT_EIO);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_STRING_EQUAL(e.path, p);
    put("bad.tsv", "a\n\\q\n");
    snprintf(p, sizeof p, "%s/bad.tsv", dir);
    CU_ASSERT_FATAL(tt_tsv_open(&t, p, &e) == 0);
    CU_ASSERT_EQUAL(tt_tsv_next(t, &e), TT_ESYNTAX);
    CU_ASSERT_EQUAL(e.line, 2);
    tt_tsv_close(t);
}

static void
test_json(void)
{
    rj_value v;
    tt_error e;
    tt_error_clear(&e);
    const char *s = "{\"a\": [1, -2.5e3, true, null], \"b\": {\"c\": \"\\u049b\\u0430\\\"\\n\"}, "
                    "\"d\": \"\\ud83d\\ude00\"}";
    CU_ASSERT_FATAL(rj_parse(&v, s, strlen(s), &e) == 0);
    const rj_value *a = rj_get(&v, "a");
    CU_ASSERT_FATAL(a && a->kind == RJ_ARR && a->n == 4);
    CU_ASSERT_STRING_EQUAL(rj_str(&a->items[1], ""), "-2.5e3");
    CU_ASSERT_EQUAL(a->items[2].kind, RJ_BOOL);
    CU_ASSERT_STRING_EQUAL(rj_str(rj_get(rj_get(&v, "b"), "c"), ""), "\xD2\x9B\xD0\xB0\"\n");
    CU_ASSERT_STRING_EQUAL(rj_str(rj_get(&v, "d"), ""), "\xF0\x9F\x98\x80");
    CU_ASSERT_PTR_NULL(rj_get(&v, "zz"));
    rj_free(&v);
    const char *bad[] = {"{\"a\" 1}", "[1, 2", "{\"a\": tru}", "\"x", "{} x", "[\"\\q\"]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_EQUAL(rj_parse(&v, bad[i], strlen(bad[i]), &e), TT_ESYNTAX);
}

static void
test_escape_and_periods(void)
{
    tt_buf b = {0};
    CU_ASSERT_EQUAL(rp_esc(&b, "<a href='x'>&\"\x01</a>"), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    tt_buf_reset(&b);
    rp_count(&b, 212345);
    CU_ASSERT_STRING_EQUAL(b.data, "212\xE2\x80\xAF"
                                   "345");
    tt_buf_free(&b);
    char p[32];
    rp_period_of("year", "1997", p, sizeof p);
    CU_ASSERT_STRING_EQUAL(p, "1997");
    rp_period_of("5y", "1997", p, sizeof p);
    CU_ASSERT_STRING_EQUAL(p, "1995-1999");
    rp_period_of("1991,2000,2020", "1985", p, sizeof p);
    CU_ASSERT_STRING_EQUAL(p, "<1991");
    rp_period_of("1991,2000,2020", "2005", p, sizeof p);
    CU_ASSERT_STRING_EQUAL(p, "2000-2019");
    rp_period_of("1991,2000,2020", "2021", p, sizeof p);
    CU_ASSERT_STRING_EQUAL(p, "2020+");
    rp_period_of("year", "", p, sizeof p);
    CU_ASSERT_STRING_EQUAL(p, "");
}

/* A small output folder in format-2 shape (extra columns, other positions). */
static void
make_folder(void)
{
    char p[512];
    snprintf(p, sizeof p, "%s/groups", dir);
    mkdir(p, 0777);
    put("run.json",
        "{\"format_version\": 2, \"program\": \"termtrace\", \"version\": \"0.1.0\", \"options\": "
        "{\"period\": \"year\", \"compare\": \"country=KZ:country=UZ\"}, \"contexts\": "
        "[\"sentence\"], "
        "\"execution\": {\"seconds\": 1.5}}\n");
    put("concepts.tsv", "concept_id\tcategory\tlabel\tparent\nkandas\tpopulation\tKandas <new>\t\n"
                        "oralman\tpopulation\tOralman\tkandas\n");
    put("docs.tsv", "doc_id\tcountry\tdate\ttitle\ttokens\tstatus\tformat\n"
                    "a\tKZ\t2010\tLaw & order\t100\tok\ttxt\nb\tKZ\t2021\tx\t100\tok\ttxt\n"
                    "c\tUZ\t2021\ty\t50\tskipped: not text\ttxt\n");
    put("groups/country.tsv",
        "country\tconcept_id\tcount\ttokens\tper_10k\nKZ\tkandas\t5\t200\t250.0000\n"
        "KZ\toralman\t6\t200\t300.0000\nUZ\tkandas\t0\t50\t0.0000\nUZ\toralman\t0\t50\t0.0000\n");
    put("series.tsv", "concept_id\tcountry\tperiod\tcount\ttokens\tper_10k\n"
                      "kandas\tKZ\t2010\t0\t100\t0\nkandas\tKZ\t2021\t5\t100\t500\n"
                      "oralman\tKZ\t2010\t6\t100\t600\noralman\tKZ\t2021\t0\t100\t0\n");
    put("forms.tsv", "period\tcountry\tlang\tconcept_id\tform\tmatch_form\tcount\tdocuments\n"
                     "2010\tKZ\tkk\toralman\tоралман\toralman\t6\t1\n2021\tKZ\tkk\tkandas\tқандас\t"
                     "qandas\t5\t1\n");
    put("keyness.tsv",
        "group_a\tgroup_b\tconcept_id\tterm\tcount_a\tcount_b\tper_10k_a\tper_10k_b\tg2\tchi2"
        "\tlog_ratio\tpct_diff\tp_value\n"
        "country=KZ\tcountry=UZ\toralman\t\t6\t0\t300\t0\t5.2\t3\t3.1\t900\t0.02\n"
        "country=KZ\tcountry=UZ\tkandas\t\t5\t0\t250\t0\t4.2\t3\t2.9\t800\t0.04\n"
        "country=KZ\tcountry=UZ\t\tva\t0\t17\t0\t149\t35.1\t30\t-5.9\t-100\t3e-09\n"
        "country=KZ\tcountry=UZ\t\tbilan\t0\t16\t0\t140\t33.0\t29\t-5.8\t-100\t8e-09\n");
    put("cooc.sentence.tsv", "concept_a\tconcept_b\tcount\tpmi\tlog_dice\tt_score\tg2\n"
                             "kandas\tkandas\t4\t0\t14\t0\t0\nkandas\toralman\t1\t0\t11.5\t0\t0\n"
                             "oralman\toralman\t5\t0\t14\t0\t0\n");
    put("hits.tsv", "doc_id\tconcept_"
                    "id\tentry\tstart\tend\tsentence\tarticle\tsurface\tleft\tright\trole\tpage\n"
                    "a\toralman\tоралман\t0\t14\t1\tСтатья 1\t<b>оралман</b>\tL\\tx\tR\ttext\t\n"
                    "b\tkandas\tқандас\t0\t12\t1\t\tқандас\t\t\tquoted\t3\n");
}

static char *
read_report(const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/report/%s", dir, name);
    return tt_test_slurp(p, NULL);
}

static void
test_whole_report(void)
{
    make_folder();
    tt_error e;
    tt_error_clear(&e);
    int rc = tt_report_install(dir, NULL, &e);
    if (rc) {
        char m[2400];
        fprintf(stderr, "report: %s\n", tt_error_format(&e, m, sizeof m));
    }
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    char *h = read_report("index.html");
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(h, "data-from=\"oralman\" data-to=\"kandas\" data-group=\"KZ\" data-turn=\"2021\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "Kandas &lt;new&gt;"));         /* labels escaped */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "&lt;b&gt;оралман&lt;/b&gt;")); /* hit text escaped */
    CU_ASSERT_PTR_NULL(strstr(h, "<b>оралман"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "data-role=\"quoted\"")); /* role column used */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<th>page</th>"));        /* page column used */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "қандас (5)"));           /* forms.tsv `form` */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "skipped: not text"));    /* why skipped */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "data-concept=\"oralman\" data-log-ratio=\"3.1000\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "data-concept=\"va\" data-log-ratio=\"-5.9000\"")); /* terms */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "Key terms: KZ against UZ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(
        h, "data-concept=\"oralman\" data-group=\"KZ\" data-count=\"6\" data-per10k=\"300.0000\""));
    CU_ASSERT_PTR_NULL(strstr(h, "<th>execution"));                /* no execution timings */
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<th>options.compare</th>")); /* provenance */
    char *svg = read_report("cooc-heatmap.svg");
    CU_ASSERT_PTR_NOT_NULL(svg);
    CU_ASSERT_PTR_NOT_NULL(svg &&
                           strstr(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="));
    free(svg);
    /* the same folder gives the same bytes */
    CU_ASSERT_EQUAL_FATAL(tt_report_install(dir, NULL, &e), 0);
    char *h2 = read_report("index.html");
    CU_ASSERT_FATAL(h2 != NULL);
    CU_ASSERT_STRING_EQUAL(h, h2);
    free(h);
    free(h2);
    /* a reshaped optional file: the section is left out and the page says so */
    put("keyness.tsv", "concept_id\tcount_KZ\tcount_UZ\noralman\t6\t0\n");
    CU_ASSERT_EQUAL_FATAL(tt_report_install(dir, NULL, &e), 0);
    h = read_report("index.html");
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "data-missing=\"keyness.tsv\">keyness.tsv lacks the columns"));
    CU_ASSERT_PTR_NULL(strstr(h, "id=\"keyness\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "id=\"kwic\""));
    free(h);
    /* an unknown context is refused; the previous report stays */
    tt_report_opts o = {0, "window9"};
    CU_ASSERT_EQUAL(tt_report_install(dir, &o, &e), TT_EUSAGE);
    h = read_report("index.html");
    CU_ASSERT_PTR_NOT_NULL(h);
    free(h);
}

static void
test_refuses_other_folders(void)
{
    char p[512];
    snprintf(p, sizeof p, "%s/plain", dir);
    mkdir(p, 0777);
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_EQUAL(tt_report_install(p, NULL, &e), TT_EUSAGE);
    CU_ASSERT_STRING_EQUAL(e.path, p);
    snprintf(p, sizeof p, "%s/plain/run.json", dir);
    FILE *f = fopen(p, "w");
    fputs("{\"program\": \"other\", \"format_version\": 1}", f);
    fclose(f);
    snprintf(p, sizeof p, "%s/plain", dir);
    CU_ASSERT_EQUAL(tt_report_install(p, NULL, &e), TT_EUSAGE);
    snprintf(p, sizeof p, "%s/plain/report", dir);
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(p, &st), 0);
}

static void
reg(void)
{
    if (!mkdtemp(dir))
        abort();
    tt_test_suite("report", "tsv: columns by name, escapes, short rows", test_tsv_by_name,
                  "tsv: .gz read for a missing name, errors with path and line",
                  test_tsv_gzip_and_errors,
                  "run.json reader: values, escapes, surrogates, syntax errors", test_json,
                  "HTML/SVG escaping, counts, period labels", test_escape_and_periods,
                  "a whole report from a format-2-shaped folder", test_whole_report,
                  "refuses a folder that is not a run's output", test_refuses_other_folders, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_rmtree(dir);
    return rc;
}
