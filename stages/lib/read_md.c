/* read_md.c - Markdown with a YAML front matter -> text: libyaml reads the front matter (events
 * only: no alias is ever expanded), whose scalar fields become manifest columns by
 * lexicons/frontmatter.tsv; cmark (CommonMark) parses the body and only its text is kept -
 * headings, quotes, emphasis, bullets and HTML are markup; ordered list markers (`1)`, `2.`) are
 * kept, as legal texts number their points that way (see tt/read.h). */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "read_impl.h"

/* Length of the front matter block including its closing line; *body_off = where the body starts. 0
 * = none (the file does not start with a `---` line); -1 = not closed. */
static long
front_matter(const char *s, size_t n, size_t *yaml_off, size_t *yaml_len, size_t *body_off)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (n - i < 4 || memcmp(s + i, "---", 3) != 0)
        return 0;
    size_t j = i + 3;
    if (j < n && s[j] == '\r')
        j++;
    if (j >= n || s[j] != '\n')
        return 0;
    *yaml_off = ++j;
    while (j < n) {
        size_t e = j;
        while (e < n && s[e] != '\n')
            e++;
        size_t le = e > j && s[e - 1] == '\r' ? e - 1 : e;
        if (le - j == 3 && (memcmp(s + j, "---", 3) == 0 || memcmp(s + j, "...", 3) == 0)) {
            *yaml_len = j - *yaml_off;
            *body_off = e < n ? e + 1 : n;
            return 1;
        }
        j = e + 1;
    }
    return -1;
}

static int
add_meta(tt_read_doc *doc, const char *col, const char *val, size_t vn)
{
    if (tt_read_meta(doc, col))
        return 0;
    char **m = realloc(doc->meta, (doc->nmeta + 1) * 2 * sizeof *m);
    if (!m)
        return TT_ENOMEM;
    doc->meta = m;
    char *c = strdup(col), *v = malloc(vn + 1);
    if (!c || !v) {
        free(c);
        free(v);
        return TT_ENOMEM;
    }
    memcpy(v, val, vn);
    v[vn] = 0;
    m[2 * doc->nmeta] = c;
    m[2 * doc->nmeta + 1] = v;
    doc->nmeta++;
    return 0;
}

/* The value `val` maps to by a VALUES list "from=to,from=to" (NULL if not listed); the value itself
 * if the list is empty. */
static const char *
map_value(const char *values, const char *val, size_t *vn)
{
    if (!*values)
        return val;
    size_t n = *vn;
    for (const char *p = values; *p;) {
        const char *eq = strchr(p, '='), *end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        if (eq && eq < end && (size_t)(eq - p) == n && memcmp(p, val, n) == 0) {
            *vn = (size_t)(end - eq - 1);
            return eq + 1;
        }
        p = *end ? end + 1 : end;
    }
    return NULL;
}

/* Reads the top-level scalar fields of the YAML block and maps them. */
static int
read_yaml(const char *y, size_t n, const tt_read_tables *t, tt_read_doc *doc, tt_error *err)
{
    yaml_parser_t ps;
    if (!yaml_parser_initialize(&ps))
        return tt_error_set(err, TT_ENOMEM, "out of memory (libyaml)");
    yaml_parser_set_input_string(&ps, (const unsigned char *)y, n);
    int depth = 0, rc = 0, done = 0, want_key = 1;
    char *key = NULL;
    /* collected pairs: field -> value (top level, scalars only) */
    char **kv = NULL;
    size_t nkv = 0;
    while (!rc && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&ps, &ev)) {
            rc = tt_error_set(err, TT_EFORMAT, "front matter is not valid YAML (line %zu: %s)",
                              ps.problem_mark.line + 2, ps.problem ? ps.problem : "parse error");
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (depth == 1 && !want_key) { /* a nested value: not read */
                free(key);
                key = NULL;
                want_key = 1;
            }
            depth++;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            depth--;
            break;
        case YAML_SCALAR_EVENT:
            if (depth != 1)
                break;
            if (want_key) {
                key = strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
                want_key = key == NULL;
                if (!key)
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            } else {
                char **m = realloc(kv, (nkv + 1) * 2 * sizeof *m);
                char *v = strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
                if (!m || !v) {
                    free(v);
                    if (m)
                        kv = m;
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                    break;
                }
                kv = m;
                kv[2 * nkv] = key;
                kv[2 * nkv + 1] = v;
                nkv++;
                key = NULL;
                want_key = 1;
            }
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&ps);
    free(key);
    for (size_t r = 0; !rc && r < t->nfm; r++)
        for (size_t i = 0; i < nkv; i++)
            if (strcmp(kv[2 * i], t->fm[r].field) == 0) {
                size_t vn = strlen(kv[2 * i + 1]);
                const char *v = map_value(t->fm[r].values, kv[2 * i + 1], &vn);
                if (v && vn && add_meta(doc, t->fm[r].column, v, vn))
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                break;
            }
    for (size_t i = 0; i < 2 * nkv; i++)
        free(kv[i]);
    free(kv);
    return rc;
}

