/* read_zip.c - the zip containers DOCX and ODT: libzip opens the archive from memory, every entry's
 * declared size and ratio are checked against the limits before anything is inflated (zip bombs),
 * an entry is never read past its declared size, and the XML parts are read in reading order by
 * read_xml.c (see tt/read.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "read_impl.h"

#define RATIO_SLACK (64 * 1024) /* an entry this small may have any ratio */
#define ODT_MIME    "application/vnd.oasis.opendocument.text"
#define STYLE_NS    "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

typedef struct zctx {
    zip_t *z;
    const char *kind; /* "DOCX", "ODT", "zip" for messages */
} zctx;

static int
zip_fail(tt_error *err, int code, zip_error_t *ze, const char *what)
{
    return tt_error_set(err, code, "%s: %s", what, ze ? zip_error_strerror(ze) : "unknown error");
}

/* Checks the central directory against the limits (before any entry is inflated). */
static int
check_limits(zctx *c, const tt_read_opts *o, tt_error *err)
{
    uint64_t maxe = o->lim.max_zip_entries ? o->lim.max_zip_entries : DEFAULT_MAX_ENTRIES;
    uint64_t maxu = o->lim.max_unzipped ? o->lim.max_unzipped : DEFAULT_MAX_UNZIPPED;
    uint64_t ratio = o->lim.max_zip_ratio ? o->lim.max_zip_ratio : DEFAULT_MAX_RATIO;
    zip_int64_t ne = zip_get_num_entries(c->z, 0);
    if (ne < 0)
        return tt_error_set(err, TT_EFORMAT, "broken zip archive: no central directory");
    if ((uint64_t)ne > maxe)
        return tt_error_set(err, TT_ELIMIT,
                            "zip archive with %lld entries, more than %llu (--max-zip-entries "
                            "raises the limit)",
                            (long long)ne, (unsigned long long)maxe);
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < ne; i++) {
        zip_stat_t st;
        if (zip_stat_index(c->z, (zip_uint64_t)i, 0, &st) < 0)
            return zip_fail(err, TT_EFORMAT, zip_get_error(c->z), "broken zip archive");
        if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
            continue;
        const char *nm = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
        if (st.size > maxu || total + st.size > maxu)
            return tt_error_set(err, TT_ELIMIT,
                                "zip entries declare more than %llu bytes uncompressed ('%s': "
                                "%llu bytes; a zip bomb?); --max-unzipped-bytes raises the limit",
                                (unsigned long long)maxu, nm, (unsigned long long)st.size);
        total += st.size;
        if (st.size > RATIO_SLACK && (st.comp_size == 0 || st.size / st.comp_size > ratio))
            return tt_error_set(err, TT_ELIMIT,
                                "zip entry '%s' inflates from %llu to %llu bytes, more than %llu "
                                "times (a zip bomb?); --max-zip-ratio raises the limit",
                                nm, (unsigned long long)st.comp_size, (unsigned long long)st.size,
                                (unsigned long long)ratio);
    }
    return 0;
}

/* Reads entry `name` into a malloc'ed buffer (*out, *n); *out = NULL (returns 0) if there is no
 * such entry. */
