/* test_names.c - one sense per document (matching.md, lexicons/README.md "Case as written"): where a document
 * uses a capitalised form as a name mid-sentence (the case=proper exclusion decides), the same name at a
 * sentence start in that document is a name too. Measured on real text with gold tags, before (each sentence
 * decided alone) and after (the document's decision):
 *   - the Kazakh UD treebank (../shared/corpus/ud/kk_ktb-ud-test.conllu): documents are the source files named
 *     in `# sent_id` (file:paragraph:n); a word is a name where its gold UPOS is PROPN;
 *   - KazNERD (../shared/corpus/kaznerd/IOB2_{test,valid}.txt): it has no document boundaries, so the measure
 *     is given for pseudo-documents of 50 consecutive sentences and for each split as one document (the worst
 *     case: unrelated sentences share a decision); a name is a B-/I-PERSON token.
 * Every token that the citizenship lemma азамат matches (a one-entry lexicon) is sorted as a name or another
 * word, and counted as citizenship or not by the default lexicon (lexicons/diaspora) with the hits of the
 * document's names dropped as tt_counter_name does. The test prints both measures and asserts: no noun is
 * lost on UD, names never count more than before, and UD's sentence-start names of the story are now out.
 * Sentences are joined by blank lines, tokens by spaces (gold tokenization). */
#include "support.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tally {
    size_t names, names_before, names_after, words, words_before, words_after;
} tally;

typedef struct nctx {
    tt_normalizer *nz;
    tt_tokenizer *tk;
    tt_lexicon *lx, *lx1;
    tt_matcher *m, *m1;
    long cit;
    tt_tokseq ts;
    tt_hit *hits, *hits1;
    size_t caph, caph1;
    tt_buf text;           /* the current document */
    size_t *tstart;        /* byte start of each gold token */
    unsigned char *isname; /* 1 = gold name, 0 = other */
    size_t ntok, captok;
} nctx;

static void
add_token(nctx *c, const char *form, size_t n, int name, int first_of_sentence)
{
    if (c->ntok == c->captok) {
        c->captok = c->captok ? 2 * c->captok : 1024;
        c->tstart = realloc(c->tstart, c->captok * sizeof *c->tstart);
        c->isname = realloc(c->isname, c->captok);
        if (!c->tstart || !c->isname)
            abort();
    }
    if (c->text.len)
        tt_buf_puts(&c->text, first_of_sentence ? "\n\n" : " ");
    c->tstart[c->ntok] = c->text.len;
    c->isname[c->ntok++] = (unsigned char)name;
    tt_buf_append(&c->text, form, n);
}

