/* test_count.c - tt_context_parse, tt_counter: tf, co-occurrence per context (computed by hand in the
 * comments), hit lines, KWIC trimming, vocabulary n-grams, errors; and the docres reader. */
#include "support.h"
#include "tt/count.h"
#include "tt/docres.h"
#include "tt/kwic.h"
#include "tt/utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *const ids[] = {"A", "B", "C"};

static void
test_context_parse(void)
{
    tt_context c[8];
    size_t n;
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_EQUAL(tt_context_parse("window5, sentence,document,wwindow3,sentence", c, 8, &n, &e), 0);
    CU_ASSERT_EQUAL(n, 4);
    CU_ASSERT_EQUAL(c[0].kind, TT_CTX_WINDOW);
    CU_ASSERT_EQUAL(c[0].n, 5);
    CU_ASSERT_STRING_EQUAL(c[0].name, "window5");
    CU_ASSERT_EQUAL(c[1].kind, TT_CTX_SENTENCE);
    CU_ASSERT_EQUAL(c[2].kind, TT_CTX_DOCUMENT);
    CU_ASSERT_EQUAL(c[3].kind, TT_CTX_WINDOW_WEIGHTED);
    CU_ASSERT_EQUAL(c[3].n, 3);
    CU_ASSERT_EQUAL(tt_context_parse("window0", c, 8, &n, &e), TT_EUSAGE);
    CU_ASSERT_EQUAL(tt_context_parse("window", c, 8, &n, &e), TT_EUSAGE);
    CU_ASSERT_EQUAL(tt_context_parse("clause", c, 8, &n, &e), TT_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "clause"));
    CU_ASSERT_EQUAL(tt_context_parse("", c, 8, &n, &e), TT_EUSAGE);
    CU_ASSERT_EQUAL(tt_context_parse("sentence,document", c, 1, &n, &e), TT_EUSAGE);
}

static void
hit(tt_dochit *h, uint32_t concept, uint64_t f, uint64_t l, uint32_t sent, uint32_t para, uint32_t art)
{
    memset(h, 0, sizeof *h);
    h->concept = concept;
    h->entry = "e";
    h->tok_first = f;
    h->tok_last = l;
    h->start = f * 10;
    h->end = l * 10 + 5;
    h->sent = sent;
    h->para = para;
    h->article = art;
    h->article_label = art ? "Статья 1" : "";
    h->surface = "s";
    h->surface_len = 1;
}

static int
has_line(const char *rec, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = rec; (p = strstr(p, line)) != NULL; p++)
        if ((p == rec || p[-1] == '\n') && p[n] == '\n')
            return 1;
    return 0;
}

static size_t
count_prefix(const char *rec, const char *prefix)
{
    size_t k = 0, n = strlen(prefix);
    for (const char *p = rec; *p;) {
        if (!strncmp(p, prefix, n))
            k++;
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    return k;
}

/* Five hits, concepts A B A C B:
 *   h0 A tok 0..0  sent 0 para 0 article 0
 *   h1 B tok 1..2  sent 0 para 0 article 1
 *   h2 A tok 4..4  sent 1 para 0 article 1
 *   h3 C tok 5..5  sent 1 para 1 article 1
 *   h4 B tok 9..9  sent 2 para 1 article 2
 * window2 (d = first(later) - last(earlier)): h0-h1 d=1 AB; h1-h2 d=2 AB; h2-h3 d=1 AC; h0-h2 d=4, h1-h3 d=3,
 *   h2-h4 d=5, h3-h4 d=4 too far. Diagonal = hits: A2 B2 C1; AB 2, AC 1.
 * wwindow2: AB 1/1 + 1/2 = 1.5, AC 1/1 = 1.
 * sentence: s0 {A,B} s1 {A,C} s2 {B}: A2 B2 C1, AB1 AC1.
 * paragraph: p0 {A,B} p1 {C,B}: A1 B2 C1, AB1 BC1.
 * article: h0 is in none; a1 {B,A,C} a2 {B}: A1 B2 C1, AB1 AC1 BC1.
 * document: A1 B1 C1, AB1 AC1 BC1. */
static void
test_counter_cooc_by_hand(void)
{
    tt_context ctx[8];
    size_t nctx;
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(
        tt_context_parse("window2,wwindow2,sentence,paragraph,article,document", ctx, 8, &nctx, &e), 0);
    tt_count_opts o = {.contexts = ctx, .ncontexts = nctx, .vocab = 0, .stem = 0, .ngrams = 1, .kwic_chars = 0};
    tt_counter *c;
    CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
    tt_counter_begin(c);
    tt_dochit h;
    hit(&h, 0, 0, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 1, 1, 2, 0, 0, 1);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 0, 4, 4, 1, 0, 1);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 2, 5, 5, 1, 1, 1);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 1, 9, 9, 2, 1, 2);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    const char *mk[] = {"doc_id", "country"}, *mv[] = {"d1", "KZ"};
    const char *sk[] = {"tokens", "status"}, *sv[] = {"10", "ok"};
    tt_buf out = {0};
    CU_ASSERT_EQUAL_FATAL(tt_counter_end(c, mk, mv, 2, sk, sv, 2, &out, &e), 0);
    const char *r = out.data;
