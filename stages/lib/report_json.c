/* report_json.c - a small JSON reader (objects, arrays, strings, literals) for run.json in the
 * report. Numbers are kept as written, so the page shows exactly what run.json says. */
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"

typedef struct {
    const char *s, *p, *end;
    tt_error *err;
    int depth;
} rj_parser;

static int
fail(rj_parser *q, const char *what)
{
    tt_error_set(q->err, TT_ESYNTAX, "%s", what);
    q->err->has_offset = 1;
    q->err->offset = (uint64_t)(q->p - q->s);
    return TT_ESYNTAX;
}

static void
ws(rj_parser *q)
{
    while (q->p < q->end && (*q->p == ' ' || *q->p == '\t' || *q->p == '\n' || *q->p == '\r'))
        q->p++;
}

static int
hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        unsigned d = ch >= '0' && ch <= '9'   ? (unsigned)(ch - '0')
                     : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                     : ch >= 'A' && ch <= 'F' ? (unsigned)(ch - 'A' + 10)
                                              : 16u;
        if (d == 16)
            return -1;
        *v = *v * 16 + d;
    }
    return 0;
}

static int
put_utf8(tt_buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 63)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 63)),
        u[2] = (char)(0x80 | (cp & 63));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 63));
        u[2] = (char)(0x80 | (cp >> 6 & 63)), u[3] = (char)(0x80 | (cp & 63)), n = 4;
    }
    return tt_buf_append(b, u, n);
}

static int
string(rj_parser *q, char **out)
{
    tt_buf b = {0};
    q->p++; /* the opening quote */
    while (q->p < q->end && *q->p != '"') {
        int rc = 0;
        if (*q->p == '\\') {
            if (q->end - q->p < 2)
                break;
            char e = q->p[1];
            const char *map = strchr("\"\"\\\\//b\bf\fn\nr\rt\t", e);
            if (e == 'u') {
                unsigned cp, lo;
                if (q->end - q->p < 6 || hex4(q->p + 2, &cp)) {
                    tt_buf_free(&b);
                    return fail(q, "bad \\u escape");
                }
                q->p += 6;
                if (cp >= 0xD800 && cp < 0xDC00 && q->end - q->p >= 6 && q->p[0] == '\\' &&
                    q->p[1] == 'u' && !hex4(q->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    q->p += 6;
                }
                rc = put_utf8(&b, cp);
            } else if (map && e && ((map - "\"\"\\\\//b\bf\fn\nr\rt\t") % 2) == 0) {
                rc = tt_buf_putc(&b, map[1]);
                q->p += 2;
            } else {
                tt_buf_free(&b);
                return fail(q, "bad escape in a string");
            }
        } else {
            rc = tt_buf_putc(&b, *q->p++);
        }
        if (rc) {
            tt_buf_free(&b);
            return tt_error_set(q->err, TT_ENOMEM, "out of memory");
        }
    }
    if (q->p >= q->end) {
        tt_buf_free(&b);
        return fail(q, "unterminated string");
    }
    q->p++;
    *out = tt_buf_detach(&b, NULL);
    return 0;
}

static int value(rj_parser *q, rj_value *v);

static int
grow(rj_value *v, size_t *cap, int obj)
{
    if (v->n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 8;
    rj_value *it = realloc(v->items, nc * sizeof *it);
    if (!it)
        return TT_ENOMEM;
    v->items = it;
    if (obj) {
        char **k = realloc(v->keys, nc * sizeof *k);
        if (!k)
            return TT_ENOMEM;
        v->keys = k;
    }
    *cap = nc;
    return 0;
}

static int
container(rj_parser *q, rj_value *v, int obj)
{
    char close = obj ? '}' : ']';
    size_t cap = 0;
    v->kind = obj ? RJ_OBJ : RJ_ARR;
    q->p++;
    ws(q);
    if (q->p < q->end && *q->p == close) {
        q->p++;
        return 0;
    }
    for (;;) {
        ws(q);
        if (grow(v, &cap, obj))
            return tt_error_set(q->err, TT_ENOMEM, "out of memory");
        if (obj) {
            if (q->p >= q->end || *q->p != '"')
                return fail(q, "expected a member name");
            int rc = string(q, &v->keys[v->n]);
            if (rc)
                return rc;
            ws(q);
            if (q->p >= q->end || *q->p != ':') {
                free(v->keys[v->n]);
                return fail(q, "expected ':'");
            }
            q->p++;
        }
        memset(&v->items[v->n], 0, sizeof *v->items);
        int rc = value(q, &v->items[v->n]);
        v->n++;
        if (rc)
            return rc;
        ws(q);
        if (q->p < q->end && *q->p == ',') {
            q->p++;
            continue;
        }
        if (q->p < q->end && *q->p == close) {
            q->p++;
            return 0;
        }
        return fail(q, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int
value(rj_parser *q, rj_value *v)
{
    ws(q);
    if (q->p >= q->end)
        return fail(q, "unexpected end");
    if (++q->depth > 64)
        return fail(q, "nested too deeply");
    int rc;
    char ch = *q->p;
    if (ch == '{' || ch == '[') {
        rc = container(q, v, ch == '{');
    } else if (ch == '"') {
        v->kind = RJ_STR;
        rc = string(q, &v->str);
    } else {
        const char *a = q->p;
        while (q->p < q->end && strchr("+-.0123456789eEtrufalsn", *q->p))
            q->p++;
        size_t n = (size_t)(q->p - a);
        if (n == 0)
            return fail(q, "unexpected character");
        v->kind = (n == 4 && !memcmp(a, "null", 4)) ? RJ_NULL
                  : ((n == 4 && !memcmp(a, "true", 4)) || (n == 5 && !memcmp(a, "false", 5)))
                      ? RJ_BOOL
                      : RJ_NUM;
        if (v->kind == RJ_NUM && !strchr("-0123456789", *a))
            return fail(q, "unexpected word");
        v->str = strndup(a, n);
        rc = v->str ? 0 : tt_error_set(q->err, TT_ENOMEM, "out of memory");
    }
    q->depth--;
    return rc;
}

int
rj_parse(rj_value *v, const char *s, size_t n, tt_error *err)
{
    memset(v, 0, sizeof *v);
    rj_parser q = {s, s, s + n, err, 0};
    int rc = value(&q, v);
    if (!rc) {
        ws(&q);
        if (q.p != q.end)
            rc = fail(&q, "text after the value");
    }
    if (rc)
        rj_free(v);
    return rc;
}

void
rj_free(rj_value *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        rj_free(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    memset(v, 0, sizeof *v);
}

const rj_value *
rj_get(const rj_value *v, const char *key)
{
    if (!v || v->kind != RJ_OBJ)
        return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->keys[i], key))
            return &v->items[i];
    return NULL;
}

const char *
rj_str(const rj_value *v, const char *def)
{
    return v && v->str ? v->str : def;
}
