/* read_format.c - format names and sniffing by the bytes, the data tables of the readers
 * (lexicons/markup.tsv, lexicons/frontmatter.tsv), the text emitter, and tt_read_mem, which
 * dispatches to the reader of a format and leaves the text NFC and free of control characters (see
 * tt/read.h). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmark.h>
#include <libxml/xmlversion.h>
#include <poppler-features.h>
#include <unicode/unorm2.h>
#include <yaml.h>
#include <zip.h>
#include <unicode/ustring.h>

#include "read_impl.h"

static const char *const fmt_names[TT_FMT_COUNT] = {"",    "txt", "html", "docx",
                                                    "odt", "pdf", "md",   "zip"};

const char *
tt_format_name(tt_format f)
{
    return (unsigned)f < TT_FMT_COUNT ? fmt_names[f] : "";
}

int
tt_format_parse(const char *s, size_t n)
{
    if (n == 0)
        return TT_FMT_AUTO;
    for (int f = TT_FMT_TXT; f < TT_FMT_ZIP; f++)
        if (strlen(fmt_names[f]) == n && strncasecmp(s, fmt_names[f], n) == 0)
            return f;
    return -1;
}

int
tt_format_is_container(tt_format f)
{
    return f != TT_FMT_AUTO && f != TT_FMT_TXT && f < TT_FMT_COUNT;
}

static int
has_prefix_ci(const unsigned char *p, size_t n, const char *pre)
{
    size_t k = strlen(pre);
    return n >= k && strncasecmp((const char *)p, pre, k) == 0;
}

static const unsigned char *
find_ci(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp((const char *)p + i, needle, k) == 0)
            return p + i;
    return NULL;
}

tt_format
tt_format_sniff(const unsigned char *p, size_t n)
{
    size_t head = n < 1024 ? n : 1024;
    if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
        return TT_FMT_ZIP;
    for (size_t i = 0; i + 5 <= head; i++)
        if (p[i] == '%' && memcmp(p + i, "%PDF-", 5) == 0)
            return TT_FMT_PDF;
    size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (n - i >= 4 && memcmp(p + i, "---", 3) == 0 &&
        (p[i + 3] == '\n' || (p[i + 3] == '\r' && n - i >= 5 && p[i + 4] == '\n')))
        return TT_FMT_MD;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r' || p[i] == '\f'))
        i++;
    const unsigned char *q = p + i;
    size_t m = n - i;
    if (has_prefix_ci(q, m, "<?xml"))
        return find_ci(q, m < 1024 ? m : 1024, "<html") ? TT_FMT_HTML : TT_FMT_TXT;
    /* the WHATWG MIME sniffing list: a tag name followed by a space or '>' */
    static const char *const tags[] = {"<!doctype html",
                                       "<html",
                                       "<head",
                                       "<script",
                                       "<iframe",
                                       "<h1",
                                       "<div",
                                       "<font",
                                       "<table",
                                       "<a",
                                       "<style",
                                       "<title",
                                       "<b",
                                       "<body",
                                       "<br",
                                       "<p",
                                       "<!--"};
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
        size_t k = strlen(tags[t]);
        if (has_prefix_ci(q, m, tags[t]) && m > k &&
            (q[k] == ' ' || q[k] == '>' || q[k] == '\n' || q[k] == '\t' || q[k] == '\r' ||
             (t == 16 && q[k] != '-')))
            return TT_FMT_HTML;
    }
    return TT_FMT_TXT;
}

/* ---- data tables
 * ----------------------------------------------------------------------------------------- */
static tt_read_tables tables;
static char *tables_store[2];
static tt_error tables_err;
static char tables_dir[1024];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static const char *
field(char **cur)
{
    char *s = *cur;
    if (!s)
        return NULL;
    char *t = strchr(s, '\t');
    if (t) {
        *t = 0;
        *cur = t + 1;
    } else {
        *cur = NULL;
    }
    return s;
}