#define HEAD "docres\t2\nmeta\tdoc_id\td1\nmeta\tcountry\tKZ\nstat\ttokens\t10\nstat\tstatus\tok\n"          \
             "stat\thits_text\t5\nstat\thits_quoted\t0\nstat\thits_note\t0\nstat\thits_repealed\t0\n"          \
             "tf\tA\t2\ntf\tB\t2\ntf\tC\t1\n"
    CU_ASSERT(!strncmp(r, HEAD, strlen(HEAD)));
#undef HEAD
    /* window2 */
    CU_ASSERT(has_line(r, "cooc\twindow2\tA\tA\t2"));
    CU_ASSERT(has_line(r, "cooc\twindow2\tA\tB\t2"));
    CU_ASSERT(has_line(r, "cooc\twindow2\tA\tC\t1"));
    CU_ASSERT(has_line(r, "cooc\twindow2\tB\tB\t2"));
    CU_ASSERT(has_line(r, "cooc\twindow2\tC\tC\t1"));
    CU_ASSERT_EQUAL(count_prefix(r, "cooc\twindow2\t"), 5);
    /* wwindow2 */
    CU_ASSERT(has_line(r, "cooc\twwindow2\tA\tB\t1.5"));
    CU_ASSERT(has_line(r, "cooc\twwindow2\tA\tC\t1"));
    CU_ASSERT_EQUAL(count_prefix(r, "cooc\twwindow2\t"), 5);
    /* sentence */
    CU_ASSERT(has_line(r, "cooc\tsentence\tA\tA\t2"));
    CU_ASSERT(has_line(r, "cooc\tsentence\tB\tB\t2"));
    CU_ASSERT(has_line(r, "cooc\tsentence\tC\tC\t1"));
    CU_ASSERT(has_line(r, "cooc\tsentence\tA\tB\t1"));
    CU_ASSERT(has_line(r, "cooc\tsentence\tA\tC\t1"));
    CU_ASSERT_EQUAL(count_prefix(r, "cooc\tsentence\t"), 5);
    /* paragraph */
    CU_ASSERT(has_line(r, "cooc\tparagraph\tA\tA\t1"));
    CU_ASSERT(has_line(r, "cooc\tparagraph\tB\tB\t2"));
    CU_ASSERT(has_line(r, "cooc\tparagraph\tA\tB\t1"));
    CU_ASSERT(has_line(r, "cooc\tparagraph\tB\tC\t1"));
    CU_ASSERT_EQUAL(count_prefix(r, "cooc\tparagraph\t"), 5);
    /* article */
    CU_ASSERT(has_line(r, "cooc\tarticle\tA\tA\t1"));
    CU_ASSERT(has_line(r, "cooc\tarticle\tB\tB\t2"));
    CU_ASSERT(has_line(r, "cooc\tarticle\tB\tC\t1"));
    CU_ASSERT_EQUAL(count_prefix(r, "cooc\tarticle\t"), 6);
    /* document */
    CU_ASSERT(has_line(r, "cooc\tdocument\tA\tA\t1"));
    CU_ASSERT(has_line(r, "cooc\tdocument\tA\tC\t1"));
    CU_ASSERT_EQUAL(count_prefix(r, "cooc\tdocument\t"), 6);
    /* hits: 1-based sentence, article label, escapes */
    CU_ASSERT(has_line(r, "hit\tB\te\t10\t25\t1\tСтатья 1\ts\t\t\t\ttext\t"));
    CU_ASSERT_EQUAL(count_prefix(r, "hit\t"), 5);
    CU_ASSERT(has_line(r, "end\td1"));
    /* the counter is reset: an empty document gives no tf/cooc/hit lines */
    tt_buf_reset(&out);
    tt_counter_begin(c);
    CU_ASSERT_EQUAL(tt_counter_end(c, mk, mv, 2, sk, sv, 2, &out, &e), 0);
    CU_ASSERT_EQUAL(count_prefix(out.data, "tf\t") + count_prefix(out.data, "cooc\t"), 0);
    tt_buf_free(&out);
    tt_counter_free(c);
}

