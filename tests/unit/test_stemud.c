/* test_stemud.c - over- and under-stemming of the vocabulary stemmer (tt_stem_word, tt/stem.h) for
 * Kazakh and Uzbek, measured on the gold lemmas of the Universal Dependencies test treebanks in
 * ../shared/corpus/ud.
 *
 * The nominals of each treebank (UPOS NOUN, PROPN, ADJ: what the suffix grammars cover; verbs are
 * not in the grammars) are taken as types: (match form of the word, match form of its gold lemma,
 * the token's case flags as the tokenizer would set them: capitalised, sentence-initial,
 * hyphenated). Each type gets its stem. Then, in the manner of Paice (1994): under-stemming index
 * UI = pairs of types with the same lemma but different stems / pairs of types with the same lemma;
 *   over-stemming index OI = pairs of types with different lemmas but the same stem / pairs of
 * types with different lemmas; merged lemma pairs = distinct pairs of lemmas that share a stem
 * (over-stemming in countable form); cut into the lemma = types whose stem is a proper prefix of
 * their lemma (Алматы -> almat): over-stemming that merges nothing in the treebank, so UI and OI
 * cannot see it; counted for all types and for proper nouns (UPOS PROPN). A type whose form equals
 * another type's form but whose lemma differs (a homograph) is merged by any stemmer; it stays in
 * the counts (it is the floor). The figures are printed; the test fails if any is worse than the
 * ceilings below, set from the measurement at the commit that introduced them (issue 17; the note
 * gives the figures before and after). Without
 * ../shared the test prints SKIP and checks nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "tt/norm.h"
#include "tt/stem.h"
#include "tt/tokenize.h"

#include "support.h"

typedef struct stype {
    char *form, *lemma, *stem;
    int propn;
} stype;

typedef struct result {
    size_t types, lemmas;
    double ui, oi;
    size_t merged_pairs;
    size_t cut, propn, propn_cut; /* types whose stem cuts into their lemma (all; proper nouns) */
} result;

/* Ceilings: the figures measured after the issue-17 changes (hyphenated words, proper nouns,
 * keep-ending, vocab-skip). Before them (main at 5f31ef0): kk UI 0.2118, OI 0.0000547, 71 merged
 * lemma pairs, 316 stems cut into the lemma (proper nouns 35 of 257); uz UI 0.1186, OI 0.0000109,
 * 12 pairs, 193 cut (proper nouns 28 of 264). The ceilings are exact: a change that makes any
 * figure worse fails here, and one that improves them should lower them. */
static const struct {
    const char *file;
    const char *lang;
    unsigned ui_max; /* x 1e-4 */
    unsigned oi_max; /* x 1e-6 */
    size_t merged_max, cut_max, propn_cut_max;
    size_t min_types;
} files[] = {
    {"kk_ktb-ud-test.conllu", "kk", 2674, 42, 55, 233, 15, 2500},
    {"uz_ut-ud-test.conllu", "uz", 1261, 11, 12, 169, 8, 2200},
};

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_by_lemma(const void *a, const void *b)
{
    const stype *x = a, *y = b;
    int r = strcmp(x->lemma, y->lemma);
    return r ? r : strcmp(x->stem, y->stem);
}

static int
cmp_by_stem(const void *a, const void *b)
{
    const stype *x = a, *y = b;
    int r = strcmp(x->stem, y->stem);
    return r ? r : strcmp(x->lemma, y->lemma);
}

static unsigned
case_flags(const char *s, size_t n, int first)
{
    int32_t i = 0, len = (int32_t)n;
    UChar32 c0, c1 = 0;
    U8_NEXT(s, i, len, c0);
    if (i < len)
        U8_NEXT(s, i, len, c1);
    unsigned f = 0;
    if ((u_isupper(c0) || u_istitle(c0)) && c1 > 0 && u_islower(c1))
        f |= TT_TOK_CAPITAL;
    if (first)
        f |= TT_TOK_SENT_START;
    if (memchr(s, '-', n))
        f |= TT_TOK_HYPHEN;
    return f;
}

static char *
canon(tt_normalizer *nz, tt_lang lang, const char *s, size_t n)
{
    tt_error err;
    tt_error_clear(&err);
    tt_buf b = {0};
    tt_script sc = tt_norm_detect_script(nz, lang, s, n, NULL);
    if (tt_norm_word(nz, lang, sc, s, n, &b, NULL, &err) || tt_buf_putc(&b, 0)) {
        tt_buf_free(&b);
        return NULL;
    }
    return tt_buf_detach(&b, NULL);
}

