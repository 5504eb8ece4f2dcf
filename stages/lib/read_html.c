/* read_html.c - HTML and XHTML -> text with libxml2's HTML parser (recovering like a browser, no
 * network, no messages), an optional XPath selection of the part that is the document, and an
 * iterative walk of the tree that follows the html rows of lexicons/markup.tsv (see tt/read.h). */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <limits.h>
#include <string.h>

#include "read_impl.h"
#include "tt/utf8.h"

static void
quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void
quiet_structured(void *ctx, xmlErrorPtr e)
{
    tt_error *err = ctx;
    if (err && !err->msg[0] && e && e->message) {
        size_t k = strlen(e->message);
        while (k && (e->message[k - 1] == '\n' || e->message[k - 1] == ' '))
            k--;
        snprintf(err->msg, sizeof err->msg, "%.*s", (int)k, e->message);
    }
}

/* libxml2 keeps its error handlers per thread: silence them for this thread (the library never
 * prints). */
static void
silence(tt_error *capture)
{
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(capture, quiet_structured);
}

/* Back to quiet handlers without a capture: capture was on the caller's stack, and libxml2 would otherwise
 * write the thread's next error into it after it is gone. */
static void
unsilence(void)
{
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, quiet_structured);
}

/* How deep the brackets and parentheses of an XPath expression nest (quoted literals left out). libxml2 2.9
 * compiles and evaluates nesting by recursion with no bound of its own, and a few thousand levels overflow the
 * stack (found by fuzz_manifest: 40 KB of '(' in the manifest's html_select column). */
static size_t
xpath_depth(const char *s)
{
    size_t d = 0, max = 0;
    for (char q = 0; *s; s++) {
        if (q) {
            q = *s == q ? 0 : q;
        } else if (*s == '\'' || *s == '"') {
            q = *s;
        } else if (*s == '(' || *s == '[') {
            if (++d > max)
                max = d;
        } else if ((*s == ')' || *s == ']') && d) {
            d--;
        }
    }
    return max;
}

/* 1 if the expression is within what libxml2 can take, else 0 with err set (TT_EUSAGE). */
static int
xpath_guard(const char *xpath, tt_error *err)
{
    size_t depth = xpath_depth(xpath);
    if (depth <= TT_XPATH_MAX_DEPTH && strlen(xpath) <= TT_XPATH_MAX_LEN)
        return 1;
    tt_error_set(err, TT_EUSAGE, "XPath expression %s (at most %d levels of brackets and %d bytes): a selector of "
                 "a page's text needs no more; simplify it",
                 depth > TT_XPATH_MAX_DEPTH ? "nested too deep" : "too long", TT_XPATH_MAX_DEPTH, TT_XPATH_MAX_LEN);
    return 0;
}

int
tt_read_xpath_ok(const char *xpath, tt_error *err)
{
    if (!xpath_guard(xpath, err))
        return 0;
    tt_read_xml_init();
    tt_error cap;
    tt_error_clear(&cap);
    silence(&cap);
    xmlXPathCompExprPtr c = xmlXPathCompile((const xmlChar *)xpath);
    unsilence();
    if (c) {
        xmlXPathFreeCompExpr(c);
        return 1;
    }
    tt_error_set(err, TT_EUSAGE, "bad XPath expression '%s'%s%s", xpath, cap.msg[0] ? ": " : "",
                 cap.msg);
    return 0;
}

/* Emits the text of the subtree at `top` (an element, or a text/attribute node selected by XPath).
 */
static int
walk(xmlNodePtr top, const tt_read_opts *o, const tt_read_tables *t, tt_emit *e, tt_error *err)
{
    uint64_t maxd = o->lim.max_depth ? o->lim.max_depth : DEFAULT_MAX_DEPTH;
    if (top->type == XML_ATTRIBUTE_NODE) {
        xmlChar *v = xmlNodeGetContent(top);
        int rc = v ? tt_emit_text(e, (const char *)v, strlen((const char *)v)) : 0;
        xmlFree(v);
        return rc;
    }
    xmlNodePtr n = top;
    uint64_t depth = 0;
    tt_act_cache cache[TT_ACT_CACHE] = {{0}};
    for (;;) {
        int act = RA_INLINE, descend = 0, rc = 0;
        if (n->type == XML_ELEMENT_NODE) {
            act = tt_markup_action_cached(cache, t, RF_HTML, NULL, (const char *)n->name);
            if (act != RA_SKIP) {
                if (act == RA_PARA)
                    tt_emit_break(e, EB_PARA);
                else if (act == RA_LINE)
                    tt_emit_break(e, EB_LINE);
                else if (act == RA_PRE)
                    e->pre++, tt_emit_break(e, EB_PARA);
                descend = n->children != NULL;
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                rc = tt_emit_text(e, (const char *)n->content, strlen((const char *)n->content));
        }
        if (rc == TT_ELIMIT)
            return tt_read_too_long(err, e->max);
        if (rc)
            return tt_error_set(err, rc, "out of memory");
        if (descend) {
            if (++depth > maxd)
                return tt_error_set(
                    err, TT_ELIMIT,
                    "HTML elements nested deeper than %llu (--max-depth raises the limit)",
                    (unsigned long long)maxd);
            n = n->children;
            continue;
        }
        /* leaving n (and every ancestor whose last child it is) */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE) {
                int a = tt_markup_action_cached(cache, t, RF_HTML, NULL, (const char *)n->name);
                if (a == RA_PARA)
                    tt_emit_break(e, EB_PARA);
                else if (a == RA_LINE)
                    tt_emit_break(e, EB_LINE);
                else if (a == RA_CELL)
                    tt_emit_cell(e);
                else if (a == RA_PRE) {
                    e->pre--;
                    tt_emit_break(e, EB_PARA);
                }
            }
            if (n == top)
                return 0;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            depth--;
        }
    }
}