static int
action_parse(const char *s)
{
    static const char *const names[] = {"inline", "skip",   "para", "line", "cell", "tab",
                                        "space",  "hyphen", "pre",  "text", "note"};
    for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static int
tab_fail(const char *path, size_t line, const char *what)
{
    tt_error_set(&tables_err, TT_ESYNTAX, "%s", what);
    return tt_error_at(&tables_err, path, line, 0);
}

/* Reads the data file dir/name into tables_store[slot] (path gets its name, for messages); NULL with
 * tables_err set (TT_EIO, naming `what`) when it cannot be read. */
static char *
read_table(const char *dir, const char *name, int slot, const char *what, char *path, size_t cap, size_t *n)
{
    snprintf(path, cap, "%s/%s", dir, name);
    char *s = tables_store[slot] = tt_file_read(path, n);
    if (!s) {
        tables_err.sys_errno = errno;
        tt_error_set(&tables_err, TT_EIO, "cannot read %s", what);
        tt_error_at(&tables_err, path, 0, 0);
    }
    return s;
}

static int
load_markup(const char *dir)
{
    char path[1100];
    size_t n;
    char *s = read_table(dir, "markup.tsv", 0, "the readers' markup table", path, sizeof path, &n);
    if (!s)
        return tables_err.code;
    const char *ns_pre[32], *ns_uri[32];
    size_t nns = 0, line = 0, cap = 0;
    for (char *l = s, *next; l && *l; l = next) {
        line++;
        next = strchr(l, '\n');
        if (next)
            *next++ = 0;
        if (*l == '#' || *l == 0)
            continue;
        char *cur = l;
        const char *a = field(&cur), *b = field(&cur), *c = field(&cur);
        if (!a || !b || !c || cur)
            return tab_fail(path, line, "expected three tab-separated fields");
        if (strcmp(a, "ns") == 0) {
            if (nns == 32)
                return tab_fail(path, line, "more than 32 namespaces");
            ns_pre[nns] = b;
            ns_uri[nns++] = c;
            continue;
        }
        int fmt = !strcmp(a, "html")   ? RF_HTML
                  : !strcmp(a, "docx") ? RF_DOCX
                  : !strcmp(a, "odt")  ? RF_ODT
                                       : -1;
        int act = action_parse(c);
        if (fmt < 0)
            return tab_fail(path, line, "unknown format (html, docx, odt or ns)");
        if (act < 0)
            return tab_fail(path, line,
                            "unknown action (skip para line cell tab space hyphen pre text note)");
        const char *uri = NULL, *local = b, *colon = strchr(b, ':');
        if (fmt != RF_HTML) {
            if (!colon)
                return tab_fail(path, line, "an XML element needs a PREFIX:local name");
            for (size_t k = 0; k < nns && !uri; k++)
                if (strlen(ns_pre[k]) == (size_t)(colon - b) &&
                    !strncmp(ns_pre[k], b, (size_t)(colon - b)))
                    uri = ns_uri[k];
            if (!uri)
                return tab_fail(path, line, "prefix without an `ns` row above");
            local = colon + 1;
        }
        if (tables.nrules == cap) {
            cap = cap ? 2 * cap : 64;
            tt_markup_rule *r = realloc(tables.rules, cap * sizeof *r);
            if (!r)
                return tt_error_set(&tables_err, TT_ENOMEM, "out of memory");
            tables.rules = r;
        }
        tables.rules[tables.nrules++] = (tt_markup_rule){fmt, uri, local, act};
        if (act == RA_TEXT)
            tables.text_only[fmt] = 1;
    }
    return 0;
}

static int
load_frontmatter(const char *dir)
{
    char path[1100];
    size_t n;
    char *s = read_table(dir, "frontmatter.tsv", 1, "the front matter mapping", path, sizeof path, &n);
    if (!s)
        return tables_err.code;
    size_t line = 0, cap = 0;
    for (char *l = s, *next; l && *l; l = next) {
        line++;
        next = strchr(l, '\n');
        if (next)
            *next++ = 0;
        if (*l == '#' || *l == 0)
            continue;
        char *cur = l;
        const char *a = field(&cur), *b = field(&cur), *c = cur ? field(&cur) : "";
        if (!a || !b || !*a || !*b || cur)
            return tab_fail(path, line,
                            "expected FIELD, COLUMN and optional VALUES, tab-separated");
        if (tables.nfm == cap) {
            cap = cap ? 2 * cap : 16;
            tt_fm_rule *r = realloc(tables.fm, cap * sizeof *r);
            if (!r)
                return tt_error_set(&tables_err, TT_ENOMEM, "out of memory");
            tables.fm = r;
        }
        tables.fm[tables.nfm++] = (tt_fm_rule){a, b, c};
    }
    return 0;
}

static void
tables_load(void)
{
    tt_read_xml_init();
    if (load_markup(tables_dir) == 0)
        load_frontmatter(tables_dir);
}

int
tt_read_tables_get(const tt_read_tables **out, const char *data_dir, tt_error *err)
{
    /* the first caller's folder wins: a process uses one data folder */
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&mu);
    if (!tables_dir[0])
        snprintf(tables_dir, sizeof tables_dir, "%s", data_dir ? data_dir : tt_data_dir());
    pthread_mutex_unlock(&mu);
    pthread_once(&tables_once, tables_load);
    if (tables_err.code) {
        if (err)
            *err = tables_err;
        return tables_err.code;
    }
    *out = &tables;
    return 0;
}