static int
emit_rc(int rc, tt_emit *e, tt_error *err)
{
    if (rc == TT_ELIMIT)
        return tt_read_too_long(err, e->max);
    return rc ? tt_error_set(err, TT_ENOMEM, "out of memory") : 0;
}

static int
read_body(const char *s, size_t n, tt_emit *e, tt_error *err)
{
    cmark_node *root = cmark_parse_document(s, n, CMARK_OPT_DEFAULT);
    if (!root)
        return tt_error_set(err, TT_ENOMEM, "out of memory (cmark)");
    cmark_iter *it = cmark_iter_new(root);
    int rc = 0, after_marker = 0;
    cmark_event_type ev;
    while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *nd = cmark_iter_get_node(it);
        cmark_node_type ty = cmark_node_get_type(nd);
        const char *lit;
        switch (ty) {
        case CMARK_NODE_TEXT:
            lit = cmark_node_get_literal(nd);
            rc = lit ? tt_emit_text(e, lit, strlen(lit)) : 0;
            break;
        case CMARK_NODE_CODE:
            /* a legal text has no code: backticks are Uzbek apostrophes (o`zbek), so they are kept
             * as written */
            lit = cmark_node_get_literal(nd);
            rc = tt_emit_literal(e, "`", 1);
            if (!rc && lit)
                rc = tt_emit_text(e, lit, strlen(lit));
            if (!rc)
                rc = tt_emit_literal(e, "`", 1);
            break;
        case CMARK_NODE_CODE_BLOCK:
            lit = cmark_node_get_literal(nd);
            tt_emit_break(e, EB_PARA);
            e->pre++;
            rc = lit ? tt_emit_text(e, lit, strlen(lit)) : 0;
            e->pre--;
            tt_emit_break(e, EB_PARA);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            tt_emit_break(e, EB_LINE);
            break;
        case CMARK_NODE_IMAGE:
            if (ev == CMARK_EVENT_ENTER)
                cmark_iter_reset(it, nd, CMARK_EVENT_EXIT); /* its alt text is not the document's */
            break;
        case CMARK_NODE_ITEM:
            tt_emit_break(e, EB_LINE);
            if (ev == CMARK_EVENT_ENTER) {
                cmark_node *list = cmark_node_parent(nd);
                if (list && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
                    int k = cmark_node_get_list_start(list);
                    for (cmark_node *p = cmark_node_previous(nd); p; p = cmark_node_previous(p))
                        k++;
                    char mk[24];
                    int ml =
                        snprintf(mk, sizeof mk, "%d%c", k,
                                 cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.');
                    tt_emit_break(e, EB_PARA);
                    rc = tt_emit_literal(e, mk, (size_t)ml);
                    after_marker = 1;
                }
            }
            break;
        case CMARK_NODE_PARAGRAPH:
            if (ev == CMARK_EVENT_ENTER && after_marker)
                tt_emit_break(e, EB_SPACE);
            else
                tt_emit_break(e, EB_PARA);
            after_marker = 0;
            break;
        case CMARK_NODE_HEADING:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_HTML_BLOCK:
            tt_emit_break(e, EB_PARA);
            break;
        default:
            break; /* emphasis, strong, links: their text only; inline HTML: nothing */
        }
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    return emit_rc(rc, e, err);
}

int
tt_read_md(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t,
           tt_read_doc *doc, tt_error *err)
{
    const char *s = p;
    size_t yo = 0, yl = 0, bo = 0;
    long fm = front_matter(s, n, &yo, &yl, &bo);
    if (fm < 0)
        return tt_error_set(err, TT_EFORMAT,
                            "the front matter that starts with '---' on line 1 is never closed "
                            "(a line '---' must end it)");
    int rc = 0;
    if (fm > 0)
        rc = read_yaml(s + yo, yl, t, doc, err);
    tt_emit e;
    tt_emit_init(&e, &doc->text, o->max_text);
    if (!rc)
        rc = read_body(s + bo, n - bo, &e, err);
    return rc;
}
