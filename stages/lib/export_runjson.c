/* export_runjson.c - run.json: provenance (program, versions of the libraries), the caller's members (inputs,
 * options), contexts, documents (skipped_list), totals of the integer statistics, per_document values, and the
 * caller's "execution" member last (see tt_exporter_finish in tt/export.h). */
#include "export_priv.h"

#include "tt/json.h"
#include "tt/num.h"
#include "tt/read.h"
#include "tt/sha256.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uversion.h>

static int
is_uint(const char *s, size_t n)
{
    if (!n || n > 19)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Statistics: integers to the totals, other values to run.json's per_document list. */
static int
record_stats(tt_exporter *ex, const char *doc_id, size_t idn, tt_error *err)
{
    tt_buf *b = &ex->scratch;
    tt_buf_reset(b);
    int listed = 0;
    for (size_t i = 0; i < ex->stat.n; i++) {
        const size_t *o = ex->stat.off + 4 * i;
        const char *k = ex->stat.store.data + o[0], *v = ex->stat.store.data + o[2];
        if (is_uint(v, o[3])) {
            size_t idx;
            uint64_t x = 0;
            tt_num_parse_u64(v, o[3], &x);
            if (tt_strmap_intern(&ex->stats, k, o[1], &idx, NULL))
                return ex_oom(err);
            ex->stats.val[idx][0] += x;
            continue;
        }
        if (!strcmp(k, "sha256") || !strcmp(k, "status") || !strcmp(k, "script_used"))
            continue;
        if (!strcmp(k, "warnings")) { /* listed only when there are some; counted in documents */
            if (!o[3])
                continue;
            ex->nwarned++;
        }
        if (!listed && (tt_buf_puts(b, "{\"doc_id\": ") || tt_json_str(b, doc_id, idn)))
            return ex_oom(err);
        listed = 1;
        if (tt_buf_puts(b, ", ") || tt_json_str(b, k, o[1]) || tt_buf_puts(b, ": ") || tt_json_str(b, v, o[3]))
            return ex_oom(err);
    }
    if (!listed)
        return 0;
    if (tt_buf_putc(b, '}'))
        return ex_oom(err);
    if (ex->nperdoc++ && ex_put_str(ex->perdoc, ",\n    ") < 0)
        return tt_error_set(err, TT_EIO, "write failed");
    return ex_put_buf(ex->perdoc, b, err);
}

int
ex_runjson_add_doc(tt_exporter *ex, const char *doc_id, size_t idn, const char *status, size_t stn, int ok,
                   tt_error *err)
{
    int rc = record_stats(ex, doc_id, idn, err);
    if (rc || ok)
        return rc;
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_puts(b, ex->nskipped ? ",\n      {\"doc_id\": " : "{\"doc_id\": ") || tt_json_str(b, doc_id, idn) ||
        tt_buf_puts(b, ", \"status\": ") || tt_json_str(b, status, stn) || tt_buf_putc(b, '}'))
        return ex_oom(err);
    ex->nskipped++;
    return ex_put_buf(ex->skipped, b, err);
}

static int
json_versions(tt_buf *b)
{
    UVersionInfo uv;
    char icu[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(uv);
    u_versionToString(uv, icu);
    char pcre[64] = "";
    if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= (int)sizeof pcre)
        pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    return tt_buf_puts(b, "  \"libraries\": {") || tt_json_member_str(b, "icu", icu) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "pcre2", pcre) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "zlib", zlibVersion()) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "snowball", "libstemmer") || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "openssl", tt_sha256_lib_version()) || tt_buf_puts(b, ", ") ||
           /* the document readers (tt/read.h) */
           tt_json_member_str(b, "libxml2", tt_read_lib_version("libxml2")) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "libzip", tt_read_lib_version("libzip")) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "poppler", tt_read_lib_version("poppler")) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "cmark", tt_read_lib_version("cmark")) || tt_buf_puts(b, ", ") ||
           tt_json_member_str(b, "libyaml", tt_read_lib_version("libyaml")) || tt_buf_puts(b, "},\n");
}