/* Measures one treebank; 0 on success, -1 if it cannot be read. */
static int
measure(tt_normalizer *nz, tt_stemmer *st, const char *path, tt_lang lang, result *res)
{
    char *text = tt_test_slurp(path, NULL);
    if (!text)
        return -1;
    stype *t = NULL;
    size_t nt = 0, ct = 0;
    tt_buf key = {0}, stem = {0};
    char **seen = NULL;
    size_t nseen = 0, cseen = 0;
    int first = 1;
    tt_error err;
    tt_error_clear(&err);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') {
            if (!strncmp(line, "# text =", 8))
                first = 1;
            continue;
        }
        char *f[10];
        int k = 0;
        for (char *p = line; k < 10; k++) {
            f[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                k++;
                break;
            }
            *tab = 0;
            p = tab + 1;
        }
        if (k < 4 || strchr(f[0], '-') || strchr(f[0], '.'))
            continue;
        int is_word =
            strcmp(f[3], "PUNCT") != 0 && strcmp(f[3], "NUM") != 0 && strcmp(f[3], "SYM") != 0;
        int was_first = first && is_word;
        if (is_word)
            first = 0;
        if (strcmp(f[3], "NOUN") && strcmp(f[3], "PROPN") && strcmp(f[3], "ADJ"))
            continue;
        char *fm = canon(nz, lang, f[1], strlen(f[1])), *lm = canon(nz, lang, f[2], strlen(f[2]));
        if (!fm || !lm || !fm[0] || !lm[0]) {
            free(fm);
            free(lm);
            continue;
        }
        /* TT_STEM_NOFLAGS=1: as if the stemmer knew nothing of the token as written (for the note)
         */
        unsigned fl = getenv("TT_STEM_NOFLAGS") ? 0 : case_flags(f[1], strlen(f[1]), was_first);
        tt_buf_reset(&stem);
        CU_ASSERT_EQUAL_FATAL(tt_stem_word(st, lang, fm, strlen(fm), fl, &stem, &err), 0);
        tt_buf_putc(&stem, 0);
        tt_buf_reset(&key);
        tt_buf_printf(&key, "%s\t%s\t%s", fm, lm, stem.data);
        int dup = 0;
        for (size_t i = 0; i < nseen && !dup; i++) /* small treebanks: linear is fine */
            dup = !strcmp(seen[i], key.data);
        if (dup) {
            free(fm);
            free(lm);
            continue;
        }
        if (nseen == cseen) {
            cseen = cseen ? cseen * 2 : 1024;
            seen = realloc(seen, cseen * sizeof *seen);
        }
        seen[nseen++] = strdup(key.data);
        if (nt == ct) {
            ct = ct ? ct * 2 : 1024;
            t = realloc(t, ct * sizeof *t);
        }
        t[nt].form = fm;
        t[nt].lemma = lm;
        t[nt].stem = strdup(stem.data);
        t[nt].propn = !strcmp(f[3], "PROPN");
        nt++;
    }
    res->cut = res->propn = res->propn_cut = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t sl = strlen(t[i].stem), ll = strlen(t[i].lemma);
        int cut = sl < ll && !strncmp(t[i].stem, t[i].lemma, sl);
        res->cut += (size_t)cut;
        res->propn += (size_t)t[i].propn;
        res->propn_cut += (size_t)(cut && t[i].propn);
    }
    /* under-stemming: pairs within a lemma */
    qsort(t, nt, sizeof *t, cmp_by_lemma);
    double same_lemma = 0, same_lemma_split = 0;
    size_t nlem = 0;
    for (size_t i = 0; i < nt;) {
        size_t j = i;
        while (j < nt && !strcmp(t[j].lemma, t[i].lemma))
            j++;
        nlem++;
        double m = (double)(j - i);
        same_lemma += m * (m - 1) / 2;
        for (size_t a = i; a < j;) { /* runs of one stem inside the lemma */
            size_t b = a;
            while (b < j && !strcmp(t[b].stem, t[a].stem))
                b++;
            double r = (double)(b - a);
            same_lemma_split -= r * (r - 1) / 2;
            a = b;
        }
        same_lemma_split += m * (m - 1) / 2;
        i = j;
    }
    /* over-stemming: pairs within a stem, different lemmas */
    qsort(t, nt, sizeof *t, cmp_by_stem);
    double total = (double)nt * (double)(nt - 1) / 2, diff_lemma = total - same_lemma, merged = 0;
    char **lp = NULL;
    size_t nlp = 0, clp = 0;
    for (size_t i = 0; i < nt;) {
        size_t j = i;
        while (j < nt && !strcmp(t[j].stem, t[i].stem))
            j++;
        double m = (double)(j - i);
        double same = 0;
        for (size_t a = i; a < j;) {
            size_t b = a;
            while (b < j && !strcmp(t[b].lemma, t[a].lemma))
                b++;
            same += (double)(b - a) * (double)(b - a - 1) / 2;
            for (size_t c = b; c < j; c++) { /* lemma pairs merged by this stem */
                if (c > b && !strcmp(t[c].lemma, t[c - 1].lemma))
                    continue;
                tt_buf_reset(&key);
                tt_buf_printf(&key, "%s\t%s", t[a].lemma, t[c].lemma);
                if (nlp == clp) {
                    clp = clp ? clp * 2 : 256;
                    lp = realloc(lp, clp * sizeof *lp);
                }
                lp[nlp++] = strdup(key.data);
                if (getenv("TT_STEM_SHOW"))
                    printf("  merged: %s + %s -> %s\n", t[a].lemma, t[c].lemma, t[a].stem);
            }
            a = b;
        }
        merged += m * (m - 1) / 2 - same;
        i = j;
    }
    if (getenv("TT_STEM_SHOW"))
        for (size_t i = 0; i < nt; i++)
            printf("  %s\t%s\t%s\n", t[i].form, t[i].lemma, t[i].stem);
    qsort(lp, nlp, sizeof *lp, cmp_str);
    size_t distinct = 0;
    for (size_t i = 0; i < nlp; i++)
        if (!i || strcmp(lp[i], lp[i - 1]))
            distinct++;
    res->types = nt;
    res->lemmas = nlem;
    res->ui = same_lemma > 0 ? same_lemma_split / same_lemma : 0;
    res->oi = diff_lemma > 0 ? merged / diff_lemma : 0;
    res->merged_pairs = distinct;
    for (size_t i = 0; i < nlp; i++)
        free(lp[i]);
    free(lp);
    for (size_t i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
    for (size_t i = 0; i < nt; i++) {
        free(t[i].form);
        free(t[i].lemma);
        free(t[i].stem);
    }
    free(t);
    tt_buf_free(&key);
    tt_buf_free(&stem);
    free(text);
    return 0;
}

