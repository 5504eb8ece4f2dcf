/* fuzz_runjson.c - libFuzzer target for the report's run.json reader (rj_parse, report_json.c) and
 * its TSV escapes: any bytes either parse (and every member can be looked up and freed) or fail
 * with TT_ESYNTAX and an offset inside the input. */
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(const rj_value *v, int depth)
{
    if (depth > 70)
        abort(); /* the reader limits nesting to 64 */
    for (size_t i = 0; i < v->n; i++) {
        if (v->kind == RJ_OBJ && rj_get(v, v->keys[i]) == NULL)
            abort();
        walk(&v->items[i], depth + 1);
    }
    if ((v->kind == RJ_STR || v->kind == RJ_NUM || v->kind == RJ_BOOL || v->kind == RJ_NULL) &&
        !v->str)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rj_value v;
    tt_error err;
    tt_error_clear(&err);
    int rc = rj_parse(&v, (const char *)data, size, &err);
    if (rc == 0) {
        walk(&v, 0);
        rj_free(&v);
    } else if ((rc != TT_ESYNTAX && rc != TT_ENOMEM) || !err.msg[0] ||
               (rc == TT_ESYNTAX && err.offset > size)) {
        abort();
    }
    tt_buf b = {0}; /* the escaper used for every text of the page */
    char *s = malloc(size + 1);
    if (s) {
        memcpy(s, data, size);
        s[size] = 0;
        if (rp_esc(&b, s) == 0 && b.data && (strchr(b.data, '<') || strchr(b.data, '"')))
            abort();
        free(s);
    }
    tt_buf_free(&b);
    return 0;
}
