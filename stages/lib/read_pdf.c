/* read_pdf.c - PDF -> text with poppler-glib: each page's text in reading order
 * (poppler_page_get_text), pages separated by a form feed, running headers and footers (lines at
 * the top or bottom of most pages, digits compared as one class so that page numbers match) listed
 * as note spans; a PDF without any text is refused (a scan without OCR), an encrypted one too (see
 * tt/read.h). */
#include <dlfcn.h>
#include <glib.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_impl.h"

#define EDGE_LINES 2 /* lines at the top and at the bottom of a page that may be running */

typedef struct cand {
    char *key;
    uint32_t page;
    uint64_t start, end; /* offsets in the final text */
} cand;

static int
cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->page > y->page) - (x->page < y->page);
}

static int
span_cmp(const void *a, const void *b)
{
    const tt_read_span *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* The comparison key of a line: trimmed, inner whitespace runs as one space, digit runs as '#'. */
static char *
line_key(const char *s, size_t n)
{
    char *k = malloc(n + 1);
    if (!k)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            if (j && k[j - 1] != ' ')
                k[j++] = ' ';
        } else if (c >= '0' && c <= '9') {
            if (!j || k[j - 1] != '#')
                k[j++] = '#';
        } else {
            k[j++] = c;
        }
    }
    while (j && k[j - 1] == ' ')
        j--;
    k[j] = 0;
    return k;
}

/* Adds the first and last EDGE_LINES non-empty lines of page text s[0..n) (at offset base) as
 * candidates. */
static int
add_edges(cand **cs, size_t *nc, size_t *cap, const char *s, size_t n, uint64_t base, uint32_t page)
{
    /* non-empty lines: the first EDGE_LINES and a ring of the last ones */
    size_t ls[64] = {0}, le[64] = {0}, nl = 0;
    size_t ring_s[EDGE_LINES] = {0}, ring_e[EDGE_LINES] = {0}, nring = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        size_t a = i, b = j;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b > a) {
            if (nl < EDGE_LINES)
                ls[nl] = a, le[nl] = b, nl++;
            ring_s[nring % EDGE_LINES] = a;
            ring_e[nring % EDGE_LINES] = b;
            nring++;
        }
        i = j + 1;
    }
    size_t first_tail = nring > EDGE_LINES ? nring - EDGE_LINES : 0;
    for (size_t r = first_tail; r < nring; r++) {
        size_t a = ring_s[r % EDGE_LINES];
        int dup = 0;
        for (size_t q = 0; q < nl; q++)
            dup |= ls[q] == a;
        if (!dup && nl < 64)
            ls[nl] = a, le[nl] = ring_e[r % EDGE_LINES], nl++;
    }
    for (size_t q = 0; q < nl; q++) {
        if (*nc == *cap) {
            *cap = *cap ? 2 * *cap : 64;
            cand *m = realloc(*cs, *cap * sizeof *m);
            if (!m)
                return TT_ENOMEM;
            *cs = m;
        }
        char *k = line_key(s + ls[q], le[q] - ls[q]);
        if (!k)
            return TT_ENOMEM;
        (*cs)[(*nc)++] = (cand){k, page, base + ls[q], base + le[q]};
    }
    return 0;
}

/* Lines whose key is on at least half of the pages (and on 3 at least) are running headers or
 * footers. */
static int
find_running(tt_read_doc *doc, cand *cs, size_t nc)
{
    if (doc->page_count < 3 || nc == 0)
        return 0;
    qsort(cs, nc, sizeof *cs, cand_cmp);
    size_t cap = 0;
    for (size_t i = 0; i < nc;) {
        size_t j = i, pages = 0;
        uint32_t last = 0;
        for (; j < nc && strcmp(cs[j].key, cs[i].key) == 0; j++)
            if (j == i || cs[j].page != last)
                pages++, last = cs[j].page;
        if (pages >= 3 && 2 * pages >= doc->page_count) {
            for (size_t k = i; k < j; k++) {
                if (doc->nnotes == cap) {
                    cap = cap ? 2 * cap : 32;
                    tt_read_span *m = realloc(doc->notes, cap * sizeof *m);
                    if (!m)
                        return TT_ENOMEM;
                    doc->notes = m;
                }
                doc->notes[doc->nnotes++] = (tt_read_span){cs[k].start, cs[k].end};
            }
        }
        i = j;
    }
    if (doc->nnotes)
        qsort(doc->notes, doc->nnotes, sizeof *doc->notes, span_cmp);
    return 0;
}

/* poppler-glib is loaded on the first PDF (dlopen), not linked: it pulls in ~50 libraries (cairo, fontconfig,
 * NSS ...) that cost every process ~9 MB and ~18 ms at start, measured, and plain text never needs them. The
 * functions below are the only ones used; their types come from the headers. */
#define PDF_LIB "libpoppler-glib.so.8"
static struct {
    __typeof__(poppler_document_new_from_bytes) *new_from_bytes;
    __typeof__(poppler_document_get_n_pages) *get_n_pages;
    __typeof__(poppler_document_get_page) *get_page;
    __typeof__(poppler_page_get_text) *get_text;
    __typeof__(poppler_error_quark) *error_quark;
    __typeof__(g_bytes_new_static) *bytes_new_static;
    __typeof__(g_bytes_unref) *bytes_unref;
    __typeof__(g_free) *free;
    __typeof__(g_error_free) *error_free;
    __typeof__(g_object_unref) *object_unref;
    char why[256]; /* empty once loaded */
} pop;
static pthread_once_t pop_once = PTHREAD_ONCE_INIT;

