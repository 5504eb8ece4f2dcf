/* read_xml.c - one XML part of a DOCX or ODT -> text, streamed with libxml2's xmlTextReader: no DTD
 * (a part with one is refused, so no entity is ever declared or expanded), no network, nesting
 * bounded, elements handled by the docx/odt rows of lexicons/markup.tsv (see tt/read.h). */
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "read_impl.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xml_init(void)
{
    xmlInitParser();
}

void
tt_read_xml_init(void)
{
    pthread_once(&xml_once, xml_init);
}

typedef struct capture {
    tt_error *err;
    int line;
} capture;

static void
on_error(void *arg, xmlErrorPtr e)
{
    capture *c = arg;
    if (!c->err->msg[0] && e && e->message && e->level >= XML_ERR_ERROR) {
        size_t k = strlen(e->message);
        while (k && (e->message[k - 1] == '\n' || e->message[k - 1] == ' '))
            k--;
        snprintf(c->err->msg, sizeof c->err->msg, "%.*s", (int)k, e->message);
        c->line = e->line;
    }
}

static int
only_match(const char *const *only, size_t nonly, const char *uri, const char *local)
{
    for (size_t i = 0; i < nonly; i++)
        if (uri && strcmp(only[2 * i], uri) == 0 && strcmp(only[2 * i + 1], local) == 0)
            return 1;
    return 0;
}

static int
space_count(xmlTextReaderPtr rd)
{
    xmlChar *c = xmlTextReaderGetAttributeNs(
        rd, (const xmlChar *)"c",
        (const xmlChar *)"urn:oasis:names:tc:opendocument:xmlns:text:1.0");
    int k = c ? atoi((const char *)c) : 1;
    xmlFree(c);
    return k < 1 ? 1 : k > 1000 ? 1000 : k;
}

typedef struct walker {
    int fmt;
    tt_emit *main, *notes, *cur;
    int *acts; /* action of the open element at each depth */
    int skip_depth, note_depth, only_depth, intext;
} walker;

static int
open_element(walker *w, xmlTextReaderPtr rd, int act, int depth, int empty)
{
    tt_emit *e = w->cur;
    int rc = 0;
    switch (act) {
    case RA_SKIP:
        if (!empty)
            w->skip_depth = depth;
        return 0;
    case RA_PARA:
        tt_emit_break(e, EB_PARA);
        break;
    case RA_LINE:
        tt_emit_break(e, EB_LINE);
        break;
    case RA_TAB:
        rc = tt_emit_literal(e, "\t", 1);
        break;
    case RA_HYPHEN:
        rc = tt_emit_literal(e, "-", 1);
        break;
    case RA_SPACE:
        for (int k = space_count(rd); k > 0 && !rc; k--)
            rc = tt_emit_literal(e, " ", 1);
        break;
    case RA_TEXT:
        if (!empty)
            w->intext++;
        break;
    case RA_NOTE:
        if (w->notes && !empty) {
            w->note_depth = depth;
            w->cur = w->notes;
            tt_emit_break(w->cur, EB_PARA);
        }
        break;
    default:
        break;
    }
    if (empty && (act == RA_PARA || act == RA_LINE || act == RA_CELL))
        act == RA_CELL ? tt_emit_cell(e) : tt_emit_break(e, act == RA_PARA ? EB_PARA : EB_LINE);
    return rc;
}

static void
close_element(walker *w, int act, int depth)
{
    tt_emit *e = w->cur;
    if (act == RA_PARA)
        tt_emit_break(e, EB_PARA);
    else if (act == RA_LINE)
        tt_emit_break(e, EB_LINE);
    else if (act == RA_CELL)
        tt_emit_cell(e);
    else if (act == RA_TEXT && w->intext > 0)
        w->intext--;
    else if (act == RA_NOTE && w->note_depth == depth) {
        tt_emit_break(w->cur, EB_PARA);
        w->note_depth = -1;
        w->cur = w->main;
    }
}

/* 1 if the prologue (before the root element) has a <!DOCTYPE: refused before libxml2 reads a
 * declaration. */
static int
has_doctype(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' ||
                         (unsigned char)s[i] >= 0x80))
            i++; /* whitespace, a BOM */
        if (i + 1 >= n || s[i] != '<')
            return 0;
        if (s[i + 1] == '?' || (i + 3 < n && memcmp(s + i, "<!--", 4) == 0)) {
            const char *end = s[i + 1] == '?' ? "?>" : "-->";
            const char *e = memmem(s + i + 2, n - i - 2, end, strlen(end));
            if (!e)
                return 0;
            i = (size_t)(e - s) + strlen(end);
            continue;
        }
        return n - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0;
    }
    return 0;
}