int
tt_markup_action(const tt_read_tables *t, int fmt, const char *uri, const char *local)
{
    for (size_t i = 0; i < t->nrules; i++) {
        const tt_markup_rule *r = &t->rules[i];
        if (r->fmt == fmt && strcmp(r->local, local) == 0 &&
            (fmt == RF_HTML || (uri && strcmp(r->uri, uri) == 0)))
            return r->action;
    }
    return RA_INLINE;
}

/* ---- emitter
 * --------------------------------------------------------------------------------------------- */
void
tt_emit_init(tt_emit *e, tt_buf *out, uint64_t max)
{
    memset(e, 0, sizeof *e);
    e->out = out;
    e->max = max;
}

void
tt_emit_break(tt_emit *e, int level)
{
    if (e->cell && level < EB_PAGE) {
        /* between cells a paragraph (the next cell's) is absorbed; a line ends the row */
        if (level != EB_LINE)
            return;
        e->cell = 0;
        e->pend = EB_LINE;
        return;
    }
    if (level > e->pend)
        e->pend = level;
}

void
tt_emit_cell(tt_emit *e)
{
    if (e->pend < EB_PAGE) {
        e->pend = EB_TAB;
        e->cell = 1;
    }
}

static int
flush_break(tt_emit *e)
{
    static const char *const s[] = {"", " ", "\t", "\n", "\n\n", "\f"};
    int rc = 0;
    if (e->pend && e->out->len > 0)
        rc = tt_buf_puts(e->out, s[e->pend]);
    e->pend = EB_NONE;
    e->cell = 0;
    return rc ? TT_ENOMEM : 0;
}

static int
check_max(tt_emit *e)
{
    if (e->max && e->out->len > e->max) {
        e->over = 1;
        return TT_ELIMIT;
    }
    return 0;
}

int
tt_emit_literal(tt_emit *e, const char *s, size_t n)
{
    if (flush_break(e) || tt_buf_append(e->out, s, n))
        return TT_ENOMEM;
    return check_max(e);
}

int
tt_emit_text(tt_emit *e, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == ' ' || c == 0x7F) {
            if (e->pre && (c == '\n' || c == '\t' || c == ' ')) {
                if (flush_break(e) || tt_buf_putc(e->out, (char)c))
                    return TT_ENOMEM;
            } else if (!e->pre || c != '\r') {
                tt_emit_break(e, EB_SPACE);
            }
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && (unsigned char)s[j] > ' ' && (unsigned char)s[j] != 0x7F)
            j++;
        if (flush_break(e) || tt_buf_append(e->out, s + i, j - i))
            return TT_ENOMEM;
        i = j;
    }
    return check_max(e);
}

int
tt_read_too_long(tt_error *err, uint64_t max)
{
    return tt_error_set(err, TT_ELIMIT, "document larger than %llu bytes (--max-doc-bytes)",
                        (unsigned long long)max);
}

/* ---- tt_read_mem
 * ----------------------------------------------------------------------------------------- */
/* Control characters other than \t \n \f become spaces (\r\n -> \n): the decoder takes many of them
 * for binary, and no reader means them. */
static void
clean_controls(tt_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (c == '\r' && i + 1 < b->len && b->data[i + 1] == '\n')
            continue;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || c == 0x7F)
            c = c == '\r' ? '\n' : ' ';
        b->data[k++] = (char)c;
    }
    b->len = k;
    if (b->data)
        b->data[k] = 0;
}

/* NFC in place (ICU), with invalid UTF-8 replaced by U+FFFD. Offsets of notes (PDF) are fixed up by
 * the PDF reader itself, which normalizes page by page (tt_read_nfc_append). */