static void
pop_load(void)
{
    void *h = dlopen(PDF_LIB, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(pop.why, sizeof pop.why, "%s", e ? e : PDF_LIB " not found");
        return;
    }
    void **slot[] = {(void **)&pop.new_from_bytes, (void **)&pop.get_n_pages, (void **)&pop.get_page,
                     (void **)&pop.get_text,       (void **)&pop.error_quark, (void **)&pop.bytes_new_static,
                     (void **)&pop.bytes_unref,    (void **)&pop.free,        (void **)&pop.error_free,
                     (void **)&pop.object_unref};
    static const char *const name[] = {"poppler_document_new_from_bytes", "poppler_document_get_n_pages",
                                       "poppler_document_get_page", "poppler_page_get_text",
                                       "poppler_error_quark", "g_bytes_new_static", "g_bytes_unref", "g_free",
                                       "g_error_free", "g_object_unref"};
    for (size_t i = 0; i < sizeof name / sizeof *name; i++)
        if (!(*slot[i] = dlsym(h, name[i]))) { /* dlsym searches the library and its dependencies (GLib) */
            snprintf(pop.why, sizeof pop.why, "%s lacks %s", PDF_LIB, name[i]);
            return;
        }
}

int
tt_read_pdf(const void *p, size_t n, const tt_read_opts *o, tt_read_doc *doc, tt_error *err)
{
    pthread_once(&pop_once, pop_load);
    if (pop.why[0])
        return tt_error_set(err, TT_EFORMAT, "PDF support needs poppler-glib (Debian libpoppler-glib8): %s",
                            pop.why);
    GError *ge = NULL;
    GBytes *bytes = pop.bytes_new_static(p, n);
    PopplerDocument *pd = pop.new_from_bytes(bytes, NULL, &ge);
    if (!pd) {
        int enc = ge && ge->domain == pop.error_quark() && ge->code == POPPLER_ERROR_ENCRYPTED;
        if (enc)
            tt_error_set(err, TT_EFORMAT,
                         "encrypted PDF: it needs a password to open (save a copy without "
                         "encryption, e.g. qpdf --decrypt)");
        else
            tt_error_set(err, TT_EFORMAT, "PDF that poppler cannot open: %s",
                         ge && ge->message ? ge->message : "damaged file");
        if (ge)
            pop.error_free(ge);
        pop.bytes_unref(bytes);
        return TT_EFORMAT;
    }
    int np = pop.get_n_pages(pd);
    uint64_t maxp = o->lim.max_pages ? o->lim.max_pages : DEFAULT_MAX_PAGES;
    int rc = 0;
    if (np < 0 || (uint64_t)np > maxp)
        rc = tt_error_set(err, TT_ELIMIT,
                          "PDF with %d pages, more than %llu (--max-pdf-pages raises the limit)",
                          np, (unsigned long long)maxp);
    doc->page_count = np > 0 ? (uint32_t)np : 0;
    cand *cs = NULL;
    size_t nc = 0, cap = 0;
    tt_buf pg = {0};
    uint64_t letters = 0;
    for (int i = 0; !rc && i < np; i++) {
        PopplerPage *page = pop.get_page(pd, i);
        char *t = page ? pop.get_text(page) : NULL;
        tt_buf_reset(&pg);
        if (t && tt_buf_puts(&pg, t))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        pop.free(t);
        if (page)
            pop.object_unref(page);
        for (size_t k = 0; k < pg.len; k++)
            if (pg.data[k] == '\f')
                pg.data[k] = '\n'; /* \f separates pages, never anything else */
        if (!rc)
            rc = tt_read_nfc(&pg, err);
        size_t vis = 0;
        for (size_t k = 0; k < pg.len; k++)
            vis += (unsigned char)pg.data[k] > ' ';
        letters += vis;
        doc->empty_pages += vis == 0;
        if (!rc && i > 0 && tt_buf_putc(&doc->text, '\f'))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        uint64_t base = doc->text.len;
        if (!rc && tt_buf_append(&doc->text, pg.data ? pg.data : "", pg.len))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        if (!rc && o->max_text && doc->text.len > o->max_text)
            rc = tt_read_too_long(err, o->max_text);
        if (!rc && add_edges(&cs, &nc, &cap, pg.data ? pg.data : "", pg.len, base, (uint32_t)i + 1))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (!rc && letters == 0)
        rc = tt_error_set(err, TT_EEMPTY,
                          "PDF without a text layer: none of its %d pages has any text (a scan? "
                          "run OCR first, e.g. ocrmypdf, then read the OCRed PDF)",
                          np);
    if (!rc && find_running(doc, cs, nc))
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    for (size_t k = 0; k < nc; k++)
        free(cs[k].key);
    free(cs);
    tt_buf_free(&pg);
    pop.object_unref(pd);
    pop.bytes_unref(bytes);
    return rc;
}