int
tt_read_xml_part(const char *part, const void *p, size_t n, int fmt, const char *const *only,
                 size_t nonly, const tt_read_opts *o, const tt_read_tables *t, tt_emit *e,
                 tt_emit *notes, tt_error *err)
{
    if (n > INT_MAX)
        return tt_error_set(err, TT_ELIMIT, "'%s' is larger than 2 GiB", part);
    uint64_t maxd = o->lim.max_depth ? o->lim.max_depth : DEFAULT_MAX_DEPTH;
    if (has_doctype(p, n))
        return tt_error_set(
            err, TT_EFORMAT,
            "'%s' has a DTD (<!DOCTYPE>): a %s part never has one, and entity declarations are "
            "refused (an XML entity expansion attack, \"billion laughs\"?)",
            part, fmt == RF_DOCX ? "DOCX" : "ODT");
    xmlTextReaderPtr rd =
        xmlReaderForMemory(p, (int)n, part, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                               XML_PARSE_COMPACT | (maxd > 256 ? XML_PARSE_HUGE : 0));
    if (!rd)
        return tt_error_set(err, TT_ENOMEM, "out of memory (libxml2)");
    tt_error cap;
    tt_error_clear(&cap);
    capture c = {&cap, 0};
    xmlTextReaderSetStructuredErrorHandler(rd, on_error, &c);
    walker w = {.fmt = fmt,
                .main = e,
                .notes = notes,
                .cur = e,
                .skip_depth = -1,
                .note_depth = -1,
                .only_depth = nonly ? -1 : 0};
    w.acts = calloc(maxd + 2, sizeof *w.acts);
    tt_act_cache cache[TT_ACT_CACHE] = {{0}};
    int rc = w.acts ? 0 : tt_error_set(err, TT_ENOMEM, "out of memory");
    int r = 0;
    while (!rc && (r = xmlTextReaderRead(rd)) == 1) {
        int type = xmlTextReaderNodeType(rd), depth = xmlTextReaderDepth(rd);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            rc = tt_error_set(
                err, TT_EFORMAT,
                "'%s' has a DTD (<!DOCTYPE>): a %s part never has one, and entity declarations "
                "are refused (an XML entity expansion attack, \"billion laughs\"?)",
                part, fmt == RF_DOCX ? "DOCX" : "ODT");
            break;
        }
        if (depth < 0 || (uint64_t)depth > maxd) {
            rc = tt_error_set(err, TT_ELIMIT,
                              "'%s': XML elements nested deeper than %llu (--max-depth raises "
                              "the limit)",
                              part, (unsigned long long)maxd);
            break;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            if (w.skip_depth >= 0)
                continue;
            const char *uri = (const char *)xmlTextReaderConstNamespaceUri(rd);
            const char *local = (const char *)xmlTextReaderConstLocalName(rd);
            int empty = xmlTextReaderIsEmptyElement(rd);
            if (w.only_depth < 0) {
                if (!only_match(only, nonly, uri, local) || empty)
                    continue;
                w.only_depth = depth;
                w.acts[depth] = RA_INLINE;
                tt_emit_break(e, EB_PARA);
                continue;
            }
            int act = uri && local ? tt_markup_action_cached(cache, t, fmt, uri, local) : RA_INLINE;
            w.acts[depth] = act;
            if ((rc = open_element(&w, rd, act, depth, empty)) != 0)
                break;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (w.skip_depth >= 0) {
                if (w.skip_depth == depth)
                    w.skip_depth = -1;
                continue;
            }
            if (nonly && w.only_depth == depth) {
                w.only_depth = -1;
                tt_emit_break(e, EB_PARA);
                continue;
            }
            if (w.only_depth >= 0)
                close_element(&w, w.acts[depth], depth);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_WHITESPACE ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (w.skip_depth >= 0 || w.only_depth < 0 || (t->text_only[fmt] && w.intext == 0))
                continue;
            const char *v = (const char *)xmlTextReaderConstValue(rd);
            if (v)
                rc = tt_emit_text(w.cur, v, strlen(v));
        }
    }
    if (rc == TT_ELIMIT && (e->over || (notes && notes->over)))
        rc = tt_read_too_long(err, e->max);
    else if (rc == TT_ENOMEM && !err->msg[0])
        tt_error_set(err, TT_ENOMEM, "out of memory");
    if (!rc && r < 0 && strstr(cap.msg, "Excessive depth"))
        rc = tt_error_set(err, TT_ELIMIT,
                          "'%s': XML elements nested deeper than %llu (--max-depth raises the "
                          "limit)",
                          part, (unsigned long long)(maxd < 256 ? maxd : 256));
    if (!rc && r < 0)
        rc = tt_error_set(err, TT_EFORMAT, "'%s' is not well-formed XML (line %d): %s", part,
                          c.line, cap.msg[0] ? cap.msg : "parse error");
    free(w.acts);
    xmlFreeTextReader(rd);
    return rc;
}