static int
to_nfc(tt_buf *b, tt_error *err)
{
    if (b->len == 0)
        return 0;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e) || b->len > INT32_MAX / 2)
        return tt_error_set(err, TT_EICU, "ICU NFC normalizer: %s", u_errorName(e));
    int32_t ulen = 0;
    u_strFromUTF8WithSub(NULL, 0, &ulen, b->data, (int32_t)b->len, 0xFFFD, NULL, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR)
        e = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    u_strFromUTF8WithSub(u, ulen + 1, NULL, b->data, (int32_t)b->len, 0xFFFD, NULL, &e);
    int32_t done = U_SUCCESS(e) ? unorm2_spanQuickCheckYes(nfc, u, ulen, &e) : 0;
    UChar *v = NULL;
    int32_t vlen = ulen;
    if (U_SUCCESS(e) && done < ulen) {
        int32_t cap = ulen * 3 + 16;
        v = malloc((size_t)cap * sizeof *v);
        if (!v) {
            free(u);
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        vlen = unorm2_normalize(nfc, u, ulen, v, cap, &e);
    }
    const UChar *src = v ? v : u;
    int32_t blen = 0;
    if (U_SUCCESS(e)) {
        u_strToUTF8(NULL, 0, &blen, src, vlen, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR)
            e = U_ZERO_ERROR;
    }
    if (U_SUCCESS(e)) {
        tt_buf_reset(b);
        if (tt_buf_reserve(b, (size_t)blen)) {
            free(u);
            free(v);
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        u_strToUTF8(b->data, blen + 1, NULL, src, vlen, &e);
        b->len = (size_t)blen;
        b->data[blen] = 0;
    }
    free(u);
    free(v);
    if (U_FAILURE(e))
        return tt_error_set(err, TT_EICU, "ICU NFC normalization failed: %s", u_errorName(e));
    return 0;
}

int
tt_read_nfc(tt_buf *b, tt_error *err)
{
    clean_controls(b);
    return to_nfc(b, err);
}

int
tt_read_mem(tt_format f, const void *p, size_t n, const char *name, const tt_read_opts *opts,
            tt_read_doc *doc, tt_error *err)
{
    (void)name;
    tt_read_opts o = {0};
    if (opts)
        o = *opts;
    if (!tt_format_is_container(f))
        return tt_error_set(err, TT_EUSAGE, "format '%s' is not read by a document reader",
                            tt_format_name(f));
    const tt_read_tables *t;
    int rc = tt_read_tables_get(&t, o.data_dir, err);
    if (rc)
        return rc;
    doc->format = f;
    switch (f) {
    case TT_FMT_HTML:
        rc = tt_read_html(p, n, &o, t, doc, err);
        break;
    case TT_FMT_ZIP:
    case TT_FMT_DOCX:
    case TT_FMT_ODT:
        rc = tt_read_zip(p, n, &o, t, doc, err);
        break;
    case TT_FMT_PDF:
        rc = tt_read_pdf(p, n, &o, doc, err);
        break;
    default:
        rc = tt_read_md(p, n, &o, t, doc, err);
        break;
    }
    if (rc == 0 && doc->format != TT_FMT_PDF) /* the PDF reader normalizes page by page itself */
        rc = tt_read_nfc(&doc->text, err);
    if (rc == 0 && o.max_text && doc->text.len > o.max_text)
        rc = tt_read_too_long(err, o.max_text);
    return rc;
}

void
tt_read_doc_free(tt_read_doc *doc)
{
    if (!doc)
        return;
    tt_buf_free(&doc->text);
    free(doc->notes);
    for (size_t i = 0; i < 2 * doc->nmeta; i++)
        free(doc->meta[i]);
    free(doc->meta);
    memset(doc, 0, sizeof *doc);
}

const char *
tt_read_meta(const tt_read_doc *doc, const char *col)
{
    for (size_t i = 0; doc && i < doc->nmeta; i++)
        if (strcmp(doc->meta[2 * i], col) == 0)
            return doc->meta[2 * i + 1];
    return NULL;
}

int
tt_read_in_note(const tt_read_doc *doc, uint64_t start, uint64_t end)
{
    if (!doc || !doc->nnotes)
        return 0;
    size_t lo = 0, hi = doc->nnotes; /* the last span that starts at or before `start` */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->notes[mid].start <= start)
            lo = mid;
        else
            hi = mid;
    }
    return doc->notes[lo].start <= start && end <= doc->notes[lo].end;
}

uint32_t
tt_count_ff(const char *s, size_t *pos, size_t upto)
{
    uint32_t k = 0;
    for (size_t i = *pos; i < upto; i++)
        k += s[i] == '\f';
    if (upto > *pos)
        *pos = upto;
    return k;
}

static char poppler_version[32];
static pthread_once_t poppler_version_once = PTHREAD_ONCE_INIT;

static void
poppler_version_make(void)
{
    snprintf(poppler_version, sizeof poppler_version, "%d.%d.%d", POPPLER_MAJOR_VERSION, POPPLER_MINOR_VERSION,
             POPPLER_MICRO_VERSION);
}

const char *
tt_read_lib_version(const char *lib)
{
    if (!strcmp(lib, "libxml2"))
        return LIBXML_DOTTED_VERSION;
    if (!strcmp(lib, "libzip"))
        return zip_libzip_version();
    if (!strcmp(lib, "cmark"))
        return cmark_version_string();
    if (!strcmp(lib, "libyaml"))
        return yaml_get_version_string();
    if (!strcmp(lib, "poppler"))
    {
        pthread_once(&poppler_version_once, poppler_version_make);
        return poppler_version;
    }
    return "";
}