/* Overlapping and nested hits: A tok 0..2 and B tok 1..1 have d = 1 - 2 < 0: they count (as distance 0 ->
 * weight 1/max(0,1) = 1). Two hits of the same concept add nothing off the diagonal. */
static void
test_counter_overlap(void)
{
    tt_context ctx[2];
    size_t nctx;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(tt_context_parse("window1,wwindow1", ctx, 2, &nctx, &e), 0);
    tt_count_opts o = {.contexts = ctx, .ncontexts = nctx, .vocab = 0, .stem = 0, .ngrams = 1, .kwic_chars = 0};
    tt_counter *c;
    CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
    tt_counter_begin(c);
    tt_dochit h;
    hit(&h, 0, 0, 2, 0, 0, 0);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 1, 1, 1, 0, 0, 0);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 1, 2, 2, 0, 0, 0); /* B again: B-B adds nothing; A-B d = 2-2 = 0 counts */
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    const char *mk[] = {"doc_id"}, *mv[] = {"x"};
    tt_buf out = {0};
    CU_ASSERT_EQUAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), 0);
    CU_ASSERT(has_line(out.data, "cooc\twindow1\tA\tB\t2"));
    CU_ASSERT(has_line(out.data, "cooc\twindow1\tB\tB\t2"));
    CU_ASSERT(has_line(out.data, "cooc\twwindow1\tA\tB\t2"));
    tt_buf_free(&out);
    tt_counter_free(c);
}

static void
test_counter_errors(void)
{
    tt_error e;
    tt_count_opts o = {.contexts = NULL, .ncontexts = 0, .vocab = 0, .stem = 0, .ngrams = 1, .kwic_chars = 0};
    tt_counter *c;
    CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
    tt_counter_begin(c);
    tt_dochit h;
    hit(&h, 3, 0, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), TT_EUSAGE);
    hit(&h, 0, 5, 5, 0, 0, 0);
    h.concept_id = "B";
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), TT_EUSAGE);
    h.concept_id = "A";
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    hit(&h, 1, 4, 4, 0, 0, 0);
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), TT_EUSAGE); /* out of order */
    tt_buf out = {0};
    const char *mk[] = {"path"}, *mv[] = {"a.txt"};
    CU_ASSERT_EQUAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), TT_EUSAGE); /* no doc_id */
    tt_buf_free(&out);
    tt_counter_free(c);
    tt_context bad = {TT_CTX_WINDOW, 0, "window0"};
    tt_count_opts o2 = {.contexts = &bad, .ncontexts = 1, .vocab = 0, .stem = 0, .ngrams = 1, .kwic_chars = 0};
    CU_ASSERT_EQUAL(tt_counter_new(&c, ids, 3, &o2, &e), TT_EUSAGE);
    CU_ASSERT_PTR_NULL(c);
}

/* KWIC: kwic_chars 3 keeps the last 3 characters of left and the first 3 of right (UTF-8 aware); tabs and
 * backslashes in fields are escaped. */