static int
is_inside(xmlNodePtr n, xmlNodePtr anc)
{
    for (; n; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}

static int html_read(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t, tt_read_doc *doc,
                     const tt_error *capture, tt_error *err);

int
tt_read_html(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t,
             tt_read_doc *doc, tt_error *err)
{
    if (n > INT_MAX)
        return tt_error_set(err, TT_ELIMIT, "HTML file larger than 2 GiB");
    tt_error cap;
    tt_error_clear(&cap);
    silence(&cap);
    int rc = html_read(p, n, o, t, doc, &cap, err);
    unsilence();
    return rc;
}

/* tt_read_html with libxml2's messages going to *capture. */
static int
html_read(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t, tt_read_doc *doc,
          const tt_error *capture, tt_error *err)
{
    int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
               HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED;
    const char *enc = o->encoding && *o->encoding ? o->encoding : NULL;
    /* libxml2 takes a page without a charset for ISO-8859-1; bytes that are valid UTF-8 are UTF-8 (a
     * CP1251 or KOI8-R page practically never is), others keep the page's own meta charset */
    if (!enc && tt_utf8_check(p, n) == n)
        enc = "UTF-8";
    uint64_t maxd = o->lim.max_depth ? o->lim.max_depth : DEFAULT_MAX_DEPTH;
    if (maxd > 256)
        opts |= XML_PARSE_HUGE; /* libxml2 stops at 256 levels without it (2048 with it) */
    htmlParserCtxtPtr x = htmlNewParserCtxt();
    if (!x)
        return tt_error_set(err, TT_ENOMEM, "out of memory (libxml2)");
    htmlDocPtr d = htmlCtxtReadMemory(x, p, (int)n, NULL, enc, opts);
    /* libxml2 recovers from too deep a tree by dropping the rest of the page: never silently */
    int too_deep = x->errNo == XML_ERR_INTERNAL_ERROR;
    htmlFreeParserCtxt(x);
    if (too_deep) {
        xmlFreeDoc(d);
        return tt_error_set(err, TT_ELIMIT, "HTML elements nested deeper than %llu (%s)",
                            (unsigned long long)(maxd > 256 ? 2048 : maxd),
                            maxd > 256 ? "libxml2's limit" : "--max-depth raises the limit");
    }
    if (!d)
        return tt_error_set(err, TT_EFORMAT, "HTML that libxml2 cannot parse%s%s",
                            capture->msg[0] ? ": " : "", capture->msg);
    tt_emit e;
    tt_emit_init(&e, &doc->text, o->max_text);
    int rc = 0;
    if (o->html_select && *o->html_select && !xpath_guard(o->html_select, err)) {
        rc = err->code;
    } else if (o->html_select && *o->html_select) {
        xmlXPathContextPtr xc = xmlXPathNewContext(d);
        xmlXPathObjectPtr r =
            xc ? xmlXPathEvalExpression((const xmlChar *)o->html_select, xc) : NULL;
        if (!xc)
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        else if (!r)
            rc = tt_error_set(err, TT_EUSAGE, "bad XPath expression '%s' (--html-select)%s%s",
                              o->html_select, capture->msg[0] ? ": " : "", capture->msg);
        else if (r->type != XPATH_NODESET || !r->nodesetval || r->nodesetval->nodeNr == 0)
            rc = tt_error_set(
                err, TT_EEMPTY,
                "--html-select '%s' selects nothing in this page (check the page's markup: "
                "an id or class the publisher changed?)",
                o->html_select);
        xmlNodePtr last = NULL;
        for (int i = 0; !rc && i < r->nodesetval->nodeNr; i++) {
            xmlNodePtr s = r->nodesetval->nodeTab[i];
            if (last && is_inside(s, last))
                continue; /* already emitted with an ancestor */
            tt_emit_break(&e, EB_PARA);
            rc = walk(s, o, t, &e, err);
            last = s;
        }
        xmlXPathFreeObject(r);
        xmlXPathFreeContext(xc);
    } else {
        xmlNodePtr root = xmlDocGetRootElement(d);
        for (xmlNodePtr c = d->children; !rc && c; c = c->next)
            if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE)
                rc = walk(c, o, t, &e, err);
        (void)root;
    }
    xmlFreeDoc(d);
    return rc;
}