static size_t
gold_at(const nctx *c, uint64_t off)
{
    size_t lo = 0, hi = c->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->tstart[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : SIZE_MAX;
}

/* Matches the current document and tallies it; then empties it. */
static int
run_doc(nctx *c, tally *t)
{
    if (!c->ntok)
        return 0;
    tt_error err;
    tt_error_clear(&err);
    tt_tokseq_reset_doc(&c->ts);
    tt_matcher_names_reset(c->m);
    size_t nh = 0, nh1 = 0;
    if (tt_tokenize(c->tk, c->nz, TT_LANG_KK, TT_SCRIPT_CYRL, c->text.data, c->text.len, 0, NULL, NULL, &c->ts,
                    &err) ||
        tt_matcher_run(c->m, TT_LANG_KK, &c->ts, TT_OVERLAP_LONGEST, &c->hits, &nh, &c->caph, &err) ||
        tt_matcher_run(c->m1, TT_LANG_KK, &c->ts, TT_OVERLAP_LONGEST, &c->hits1, &nh1, &c->caph1, &err))
        return -1;
    const uint32_t *keys;
    size_t nk = tt_matcher_names(c->m, &keys);
    for (size_t i = 0; i < nh1; i++) {
        uint32_t tok = c->hits1[i].first;
        size_t g = gold_at(c, c->ts.tok[tok].start);
        if (g == SIZE_MAX)
            continue;
        int before = 0, after = 0;
        for (size_t k = 0; k < nh; k++) {
            const tt_hit *h = &c->hits[k];
            if ((long)h->concept != c->cit || h->first > tok || tok > h->last)
                continue;
            before = 1;
            int dropped = 0;
            for (size_t j = 0; j < nk && h->name; j++)
                dropped |= keys[j] == h->name;
            after |= !dropped;
        }
        if (c->isname[g]) {
            t->names++;
            t->names_before += (size_t)before;
            t->names_after += (size_t)after;
        } else {
            t->words++;
            t->words_before += (size_t)before;
            t->words_after += (size_t)after;
        }
        if (getenv("TT_VERBOSE") && before != after)
            fprintf(stderr, "  %s dropped: %.60s\n", c->isname[g] ? "name" : "WORD",
                    c->text.data + c->ts.tok[tok].start);
    }
    tt_buf_reset(&c->text);
    c->ntok = 0;
    return 0;
}

/* UD CoNLL-U: documents by the file named in sent_id; names = UPOS PROPN. Returns 1 if the file is missing. */
static int
run_ud(nctx *c, const char *path, tally *t)
{
    size_t n;
    char *s = tt_test_slurp(path, &n);
    if (!s)
        return 1;
    char doc[256] = "";
    int first = 1, rc = 0;
    for (char *p = s, *end = s + n; p < end && !rc;) {
        char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        *e = 0;
        char *line = p;
        p = e + 1;
        if (!strncmp(line, "# sent_id = ", 12)) {
            const char *id = line + 12, *colon = strchr(id, ':');
            size_t l = colon ? (size_t)(colon - id) : strlen(id);
            if (l >= sizeof doc)
                l = sizeof doc - 1;
            if (strncmp(doc, id, l) != 0 || doc[l] != 0) {
                rc = run_doc(c, t);
                memcpy(doc, id, l);
                doc[l] = 0;
            }
            first = 1;
            continue;
        }
        if (!line[0] || line[0] == '#')
            continue;
        char *f[5] = {line};
        int k = 1;
        for (char *q = line; *q && k < 5; q++)
            if (*q == '\t') {
                *q = 0;
                f[k++] = q + 1;
            }
        if (k < 5 || strchr(f[0], '-') || strchr(f[0], '.'))
            continue; /* multiword-token ranges and empty nodes */
        add_token(c, f[1], strlen(f[1]), !strcmp(f[3], "PROPN"), first);
        first = 0;
    }
    if (!rc)
        rc = run_doc(c, t);
    free(s);
    return rc;
}

/* KazNERD IOB2: pseudo-documents of `window` sentences (0 = the whole file). */
static int
run_nerd(nctx *c, const char *path, size_t window, tally *t)
{
    size_t n;
    char *s = tt_test_slurp(path, &n);
    if (!s)
        return 1;
    size_t nsent = 0;
    int first = 1, rc = 0;
    for (char *p = s, *end = s + n; p <= end && !rc;) {
        char *e = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        if (!e)
            e = end;
        char *line = p;
        size_t l = (size_t)(e - line);
        if (l && line[l - 1] == '\r')
            l--;
        p = e + 1;
        if (!l) {
            if (!first && window && ++nsent % window == 0)
                rc = run_doc(c, t);
            first = 1;
            if (e == end)
                break;
            continue;
        }
        const char *sp = NULL;
        for (size_t i = l; i > 0 && !sp; i--)
            if (line[i - 1] == ' ')
                sp = line + i - 1;
        if (sp) {
            const char *tag = sp + 1;
            size_t tl = (size_t)(line + l - tag);
            int name = (tl == 8 && (!memcmp(tag, "B-PERSON", 8) || !memcmp(tag, "I-PERSON", 8)));
            add_token(c, line, (size_t)(sp - line), name, first);
            first = 0;
        }
        if (e == end)
            break;
    }
    if (!rc)
        rc = run_doc(c, t);
    free(s);
    return rc;
}

static void
print(const char *what, const tally *t)
{
    fprintf(stderr,
            "%s: names %zu, counted as citizenship %zu before, %zu after; other words %zu, counted %zu before, "
            "%zu after\n",
            what, t->names, t->names_before, t->names_after, t->words, t->words_before, t->words_after);
}

static void
test_names(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: one sense per document not measured");
        return;
    }
    nctx c;
    tt_error err;
    char msg[1200], lexpath[4096], path[4096];
    memset(&c, 0, sizeof c);
    tt_error_clear(&err);
    snprintf(lexpath, sizeof lexpath, "%s/diaspora", tt_data_dir());
    static const char one[] = "concept citizenship status\nkk citizenship lemma азамат\n";
    if (tt_normalizer_new(&c.nz, NULL, &err) || tt_tokenizer_new(&c.tk, NULL, &err) ||
        tt_lexicon_load(&c.lx, lexpath, NULL, c.nz, &err) || tt_matcher_new(&c.m, c.lx, &err) ||
        tt_lexicon_load_mem(&c.lx1, "one.lex", one, sizeof one - 1, NULL, c.nz, &err) ||
        tt_matcher_new(&c.m1, c.lx1, &err)) {
        fprintf(stderr, "setup: %s\n", tt_error_format(&err, msg, sizeof msg));
        CU_FAIL_FATAL("setup");
    }
    c.cit = tt_lexicon_find_concept(c.lx, "citizenship");
    CU_ASSERT_FATAL(c.cit >= 0);
    tt_tokseq_init(&c.ts);

    tally ud = {0};
    snprintf(path, sizeof path, "%s/corpus/ud/kk_ktb-ud-test.conllu", sh);
    int rc = run_ud(&c, path, &ud);
    CU_ASSERT(rc >= 0);
    if (rc > 0) {
        tt_test_skip(TT_SKIP_SHARED, "%s not found", path);
    } else {
        print("UD kk (documents from sent_id)", &ud);
        CU_ASSERT(ud.names >= 15 && ud.words >= 3);    /* the data is there (measured: 20 and 3) */
        CU_ASSERT(ud.words_after == ud.words_before); /* no common noun lost */
        CU_ASSERT(ud.names_after <= ud.names_before);
        CU_ASSERT(ud.names_before >= ud.names_after + 4); /* the story's sentence-initial Азамат are out */
    }
    static const size_t windows[] = {1, 50, 0};
    for (size_t w = 0; w < 3; w++) {
        tally t = {0};
        int any = 0;
        static const char *files[] = {"IOB2_test.txt", "IOB2_valid.txt"};
        for (size_t f = 0; f < 2; f++) {
            snprintf(path, sizeof path, "%s/corpus/kaznerd/%s", sh, files[f]);
            rc = run_nerd(&c, path, windows[w], &t);
            CU_ASSERT(rc >= 0);
            any |= rc == 0;
        }
        if (!any) {
            tt_test_skip(TT_SKIP_SHARED, "KazNERD not found");
            break;
        }
        char what[96];
        snprintf(what, sizeof what, "KazNERD, %s", !windows[w] ? "each split one document (worst case)"
                                               : windows[w] == 1 ? "each sentence one document"
                                                                 : "documents of 50 sentences");
        print(what, &t);
        CU_ASSERT(t.names_after <= t.names_before);
    }
    free(c.hits);
    free(c.hits1);
    free(c.tstart);
    free(c.isname);
    tt_buf_free(&c.text);
    tt_tokseq_free(&c.ts);
    tt_matcher_free(c.m);
    tt_matcher_free(c.m1);
    tt_lexicon_free(c.lx);
    tt_lexicon_free(c.lx1);
    tt_tokenizer_free(c.tk);
    tt_normalizer_free(c.nz);
}

static void
reg(void)
{
    tt_test_suite("names", "one sense per document: UD kk and KazNERD, names out and nouns in", test_names, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