static void
test_counter_kwic_and_escapes(void)
{
    tt_error e;
    tt_count_opts o = {.contexts = NULL, .ncontexts = 0, .vocab = 0, .stem = 0, .ngrams = 1, .kwic_chars = 3};
    tt_counter *c;
    CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
    tt_counter_begin(c);
    tt_dochit h;
    hit(&h, 2, 0, 0, 0, 0, 0);
    h.left = "абвгд";
    h.left_len = strlen(h.left);
    h.right = "ежзий";
    h.right_len = strlen(h.right);
    h.surface = "a\tb\\";
    h.surface_len = 4;
    h.form = "ab";
    h.form_len = 2;
    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
    const char *mk[] = {"doc_id"}, *mv[] = {"x"};
    tt_buf out = {0};
    CU_ASSERT_EQUAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), 0);
    CU_ASSERT(has_line(out.data, "hit\tC\te\t0\t5\t1\t\ta\\tb\\\\\tвгд\tежз\tab\ttext\t"));
    tt_buf_free(&out);
    tt_counter_free(c);
}

/* Terms "a b a | c a" (| = sentence break), n-grams up to 3:
 *   unigrams a 3, b 1, c 1; bigrams "a b" 1, "b a" 1, "c a" 1 (never "a c"); trigram "a b a" 1. */
static void
test_counter_vocab_ngrams(void)
{
    tt_error e;
    tt_count_opts o = {.contexts = NULL, .ncontexts = 0, .vocab = 1, .stem = 0, .ngrams = 3, .kwic_chars = 0};
    tt_counter *c;
    CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
    tt_counter_begin(c);
    CU_ASSERT_EQUAL(tt_counter_token(c, "a", 1, 1, &e), 0);
    CU_ASSERT_EQUAL(tt_counter_token(c, "b", 1, 0, &e), 0);
    CU_ASSERT_EQUAL(tt_counter_token(c, "a", 1, 0, &e), 0);
    CU_ASSERT_EQUAL(tt_counter_token(c, "c", 1, 1, &e), 0);
    CU_ASSERT_EQUAL(tt_counter_token(c, "a", 1, 0, &e), 0);
    const char *mk[] = {"doc_id"}, *mv[] = {"x"};
    tt_buf out = {0};
    CU_ASSERT_EQUAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "docres\t2\nmeta\tdoc_id\tx\n"
                                     "stat\thits_text\t0\nstat\thits_quoted\t0\nstat\thits_note\t0\n"
                                     "stat\thits_repealed\t0\n"
                                     "vocab\ta\t3\t2\t0\t\t0\nvocab\ta b\t1\t1\t0\t\t0\nvocab\ta b a\t1\t1\t0\t\t0\n"
                                     "vocab\tb\t1\t1\t0\t\t0\nvocab\tb a\t1\t1\t0\t\t0\n"
                                     "vocab\tc\t1\t1\t0\t\t0\nvocab\tc a\t1\t1\t0\t\t0\nend\tx\n");
    tt_buf_free(&out);
    tt_counter_free(c);
}

/* Roles and names: hits A(text) B(quoted) A(note) C(text, name key 7) A(repealed) B(text, name key 9):
 * every hit not dropped is listed with its role; tf, cooc and the hits_* stats count as documented; with the
 * name key 7 used by the document, C's hit is dropped (not listed, not counted); count_all counts every role. */
