/* read_check.h - what must hold for any input to a document reader (tt/read.h), shared by the
 * reader fuzz targets (fuzz_html.c, fuzz_docx.c, fuzz_pdf.c, fuzz_md.c): a negative TT_E* code with
 * a message, or text that is strict UTF-8 without NUL and without C0 controls other than \t \n \f,
 * within the size limit, with note spans inside it in order, PDF pages = form feeds + 1, and front
 * matter values that are NUL-terminated. */
#ifndef TT_FUZZ_READ_CHECK_H
#define TT_FUZZ_READ_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "tt/read.h"

static int
rc_valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80                 ? 1
                     : c >= 0xC2 && c <= 0xDF ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (len == 0 || i + len > n)
            return 0;
        uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f')
            return 0;
        i += len;
    }
    return 1;
}

/* Reads p[0..n) as format f with small limits and checks the result; aborts on a violation. */
static void
read_and_check(tt_format f, const void *p, size_t n, const char *select)
{
    tt_read_opts o;
    memset(&o, 0, sizeof o);
    o.max_text = 1 << 20;
    o.html_select = select;
    o.lim.max_zip_entries = 64;
    o.lim.max_unzipped = 4 << 20;
    o.lim.max_pages = 64;
    tt_read_doc doc;
    memset(&doc, 0, sizeof doc);
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_read_mem(f, p, n, "fuzz", &o, &doc, &err);
    if (rc > 0 || (rc < 0 && (err.code != rc || !err.msg[0])))
        abort();
    if (rc == 0) {
        const tt_buf *t = &doc.text;
        if (t->len > o.max_text || !rc_valid_utf8((const unsigned char *)t->data, t->len))
            abort();
        uint64_t last = 0;
        for (size_t i = 0; i < doc.nnotes; i++) {
            if (doc.notes[i].start < last || doc.notes[i].end < doc.notes[i].start ||
                doc.notes[i].end > t->len)
                abort();
            last = doc.notes[i].end;
        }
        if (doc.format == TT_FMT_PDF) {
            size_t ff = 0;
            for (size_t i = 0; i < t->len; i++)
                ff += t->data[i] == '\f';
            if (doc.page_count == 0 || ff + 1 != doc.page_count)
                abort();
        } else if (doc.page_count != 0 || memchr(t->data ? t->data : "", '\f', t->len)) {
            abort();
        }
        for (size_t i = 0; i < doc.nmeta; i++)
            if (!doc.meta[2 * i] || !doc.meta[2 * i + 1] || !tt_read_meta(&doc, doc.meta[2 * i]))
                abort();
    }
    tt_read_doc_free(&doc);
}

#endif
