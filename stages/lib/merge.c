/* merge.c - `pipeline merge`: the partial outputs of a sharded run (`run --shard i/K`, tt/partial.h) -> one
 * output folder, byte for byte the one run's (see tt_merge in tt/run.h). */
#include "tt/run.h"

#include "tt/export.h"
#include "tt/fs.h"
#include "tt/outdir.h"
#include "tt/partial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct merge_exec {
    unsigned parts;
    double t0;
} merge_exec;

/* run.json's "execution" value of a merge. */
static int
merge_execution_json(void *ctx, tt_buf *b)
{
    const merge_exec *mx = ctx;
    return tt_buf_printf(b, "{\"merged_parts\": %u, \"seconds\": %.3f}", mx->parts, tt_now_seconds() - mx->t0)
               ? TT_ENOMEM
               : 0;
}

int
tt_merge(const char *const *parts, size_t nparts, const char *out, tt_run_result *res, tt_error *err)
{
    double t0 = tt_now_seconds();
    memset(res, 0, sizeof *res);
    if (nparts == 0)
        return tt_error_set(err, TT_EUSAGE, "no partial outputs to merge");
    {
        tt_dir_guard *g = calloc(nparts, sizeof *g);
        if (!g)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        for (size_t i = 0; i < nparts; i++)
            g[i] = (tt_dir_guard){parts[i], "partial output"};
        int grc = tt_dir_check(out, TT_DIR_OUTPUT, "--out", g, nparts, err);
        free(g);
        if (grc)
            return grc;
    }
    tt_partial *p = calloc(nparts, sizeof *p);
    size_t *order = calloc(nparts, sizeof *order);
    tt_exporter *ex = NULL;
    char tmp[4200] = "";
    int rc = 0;
    if (!p || !order) {
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nparts; i++)
        if ((rc = tt_partial_read(&p[i], parts[i], err)))
            goto done;
    unsigned k = p[0].shard_k;
    for (size_t i = 0; i < nparts; i++) {
        if (strcmp(p[i].sig, p[0].sig) != 0 || p[i].shard_k != k) {
            rc = tt_error_set(err, TT_EUSAGE,
                              "'%s' and '%s' are parts of different runs (corpus, lexicon or options differ)",
                              parts[0], parts[i]);
            goto done;
        }
        if (p[i].shard_i >= k) {
            rc = tt_error_set(err, TT_EUSAGE, "'%s': shard %u of %u is out of range", parts[i], p[i].shard_i, k);
            goto done;
        }
    }
    for (unsigned s = 0; s < k; s++) {
        size_t found = nparts;
        for (size_t i = 0; i < nparts; i++)
            if (p[i].shard_i == s) {
                if (found != nparts) {
                    rc = tt_error_set(err, TT_EUSAGE, "shard %u/%u given twice ('%s' and '%s')", s, k,
                                      parts[found], parts[i]);
                    goto done;
                }
                found = i;
            }
        if (found == nparts) {
            rc = tt_error_set(err, TT_EUSAGE, "shard %u/%u is missing: every part of the run is needed", s, k);
            goto done;
        }
        order[s] = found;
    }
    if (nparts != k) {
        rc = tt_error_set(err, TT_EUSAGE, "%zu parts given for %u shards", nparts, k);
        goto done;
    }
    if ((rc = tt_make_staging(out, tmp, sizeof tmp, err))) /* the output folder: a staging folder beside it */
        goto done;
    merge_exec mx = {k, t0};
    tt_export_opts eo = p[0].opts;
    eo.dir = tmp;
    eo.run_json_extra = p[0].run_json_extra;
    eo.execution = merge_execution_json;
    eo.execution_ctx = &mx;
    if ((rc = tt_exporter_new(&ex, &eo, err)))
        goto done;
    for (unsigned s = 0; s < k; s++)
        if ((rc = tt_partial_feed(p[order[s]].docres_path, ex, &res->docs, &res->skipped, err)))
            goto done;
    res->ok = res->docs - res->skipped;
    if ((rc = tt_exporter_finish(ex, err)))
        goto done;
    if ((rc = tt_dir_mark(tmp, TT_DIR_OUTPUT, err)))
        goto done;
    if ((rc = tt_install_dir(tmp, out, err)))
        goto done;
    tmp[0] = 0;
    res->seconds = tt_now_seconds() - t0;
    rc = res->skipped ? 1 : 0;
done:
    tt_exporter_free(ex);
    if (tmp[0])
        tt_rmtree(tmp);
    for (size_t i = 0; p && i < nparts; i++)
        tt_partial_free_read(&p[i]);
    free(p);
    free(order);
    return rc;
}
