/* test_docres.c - the differential test of the docres line reader (tt/docres.h): tt_docres_next (its fast path,
 * one SSE2 pass per line, unless built with -DTT_DOCRES_PLAIN) against tt_docres_next_plain, read in step over
 * the same text, comparing every result: return code, kind, fields (unescaped and raw), line numbers, the error
 * and the reader's position after each line, good lines and bad ones alike,
 *   - on records made of the text of every file of ../shared/corpus (SKIP, counted, when the folder is absent):
 *     hit, meta, vocab ... lines whose fields are slices of the text escaped as the counter writes them, then
 *     the same records with tabs, backslashes, newlines and other bytes written in at random;
 *   - on 100,000 generated texts of short lines from a small alphabet where the two could disagree (tags, tabs,
 *     backslashes and what may follow one, letters of one and two bytes), by a fixed xorshift generator;
 *   - and a few known answers. */
#include "support.h"
#include "tt/docres.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long compared, differ;
static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t
rnd(uint64_t n)
{
    return tt_test_xorshift(&rng) % n;
}

/* Both readers over s[0..n), line by line to the end (an error does not stop them: the next line is read). */
static void
compare_text(const char *s, size_t n)
{
    tt_docres_reader a, b;
    tt_docres_reader_init(&a, s, n);
    tt_docres_reader_init(&b, s, n);
    for (;;) {
        tt_docres_line la, lb;
        tt_error ea, eb;
        tt_error_clear(&ea);
        tt_error_clear(&eb);
        memset(&la, 0, sizeof la);
        memset(&lb, 0, sizeof lb);
        size_t pos = a.pos;
        int ra = tt_docres_next(&a, &la, &ea), rb = tt_docres_next_plain(&b, &lb, &eb);
        int ok = ra == rb && a.pos == b.pos && a.line == b.line;
        if (ok && ra == 1) {
            ok = la.kind == lb.kind && la.nf == lb.nf && la.lineno == lb.lineno;
            for (size_t i = 0; ok && i < la.nf; i++)
                ok = la.n[i] == lb.n[i] && memcmp(la.f[i], lb.f[i], la.n[i] + 1) == 0 && la.raw[i] == lb.raw[i] &&
                     la.rawn[i] == lb.rawn[i];
        } else if (ok && ra < 0) {
            ok = ea.code == eb.code && ea.line == eb.line && strcmp(ea.msg, eb.msg) == 0;
        }
        compared++;
        if (!ok && differ++ < 5)
            printf("docres: line %llu: fast rc %d (%s) plain rc %d (%s), pos %zu/%zu\n", (unsigned long long)a.line,
                   ra, ea.msg, rb, eb.msg, a.pos, b.pos);
        if (ra == 0 || rb == 0 || !ok || a.pos == pos) /* the end, or a last line without its newline */
            break;
    }
    tt_docres_reader_free(&a);
    tt_docres_reader_free(&b);
}

/* ---- records of corpus text ----------------------------------------------------------------------------- */
static const char *const tags[] = {"docres", "meta", "stat", "tf", "cooc", "hit", "vocab", "vform", "coll", "collc",
                                   "end"};
static const size_t nfields[] = {1, 2, 2, 2, 4, 12, 6, 3, 4, 4, 1};
#define NTAGS (sizeof tags / sizeof tags[0])

/* A slice of t[0..n) of up to max bytes (any bytes: the reader does not care about UTF-8), escaped. */
static void
put_slice(tt_buf *b, const char *t, size_t n, size_t max)
{
    size_t at = n ? rnd(n) : 0, len = rnd(max + 1);
    if (at + len > n)
        len = n - at;
    tt_buf_put_tsv(b, t + at, len);
}

static void
make_records(tt_buf *b, const char *t, size_t n, size_t lines)
{
    for (size_t l = 0; l < lines; l++) {
        size_t k = rnd(8) ? 5 : rnd(NTAGS); /* mostly hit lines */
        tt_buf_puts(b, tags[k]);
        size_t nf = nfields[k] + (rnd(50) == 0) - (rnd(50) == 0 && nfields[k] > 1);
        for (size_t f = 0; f < nf; f++) {
            tt_buf_putc(b, '\t');
            put_slice(b, t, n, f == 7 || f == 8 ? 120 : rnd(4) ? 12 : 60);
        }
        tt_buf_putc(b, '\n');
    }
}