static void
test_ud_stemming(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found (set TT_SHARED): stemming not measured on the UD "
                                     "treebanks");
        return;
    }
    tt_error err;
    tt_error_clear(&err);
    tt_normalizer *nz = NULL;
    tt_stemmer *st = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_normalizer_new(&nz, NULL, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_stemmer_new(&st, NULL, &err), 0);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/ud/%s", sh, files[i].file);
        result r;
        if (measure(nz, st, path, tt_lang_parse(files[i].lang, 2), &r)) {
            tt_test_skip(TT_SKIP_SHARED, "%s cannot be read", path);
            continue;
        }
        printf(
            "\n%s: %zu nominal types, %zu lemmas: under-stemming UI %.4f, over-stemming OI %.7f, "
            "merged lemma pairs %zu, stems cutting into the lemma %zu (proper nouns: %zu of %zu)\n",
            files[i].file, r.types, r.lemmas, r.ui, r.oi, r.merged_pairs, r.cut, r.propn_cut,
            r.propn);
        CU_ASSERT(r.types >= files[i].min_types);
        CU_ASSERT(r.ui * 10000 <= files[i].ui_max + 0.5);
        CU_ASSERT(r.oi * 1000000 <= files[i].oi_max + 0.5);
        CU_ASSERT(r.merged_pairs <= files[i].merged_max);
        CU_ASSERT(r.cut <= files[i].cut_max);
        CU_ASSERT(r.propn_cut <= files[i].propn_cut_max);
    }
    tt_stemmer_free(st);
    tt_normalizer_free(nz);
}

static void
reg(void)
{
    tt_test_suite("stemud", "over- and under-stemming on the UD lemmas (kk, uz)", test_ud_stemming,
                  NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