static void
test_counter_roles_names(void)
{
    tt_context ctx[1];
    size_t nctx;
    tt_error e;
    tt_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(tt_context_parse("sentence", ctx, 1, &nctx, &e), 0);
    for (int all = 0; all < 2; all++) {
        tt_count_opts o = {.contexts = ctx, .ncontexts = nctx, .ngrams = 1, .count_all = all};
        tt_counter *c;
        CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
        tt_counter_begin(c);
        static const struct {
            uint32_t concept;
            tt_role role;
            uint32_t name;
        } hs[] = {{0, TT_ROLE_TEXT, 0},     {1, TT_ROLE_QUOTED, 0},   {0, TT_ROLE_NOTE, 0},
                  {2, TT_ROLE_TEXT, 7},     {0, TT_ROLE_REPEALED, 0}, {1, TT_ROLE_TEXT, 9}};
        for (uint64_t i = 0; i < 6; i++) {
            tt_dochit h;
            hit(&h, hs[i].concept, i, i, 0, 0, 0);
            h.role = hs[i].role;
            h.name = hs[i].name;
            CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
        }
        CU_ASSERT_EQUAL(tt_counter_name(c, 7, &e), 0);
        CU_ASSERT_EQUAL(tt_counter_name(c, 7, &e), 0); /* once is enough */
        const char *mk[] = {"doc_id"}, *mv[] = {"x"};
        tt_buf out = {0};
        CU_ASSERT_EQUAL_FATAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), 0);
        const char *r = out.data;
        CU_ASSERT(has_line(r, "stat\thits_text\t2"));
        CU_ASSERT(has_line(r, "stat\thits_quoted\t1"));
        CU_ASSERT(has_line(r, "stat\thits_note\t1"));
        CU_ASSERT(has_line(r, "stat\thits_repealed\t1"));
        CU_ASSERT_EQUAL(count_prefix(r, "hit\t"), 5);
        CU_ASSERT_EQUAL(count_prefix(r, "hit\tC\t"), 0); /* the name's hit is gone */
        CU_ASSERT(has_line(r, "hit\tB\te\t10\t15\t1\t\ts\t\t\t\tquoted\t"));
        CU_ASSERT(has_line(r, "hit\tA\te\t40\t45\t1\t\ts\t\t\t\trepealed\t"));
        CU_ASSERT(has_line(r, all ? "tf\tA\t3" : "tf\tA\t1"));
        CU_ASSERT(has_line(r, all ? "tf\tB\t2" : "tf\tB\t1"));
        CU_ASSERT_EQUAL(count_prefix(r, "tf\tC\t"), 0);
        CU_ASSERT(has_line(r, "cooc\tsentence\tA\tB\t1"));
        CU_ASSERT_EQUAL(count_prefix(r, "cooc\tsentence\tA\tC"), 0);
        tt_buf_free(&out);
        /* the next document starts without the name */
        tt_counter_begin(c);
        tt_dochit h;
        hit(&h, 2, 0, 0, 0, 0, 0);
        h.name = 7;
        CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
        CU_ASSERT_EQUAL_FATAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), 0);
        CU_ASSERT(has_line(out.data, "tf\tC\t1"));
        tt_buf_free(&out);
        tt_counter_free(c);
    }
}

/* Collocates take only what counts: the quoted hit B is no centre (unless count_all), the name's hit C is dropped
 * at the end (its words wait), and a quoted token the caller left out (gap) is no collocate and no position. */
static void
test_counter_collocates_roles(void)
{
    static const char *const terms[] = {"ta", "tb", "tc", "td", "te", "tf", "tg", "th"};
    for (int v = 0; v < 4; v++) {
        int all = v & 1, named = v >> 1; /* without a name the words are counted at each flush */
        tt_error e;
        tt_context cx = {TT_CTX_WINDOW, 2, "window2"};
        tt_count_opts o = {.vocab = 1, .ngrams = 1, .coll = &cx, .ncoll = 1, .count_all = all};
        tt_counter *c;
        CU_ASSERT_EQUAL_FATAL(tt_counter_new(&c, ids, 3, &o, &e), 0);
        tt_counter_begin(c);
        for (int piece = 0; piece < 2; piece++) {
            tt_dochit h;
            if (piece == 0) {
                hit(&h, 0, 2, 2, 0, 0, 0);
                CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
            } else {
                hit(&h, 1, 5, 5, 0, 0, 0);
                h.role = TT_ROLE_QUOTED;
                CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
                hit(&h, 2, 7, 7, 0, 0, 0);
                h.name = 7;
                if (named)
                    CU_ASSERT_EQUAL(tt_counter_hit(c, &h, &e), 0);
            }
            int gap = 0;
            for (uint64_t t = (uint64_t)piece * 4; t < (uint64_t)piece * 4 + 4; t++) {
                if (t == 1 && !all) { /* a quoted token: the caller leaves it out */
                    gap = 1;
                    continue;
                }
                tt_docword w = {.term = terms[t], .n = 2, .tok = t, .gap = gap};
                gap = 0;
                CU_ASSERT_EQUAL(tt_counter_word(c, &w, &e), 0);
            }
            CU_ASSERT_EQUAL(tt_counter_flush(c, 0, &e), 0);
        }
        CU_ASSERT_EQUAL(tt_counter_name(c, 7, &e), 0);
        const char *mk[] = {"doc_id"}, *mv[] = {"x"};
        tt_buf out = {0};
        CU_ASSERT_EQUAL_FATAL(tt_counter_end(c, mk, mv, 1, NULL, NULL, 0, &out, &e), 0);
        const char *r = out.data;
        CU_ASSERT(has_line(r, "coll\twindow2\tA\tta\t1"));
        CU_ASSERT(has_line(r, "coll\twindow2\tA\ttd\t1"));
        CU_ASSERT(has_line(r, "coll\twindow2\tA\tte\t1"));
        CU_ASSERT_EQUAL(count_prefix(r, "coll\twindow2\tA\ttb\t"), all);
        CU_ASSERT(has_line(r, all ? "collc\twindow2\tA\t1\t4" : "collc\twindow2\tA\t1\t3"));
        CU_ASSERT_EQUAL(count_prefix(r, "coll\twindow2\tB\t"), all ? 4 : 0);
        CU_ASSERT_EQUAL(count_prefix(r, "coll\twindow2\tC\t"), 0);
        CU_ASSERT_EQUAL(count_prefix(r, "collc\twindow2\tC\t"), 0);
        CU_ASSERT(has_line(r, "vocab\ttb\t1\t1\t1\t\t0") == all);
        tt_buf_free(&out);
        tt_counter_free(c);
    }
}