static int
read_entry(zctx *c, const char *name, char **out, size_t *n, tt_error *err)
{
    *out = NULL;
    *n = 0;
    zip_int64_t idx = zip_name_locate(c->z, name, 0);
    if (idx < 0)
        return 0;
    zip_stat_t st;
    if (zip_stat_index(c->z, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
        return zip_fail(err, TT_EFORMAT, zip_get_error(c->z), "broken zip archive");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return tt_error_set(err, TT_EFORMAT,
                            "'%s' in this %s is encrypted (save it without a password)", name,
                            c->kind);
    zip_file_t *f = zip_fopen_index(c->z, (zip_uint64_t)idx, 0);
    if (!f) {
        zip_error_t *ze = zip_get_error(c->z);
        if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
            zip_error_code_zip(ze) == ZIP_ER_ENCRNOTSUPP)
            return tt_error_set(err, TT_EFORMAT,
                                "'%s' in this %s is encrypted (save it without a password)", name,
                                c->kind);
        return zip_fail(err, TT_EFORMAT, ze, "broken zip archive");
    }
    char *b = malloc(st.size + 1);
    if (!b) {
        zip_fclose(f);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    zip_uint64_t got = 0;
    while (got < st.size) {
        zip_int64_t r = zip_fread(f, b + got, st.size - got);
        if (r <= 0) {
            int rc = r < 0 ? tt_error_set(err, TT_EFORMAT, "broken zip entry '%s': %s", name,
                                          zip_error_strerror(zip_file_get_error(f)))
                           : tt_error_set(err, TT_EFORMAT,
                                          "broken zip entry '%s': shorter than its declared %llu "
                                          "bytes",
                                          name, (unsigned long long)st.size);
            free(b);
            zip_fclose(f);
            return rc;
        }
        got += (zip_uint64_t)r;
    }
    zip_fclose(f);
    b[st.size] = 0;
    *out = b;
    *n = st.size;
    return 0;
}

static int
part(zctx *c, const char *name, int fmt, const char *const *only, size_t nonly,
     const tt_read_opts *o, const tt_read_tables *t, tt_emit *e, tt_emit *notes, int required,
     tt_error *err)
{
    char *b;
    size_t n;
    int rc = read_entry(c, name, &b, &n, err);
    if (rc)
        return rc;
    if (!b)
        return required ? tt_error_set(err, TT_EFORMAT, "this %s has no '%s'", c->kind, name) : 0;
    tt_emit_break(e, EB_PARA);
    rc = tt_read_xml_part(name, b, n, fmt, only, nonly, o, t, e, notes, err);
    tt_emit_break(e, EB_PARA);
    free(b);
    return rc;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* word/<stem>N.xml parts (header1.xml ...), in name order. */
static int
docx_parts(zctx *c, const char *stem, const tt_read_opts *o, const tt_read_tables *t, tt_emit *e,
           tt_error *err)
{
    zip_int64_t ne = zip_get_num_entries(c->z, 0);
    const char **names = calloc((size_t)ne + 1, sizeof *names);
    if (!names)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    size_t k = 0, sl = strlen(stem);
    for (zip_int64_t i = 0; i < ne; i++) {
        const char *nm = zip_get_name(c->z, (zip_uint64_t)i, 0);
        if (nm && strncmp(nm, stem, sl) == 0 && strchr(nm + sl, '/') == NULL &&
            strlen(nm) > sl + 4 && strcmp(nm + strlen(nm) - 4, ".xml") == 0)
            names[k++] = nm;
    }
    qsort(names, k, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++)
        rc = part(c, names[i], RF_DOCX, NULL, 0, o, t, e, NULL, 0, err);
    free(names);
    return rc;
}

static int
read_docx(zctx *c, const tt_read_opts *o, const tt_read_tables *t, tt_emit *e, tt_error *err)
{
    int rc = docx_parts(c, "word/header", o, t, e, err);
    if (!rc)
        rc = part(c, "word/document.xml", RF_DOCX, NULL, 0, o, t, e, NULL, 1, err);
    if (!rc)
        rc = part(c, "word/footnotes.xml", RF_DOCX, NULL, 0, o, t, e, NULL, 0, err);
    if (!rc)
        rc = part(c, "word/endnotes.xml", RF_DOCX, NULL, 0, o, t, e, NULL, 0, err);
    if (!rc)
        rc = docx_parts(c, "word/footer", o, t, e, err);
    return rc;
}

static int
read_odt(zctx *c, const tt_read_opts *o, const tt_read_tables *t, tt_emit *e, tt_read_doc *doc,
         tt_error *err)
{
    static const char *const headers[] = {STYLE_NS,      "header", STYLE_NS,
                                          "header-left", STYLE_NS, "header-first"};
    static const char *const footers[] = {STYLE_NS,      "footer", STYLE_NS,
                                          "footer-left", STYLE_NS, "footer-first"};
    tt_buf nb = {0};
    tt_emit notes;
    tt_emit_init(&notes, &nb, e->max);
    int rc = part(c, "styles.xml", RF_ODT, headers, 3, o, t, e, NULL, 0, err);
    if (!rc)
        rc = part(c, "content.xml", RF_ODT, NULL, 0, o, t, e, &notes, 1, err);
    if (!rc && nb.len) {
        tt_emit_break(e, EB_PARA);
        if (tt_emit_literal(e, nb.data, nb.len) == TT_ENOMEM)
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (!rc)
        rc = part(c, "styles.xml", RF_ODT, footers, 3, o, t, e, NULL, 0, err);
    tt_buf_free(&nb);
    (void)doc;
    return rc;
}

int
tt_read_zip(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t,
            tt_read_doc *doc, tt_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(p, n, 0, &ze);
    zctx c = {NULL, doc->format == TT_FMT_DOCX  ? "DOCX"
                    : doc->format == TT_FMT_ODT ? "ODT"
                                                : "zip"};
    if (!src) {
        zip_error_fini(&ze);
        return tt_error_set(err, TT_ENOMEM, "out of memory (libzip)");
    }
    c.z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!c.z) {
        zip_source_free(src);
        int rc =
            zip_fail(err, TT_EFORMAT, &ze, "broken zip archive (cannot open it as a DOCX or ODT)");
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    int rc = check_limits(&c, o, err);
    char *mime = NULL;
    size_t mn = 0;
    if (!rc && doc->format != TT_FMT_DOCX)
        rc = read_entry(&c, "mimetype", &mime, &mn, err);
    int is_odt = mime && mn >= strlen(ODT_MIME) && memcmp(mime, ODT_MIME, strlen(ODT_MIME)) == 0 &&
                 (mn == strlen(ODT_MIME) || mime[strlen(ODT_MIME)] == '\n');
    int is_docx = zip_name_locate(c.z, "word/document.xml", 0) >= 0;
    free(mime);
    tt_emit e;
    tt_emit_init(&e, &doc->text, o->max_text);
    if (rc) {
    } else if (doc->format == TT_FMT_ODT || (doc->format == TT_FMT_ZIP && is_odt)) {
        doc->format = TT_FMT_ODT;
        c.kind = "ODT";
        if (!is_odt)
            rc = tt_error_set(err, TT_EFORMAT, "not an ODT text document: no mimetype entry '%s'",
                              ODT_MIME);
        else
            rc = read_odt(&c, o, t, &e, doc, err);
    } else if (doc->format == TT_FMT_DOCX || (doc->format == TT_FMT_ZIP && is_docx)) {
        doc->format = TT_FMT_DOCX;
        c.kind = "DOCX";
        rc = read_docx(&c, o, t, &e, err);
    } else {
        rc = tt_error_set(err, TT_EFORMAT,
                          "a zip archive that is neither a DOCX (word/document.xml) nor an ODT "
                          "text (mimetype %s)",
                          ODT_MIME);
    }
    zip_discard(c.z);
    return rc;
}
