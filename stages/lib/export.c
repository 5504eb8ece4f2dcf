/* export.c - the exporter: docres records in, the output folder of outputs.md out (see tt/export.h). This file
 * holds the options, create/free and the finish sequence; each output lives in its own export_*.c file (the map
 * is at the top of export_priv.h). The association measures and keyness formulas live in measures.c, the
 * diff in diff.c. */
#include "export_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
intern_concepts(tt_exporter *ex, const tt_export_opts *opts, tt_error *err)
{
    for (size_t i = 0; i < ex->nc; i++) {
        const char *id = opts->concepts[i].id;
        size_t idx;
        int isnew;
        if (!id || !id[0])
            return tt_error_set(err, TT_EUSAGE, "concept %zu has no id", i + 1);
        if (tt_strmap_intern(&ex->concepts, id, strlen(id), &idx, &isnew))
            return ex_oom(err);
        if (!isnew)
            return tt_error_set(err, TT_EUSAGE, "concept '%s' listed twice", id);
    }
    size_t nc1 = ex->nc ? ex->nc : 1;
    if (!(ex->df = calloc(nc1, sizeof *ex->df)) || !(ex->ka = calloc(nc1, sizeof *ex->ka)) ||
        !(ex->kb = calloc(nc1, sizeof *ex->kb)) ||
        !(ex->cooc = calloc(opts->ncontexts ? opts->ncontexts : 1, sizeof *ex->cooc)))
        return ex_oom(err);
    return 0;
}

/* The options of every output: groupings, weights, compare, period. */
static int
parse_options(tt_exporter *ex, const tt_export_opts *opts, tt_error *err)
{
    int rc;
    if ((rc = ex_add_grouping(ex, "country", 7, err)) || (rc = ex_add_grouping(ex, "country+year", 12, err)))
        return rc;
    for (size_t i = 0; i < opts->ngroup_by; i++)
        if ((rc = ex_add_grouping(ex, opts->group_by[i], strlen(opts->group_by[i]), err)))
            return rc;
    if (opts->weight && (rc = ex_parse_weights(ex, opts->weight, err)))
        return rc;
    if (opts->compare && (rc = ex_parse_compare(ex, opts->compare, err)))
        return rc;
    if (opts->period) {
        const char *sb = opts->series_by ? opts->series_by : "country";
        if ((rc = ex_parse_period(ex, opts->period, err)) || (rc = ex_grouping_init(&ex->series, sb, strlen(sb), err)))
            return rc;
        ex->do_series = 1;
    }
    return 0;
}

static int
make_groups_dir(const char *dir, tt_error *err)
{
    tt_buf p = {0};
    int rc = 0;
    if (tt_buf_printf(&p, "%s/groups", dir))
        rc = ex_oom(err);
    else if (mkdir(p.data, 0777) != 0 && errno != EEXIST) {
        tt_error_set(err, TT_EIO, "cannot create the folder");
        rc = tt_error_at(err, p.data, 0, 0);
    }
    tt_buf_free(&p);
    return rc;
}

int
tt_exporter_new(tt_exporter **out, const tt_export_opts *opts, tt_error *err)
{
    *out = NULL;
    if (!opts->dir || !opts->dir[0])
        return tt_error_set(err, TT_EUSAGE, "no output folder");
    if (opts->nmanifest_columns && strcmp(opts->manifest_columns[0], "doc_id") != 0)
        return tt_error_set(err, TT_EUSAGE, "the manifest columns must start with doc_id");
    tt_exporter *ex = calloc(1, sizeof *ex);
    if (!ex)
        return ex_oom(err);
    ex->o = *opts;
    ex->sfx = opts->gzip ? ".gz" : "";
    ex->aflags = (opts->gzip ? TT_ATOMIC_GZIP : 0) | TT_ATOMIC_STAGED; /* o.dir is installed by tt_install_dir */
    ex->nc = opts->nconcepts;
    int rc = intern_concepts(ex, opts, err);
    if (!rc)
        rc = parse_options(ex, opts, err);
    if (!rc)
        rc = make_groups_dir(opts->dir, err);
    if (!rc)
        rc = ex_open_streams(ex, err);
    if (!rc)
        rc = ex_disc_new(ex, err);
    if (rc) {
        tt_exporter_free(ex);
        return rc;
    }
    *out = ex;
    return 0;
}

void
tt_exporter_free(tt_exporter *ex)
{
    if (!ex)
        return;
    tt_atomic_abort(&ex->docs);
    tt_atomic_abort(&ex->tf);
    tt_atomic_abort(&ex->hits);
    FILE *tmps[] = {ex->tfmtx, ex->wtmp, ex->vtmp, ex->skipped, ex->perdoc};
    for (size_t i = 0; i < sizeof tmps / sizeof tmps[0]; i++)
        if (tmps[i])
            fclose(tmps[i]);
    tt_strmap_free(&ex->concepts);
    free(ex->df);
    for (size_t i = 0; ex->cooc && i < ex->o.ncontexts; i++)
        tt_u64map_free(&ex->cooc[i]);
    free(ex->cooc);
    for (size_t i = 0; i < ex->ngrp; i++)
        ex_grouping_free(&ex->grp[i]);
    free(ex->grp);
    ex_grouping_free(&ex->series);
    tt_strmap_free(&ex->forms);
    tt_strmap_free(&ex->forms_surf);
    tt_strmap_free(&ex->forms_doc);
    tt_strmap_free(&ex->kterms);
    free(ex->breaks);
    ex_keyness_free(ex);
    tt_strmap_free(&ex->terms);
    tt_disc_free(ex->disc);
    tt_strmap_free(&ex->stats);
    tt_kv_free(&ex->meta);
    tt_kv_free(&ex->stat);
    free(ex->cells);
    tt_buf_free(&ex->line);
    tt_buf_free(&ex->scratch);
    free(ex);
}

static int
commit_streams(tt_exporter *ex, tt_error *err)
{
    int rc;
    if ((rc = tt_atomic_commit(&ex->docs, err)) || (rc = tt_atomic_commit(&ex->tf, err)))
        return rc;
    return tt_atomic_commit(&ex->hits, err);
}

/* The outputs written at finish, in this order; each writer returns 0 at once when its output is off.
 * run.json is last: it reports on the rest, and the caller's execution member is taken when it is written. */
static int (*const writers[])(tt_exporter *, tt_error *) = {
    commit_streams,   ex_write_concepts, ex_write_tfmtx,  ex_write_cooc,   ex_write_groups,
    ex_write_weights, ex_write_discovery, ex_write_vocab, ex_write_keyness, ex_write_series, ex_write_forms,
    ex_write_run_json,
};

int
tt_exporter_finish(tt_exporter *ex, tt_error *err)
{
    if (ex->broken || ex->finished)
        return tt_error_set(err, TT_EUSAGE, "exporter used after an error or after finish");
    ex->finished = 1;
    if (ex->state != 0)
        return tt_error_set(err, TT_ESYNTAX, "the last docres record has no end line");
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
        int rc = writers[i](ex, err);
        if (rc)
            return rc;
    }
    return 0;
}