static void
test_docres_reader(void)
{
    const char *t = "docres\t2\nmeta\tti\\ttle\ta\\\\b\nhit\tA\te\t1\t2\t1\t\ts\tl\tr\tf\tnote\t3\nend\tx\n";
    tt_docres_reader r;
    tt_docres_line ln;
    tt_error e;
    tt_docres_reader_init(&r, t, strlen(t));
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &e), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_HEADER);
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &e), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_META);
    CU_ASSERT_STRING_EQUAL(ln.f[0], "ti\ttle");
    CU_ASSERT_STRING_EQUAL(ln.f[1], "a\\b");
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &e), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_HIT);
    CU_ASSERT_EQUAL(ln.nf, 12);
    CU_ASSERT_STRING_EQUAL(ln.f[10], "note");
    CU_ASSERT_STRING_EQUAL(ln.f[11], "3");
    CU_ASSERT_EQUAL(ln.n[5], 0);
    CU_ASSERT_STRING_EQUAL(ln.f[9], "f");
    CU_ASSERT_STRING_EQUAL(ln.f[10], "note");
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &e), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_END);
    CU_ASSERT_EQUAL(ln.lineno, 4);
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &e), 0);
    tt_docres_reader_free(&r);
    const char *bad[] = {"tf\tA\n", "nope\t1\n", "tf\tA\t1\t2\n", "end\tx", "meta\ta\\qb\tc\n", "\n"};
    const int ok_first[] = {0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tt_docres_reader_init(&r, bad[i], strlen(bad[i]));
        CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &e) == TT_ESYNTAX, !ok_first[i]);
        CU_ASSERT_EQUAL(e.line, 1);
        tt_docres_reader_free(&r);
    }
}

/* tt_docres_check accepts what tt_counter_end writes and refuses damaged records (as a cache may hold). */
static void
test_docres_check(void)
{
    tt_error e;
    size_t n;
    const char *good = "docres\t2\nmeta\tdoc_id\tx\nstat\ttokens\t3\ntf\tA\t1\nend\tx\n"
                       "docres\t2\nmeta\tdoc_id\ty\nend\ty\n";
    CU_ASSERT_EQUAL(tt_docres_check(good, strlen(good), &n, &e), 0);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(tt_docres_check("", 0, &n, &e), 0);
    CU_ASSERT_EQUAL(n, 0);
    /* cut anywhere inside: refused */
    for (size_t cut = 1; cut < strlen(good); cut++) {
        if (good[cut - 1] == '\n' && !strncmp(good + cut, "docres", 6))
            continue; /* a cut between two records is a valid shorter stream */
        CU_ASSERT_NOT_EQUAL(tt_docres_check(good, cut, &n, &e), 0);
    }
    const char *bad[] = {"docres\t1\nmeta\tdoc_id\tx\nend\tx\n", "docres\t2\nmeta\tdoc_id\tx\nend\ty\n",
                         "docres\t2\nmeta\tpath\tx\nend\tx\n", "docres\t2\ntf\tA\t1\nend\tx\n",
                         "docres\t2\nmeta\tdoc_id\tx\ntf\tA\t1\nstat\tk\tv\nend\tx\n",
                         "meta\tdoc_id\tx\n"};
    int want[] = {TT_EFORMAT, TT_ESYNTAX, TT_ESYNTAX, TT_ESYNTAX, TT_ESYNTAX, TT_ESYNTAX};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(tt_docres_check(bad[i], strlen(bad[i]), NULL, &e), want[i]);
}