static void
from_corpus(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    tt_buf b = {0};
    make_records(&b, text, n, 400);
    compare_text(b.data, b.len);
    /* spoiled: bytes that matter to the reader written in at random, one per 300 bytes or so */
    static const char spoil[] = "\t\\\n\\tnrx\0";
    for (size_t c = 0; c < b.len / 300 + 1; c++)
        b.data[rnd(b.len)] = spoil[rnd(sizeof spoil - 1)];
    compare_text(b.data, b.len);
    /* cut anywhere: a last line without its newline */
    compare_text(b.data, rnd(b.len + 1));
    tt_buf_free(&b);
}

static void
test_corpora(void)
{
    long before = compared;
    differ = 0;
    long files = tt_test_corpus("fast docres reader = plain reader on ../shared/corpus", from_corpus, NULL);
    if (files < 0)
        return;
    printf("docres: %ld files of ../shared/corpus, %ld lines compared, %ld differ\n", files, compared - before,
           differ);
    CU_ASSERT(files > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- generated texts ------------------------------------------------------------------------------------ */
static void
test_generated(void)
{
    static const char *const bits[] = {"a", "b", " ", "\t", "\\", "t", "n", "r", "\\\\", "\\t", "\xD0\xB0", "0",
                                       "\t\t", "\\x", "end", "hit"};
    tt_buf b = {0};
    long before = compared;
    differ = 0;
    for (int t = 0; t < 100000; t++) {
        tt_buf_reset(&b);
        size_t lines = 1 + rnd(6);
        for (size_t l = 0; l < lines; l++) {
            size_t k = rnd(NTAGS + 2);
            tt_buf_puts(&b, k < NTAGS ? tags[k] : k == NTAGS ? "hits" : "");
            size_t nf = k < NTAGS && rnd(3) ? nfields[k] : rnd(14);
            for (size_t f = 0; f < nf; f++) {
                tt_buf_putc(&b, '\t');
                size_t len = rnd(4) ? rnd(4) : rnd(40);
                for (size_t j = 0; j < len; j++)
                    tt_buf_puts(&b, rnd(3) ? "x" : bits[rnd(sizeof bits / sizeof bits[0])]);
            }
            if (l + 1 < lines || rnd(4))
                tt_buf_putc(&b, '\n');
        }
        compare_text(b.data, b.len);
    }
    tt_buf_free(&b);
    printf("docres: %ld generated lines compared, %ld differ\n", compared - before, differ);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- known answers -------------------------------------------------------------------------------------- */
static void
test_known(void)
{
    const char *s = "docres\t2\nmeta\tdoc_id\ta\\tb\\\\c\\nd\nend\ta\n";
    tt_docres_reader r;
    tt_docres_line ln;
    tt_error err;
    tt_docres_reader_init(&r, s, strlen(s));
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &err), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_HEADER);
    CU_ASSERT_STRING_EQUAL(ln.f[0], "2");
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &err), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_META);
    CU_ASSERT_EQUAL(ln.nf, 2);
    CU_ASSERT_STRING_EQUAL(ln.f[1], "a\tb\\c\nd");
    CU_ASSERT_EQUAL(ln.n[1], 7);
    CU_ASSERT_EQUAL(ln.rawn[1], 10);
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &err), 1);
    CU_ASSERT_EQUAL(ln.kind, TT_DR_END);
    CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &err), 0);
    tt_docres_reader_free(&r);
    const char *bad[] = {"meta\tx\\qy\tz\n", "meta\tx\n", "meta\tx\ty\tz\n", "metal\tx\ty\n", "end\tx"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tt_docres_reader_init(&r, bad[i], strlen(bad[i]));
        CU_ASSERT_EQUAL(tt_docres_next(&r, &ln, &err), TT_ESYNTAX);
        tt_docres_reader_free(&r);
        compare_text(bad[i], strlen(bad[i]));
    }
    compare_text(s, strlen(s));
    CU_ASSERT_EQUAL(differ, 0);
}

static void
reg(void)
{
    tt_test_suite("docres", "known answers", test_known, "fast reader = plain reader on 100,000 generated texts",
                  test_generated, "fast reader = plain reader on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