/* Everything up to the skipped_list items. */
static int
json_head(tt_exporter *ex, tt_buf *b)
{
    if (tt_buf_printf(b, "{\n  \"format_version\": %d,\n  \"program\": \"termtrace\",\n  \"version\": \"%s\",\n",
                      TT_FORMAT_VERSION, TT_VERSION) ||
        json_versions(b))
        return TT_ENOMEM;
    if (ex->o.run_json_extra) {
        const char *x = ex->o.run_json_extra;
        size_t n = strlen(x);
        while (n && (x[n - 1] == ' ' || x[n - 1] == '\n' || x[n - 1] == ',' || x[n - 1] == '\t'))
            n--;
        if (n && (tt_buf_puts(b, "  ") || tt_buf_append(b, x, n) || tt_buf_puts(b, ",\n")))
            return TT_ENOMEM;
    }
    if (tt_buf_puts(b, "  \"contexts\": ["))
        return TT_ENOMEM;
    for (size_t i = 0; i < ex->o.ncontexts; i++)
        if ((i && tt_buf_puts(b, ", ")) || tt_json_cstr(b, ex->o.contexts[i].name))
            return TT_ENOMEM;
    return tt_buf_printf(b,
                         "],\n  \"documents\": {\"total\": %llu, \"ok\": %llu, \"skipped\": %llu, "
                         "\"with_warnings\": %llu, \"skipped_list\": [",
                         (unsigned long long)ex->row, (unsigned long long)(ex->row - ex->nskipped),
                         (unsigned long long)ex->nskipped, (unsigned long long)ex->nwarned);
}

/* From the end of skipped_list to the per_document items. */
static int
json_totals(tt_exporter *ex, tt_buf *b)
{
    if (tt_buf_puts(b, "]},\n  \"totals\": {"))
        return TT_ENOMEM;
    ex_sref *s = ex_sorted_keys(&ex->stats);
    if (ex->stats.n && !s)
        return TT_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < ex->stats.n && !rc; i++)
        if ((i && tt_buf_puts(b, ", ")) || tt_json_str(b, s[i].s, s[i].n) || tt_buf_puts(b, ": ") ||
            tt_buf_put_u64(b, ex->stats.val[s[i].idx][0]))
            rc = TT_ENOMEM;
    free(s);
    if (!rc && tt_buf_puts(b, ex->nperdoc ? "},\n  \"per_document\": [\n    " : "},\n  \"per_document\": ["))
        rc = TT_ENOMEM;
    return rc;
}

/* The end: per_document's close, the execution member, the object's close. */
static int
json_tail(tt_exporter *ex, tt_buf *b)
{
    if (tt_buf_puts(b, ex->nperdoc ? "\n  ]" : "]"))
        return TT_ENOMEM;
    if (ex->o.execution &&
        (tt_buf_puts(b, ",\n  ") || tt_json_key(b, "execution") || ex->o.execution(ex->o.execution_ctx, b)))
        return TT_ENOMEM;
    return tt_buf_puts(b, "\n}\n") ? TT_ENOMEM : 0;
}

int
ex_write_run_json(tt_exporter *ex, tt_error *err)
{
    tt_buf b = {0};
    tt_atomic a = {0};
    int rc = json_head(ex, &b) ? ex_oom(err) : 0;
    if (!rc)
        rc = ex_open_out(ex, &a, "run.json", err);
    if (!rc && !(rc = ex_put_buf(a.f, &b, err)))
        rc = ex_copy_scratch(ex->skipped, a.f, err);
    tt_buf_reset(&b);
    if (!rc && json_totals(ex, &b))
        rc = ex_oom(err);
    if (!rc && !(rc = ex_put_buf(a.f, &b, err)))
        rc = ex_copy_scratch(ex->perdoc, a.f, err);
    tt_buf_reset(&b);
    if (!rc && json_tail(ex, &b))
        rc = ex_oom(err);
    if (!rc)
        rc = ex_commit(&a, &b, err);
    else
        tt_atomic_abort(&a);
    tt_buf_free(&b);
    return rc;
}