/* tt_kwic (eight bytes at a time) against the byte loop it replaced, at every 97th character boundary of each
 * text of ../shared/corpus and of generated text with line breaks, tabs, and cut UTF-8 sequences. */
static void
kwic_ref(const char *s, size_t n, size_t start, size_t end, size_t chars, tt_buf *left, tt_buf *right)
{
    size_t a = start, k = 0;
    while (a > 0 && k < chars) {
        a = tt_utf8_floor(s, a - 1);
        k++;
    }
    size_t b = end;
    for (k = 0; b < n && k < chars; k++) {
        b++;
        while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80)
            b++;
    }
    for (size_t i = a; i < start; i++)
        tt_buf_putc(left, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
    for (size_t i = end; i < b; i++)
        tt_buf_putc(right, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
}

static long kwic_checked, kwic_bad;

static void
kwic_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    tt_buf l1 = {0}, r1 = {0}, l2 = {0}, r2 = {0};
    for (size_t p = 0, q = 0; p < n; p++) {
        if (((unsigned char)text[p] & 0xC0) == 0x80 || q++ % 97)
            continue;
        size_t e = p + 1;
        while (e < n && ((unsigned char)text[e] & 0xC0) == 0x80)
            e++;
        for (size_t chars = 3; chars <= 60; chars += 57) {
            tt_buf_reset(&l1);
            tt_buf_reset(&r1);
            tt_buf_reset(&l2);
            tt_buf_reset(&r2);
            tt_buf_puts(&l1, "x");
            tt_buf_puts(&l2, "x");
            kwic_ref(text, n, p, e, chars, &l1, &r1);
            if (tt_kwic(text, n, p, e, chars, &l2, &r2) || l1.len != l2.len || r1.len != r2.len ||
                memcmp(l1.data, l2.data, l1.len) || (r1.len && memcmp(r1.data, r2.data, r1.len)))
                kwic_bad++;
            kwic_checked++;
        }
    }
    tt_buf_free(&l1);
    tt_buf_free(&r1);
    tt_buf_free(&l2);
    tt_buf_free(&r2);
}

static void
test_kwic_vs_bytes(void)
{
    uint64_t st = 88172645463325252ull;
    static const char *const parts[] = {"word ", "\n", "\r\n", "\t", "\xd1\x81\xd0\xbb", "\xe2\x80\x9c", "\x80",
                                        "\xd0", "0123456789abcdef", " \x0d\x0e\x09\x0a"};
    for (int round = 0; round < 200; round++) {
        tt_buf t = {0};
        size_t len = tt_test_xorshift(&st) % 300;
        while (t.len < len)
            tt_buf_puts(&t, parts[tt_test_xorshift(&st) % (sizeof parts / sizeof parts[0])]);
        if (t.len)
            kwic_text(t.data, t.len, "generated", NULL);
        tt_buf_free(&t);
    }
    tt_test_corpus("KWIC against the byte loop", kwic_text, NULL);
    CU_ASSERT(kwic_checked > 0);
    CU_ASSERT_EQUAL(kwic_bad, 0);
}

static void
reg(void)
{
    tt_test_suite("count", "context lists parse, bad items are named", test_context_parse,
                  "co-occurrence per context matches the hand count", test_counter_cooc_by_hand,
                  "overlapping hits count in windows, same-concept pairs do not", test_counter_overlap,
                  "bad hits and records are refused", test_counter_errors,
                  "KWIC is trimmed by characters and fields are escaped", test_counter_kwic_and_escapes,
                  "vocabulary n-grams never cross a sentence break", test_counter_vocab_ngrams,
                  "roles: every hit listed, text counted; names dropped", test_counter_roles_names,
                  "collocates: counted hits and text words only", test_counter_collocates_roles,
                  "the docres reader unescapes fields and rejects bad lines", test_docres_reader,
                  "tt_docres_check refuses damaged and truncated records", test_docres_check,
                  "KWIC context: the same bytes as the byte loop", test_kwic_vs_bytes, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
