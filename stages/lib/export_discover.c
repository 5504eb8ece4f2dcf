/* export_discover.c - the exporter's hooks for the discovery outputs (--vocab): vform, coll and
 * collc lines into the discovery state (discover_priv.h), vocab.tsv's form column, collocates.tsv
 * and newterms.tsv. */
#include <stdlib.h>
#include <string.h>

#include "tt/num.h"

#include "export_priv.h"

int
ex_disc_new(tt_exporter *ex, tt_error *err)
{
    if (!ex->o.vocab)
        return 0;
    if (ex->o.coll_by) {
        const char *b = ex->o.coll_by;
        int rc = ex_add_grouping(ex, b, strlen(b), err);
        if (rc)
            return rc;
        for (ex->coll_grp = 0; ex->coll_grp < ex->ngrp; ex->coll_grp++)
            if (!strcmp(ex->grp[ex->coll_grp].name, b))
                break;
    }
    if (tt_disc_new(&ex->disc, ex->o.coll, ex->o.ncoll, ex->nc, ex->o.coll_min, ex->o.newterms_p,
                    ex->o.period != NULL, ex->o.coll_by != NULL))
        return ex_oom(err);
    return 0;
}

int
ex_disc_begin_doc(tt_exporter *ex, uint64_t sentences, tt_error *err)
{
    if (!ex->disc)
        return 0;
    size_t g = ex->do_series && ex->period[0] ? ex->series.cur : SIZE_MAX;
    size_t cg = ex->o.coll_by && ex->coll_grp < ex->ngrp ? ex->grp[ex->coll_grp].cur : SIZE_MAX;
    return tt_disc_doc(ex->disc, g, cg, ex->tokens, sentences) ? ex_oom(err) : 0;
}

int
ex_disc_add(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    uint64_t v[2];
    size_t nv = ln->kind == TT_DR_COLLC ? 2 : 1;
    for (size_t i = 0; i < nv; i++) {
        size_t f = ln->nf - nv + i;
        if (tt_num_parse_u64(ln->f[f], ln->n[f], &v[i]))
            return ex_bad_line(err, ln, "bad count '%s'", ln->f[f]);
    }
    if (!ex->o.vocab)
        return 0;
    size_t t;
    if (ln->kind == TT_DR_VFORM) {
        /* the writer puts a term's vform lines right after its vocab line: no second lookup then */
        int64_t last = tt_disc_last_term(ex->disc);
        size_t ln0 = 0;
        const char *k = last >= 0 ? tt_strmap_key(&ex->terms, (size_t)last, &ln0) : NULL;
        if (k && ln0 == ln->n[0] && memcmp(k, ln->f[0], ln0) == 0)
            t = (size_t)last;
        else if (tt_strmap_intern(&ex->terms, ln->f[0], ln->n[0], &t, NULL))
            return ex_oom(err);
        return tt_disc_form(ex->disc, t, ln->f[1], ln->n[1], v[0]) ? ex_oom(err) : 0;
    }
    int64_t col = ex_concept_col(ex, ln, 1, err);
    if (col < 0)
        return err->code;
    if (ln->kind == TT_DR_COLLC)
        return tt_disc_collc(ex->disc, ln->f[0], (size_t)col, v[0], v[1]) ? ex_oom(err) : 0;
    return tt_strmap_intern(&ex->terms, ln->f[2], ln->n[2], &t, NULL) ||
                   tt_disc_coll(ex->disc, ln->f[0], (size_t)col, t, v[0])
               ? ex_oom(err)
               : 0;
}

int
ex_disc_put_form(tt_exporter *ex, size_t term, tt_buf *b)
{
    tt_buf f = {0};
    int rc = tt_disc_form_of(ex->disc, &ex->terms, term, &f) ||
             tt_buf_put_tsv(b, f.data ? f.data : "", f.len) || tt_buf_putc(b, '\n');
    tt_buf_free(&f);
    return rc ? TT_ENOMEM : 0;
}

int
ex_write_discovery(tt_exporter *ex, tt_error *err)
{
    if (!ex->o.vocab)
        return 0;
    const char **ids = malloc((ex->nc ? ex->nc : 1) * sizeof *ids);
    if (!ids)
        return ex_oom(err);
    for (size_t i = 0; i < ex->nc; i++)
        ids[i] = ex->o.concepts[i].id;
    tt_buf b = {0};
    int rc =
        tt_disc_collocates(ex->disc, &ex->terms, ids, ex->ntok, ex->nsent, &b) ? ex_oom(err) : 0;
    free(ids);
    tt_atomic a = {0};
    rc = ex_close_out(ex, &a, "collocates.tsv", &b, rc, err);
    tt_buf_reset(&b);
    if (!rc && ex->o.coll_by && ex->coll_grp < ex->ngrp) {
        const ex_grouping *g = &ex->grp[ex->coll_grp];
        tt_buf name = {0};
        const char **ids2 = malloc((ex->nc ? ex->nc : 1) * sizeof *ids2);
        if (!ids2 || tt_buf_printf(&name, "collocates.%s.tsv", g->name))
            rc = ex_oom(err);
        for (size_t i = 0; !rc && i < ex->nc; i++)
            ids2[i] = ex->o.concepts[i].id;
        if (!rc && tt_disc_collocates_by(ex->disc, &ex->terms, ids2, &g->groups,
                                         (const char(*)[64])g->keys, g->nkeys, &b))
            rc = ex_oom(err);
        tt_atomic a3 = {0};
        if (!rc)
            rc = ex_close_out(ex, &a3, name.data, &b, rc, err);
        free(ids2);
        tt_buf_free(&name);
        tt_buf_reset(&b);
    }
    if (!rc && ex->do_series) {
        rc = tt_disc_newterms(ex->disc, &ex->terms, &ex->series.groups,
                              (const char(*)[64])ex->series.keys, ex->series.nkeys, &b)
                 ? ex_oom(err)
                 : 0;
        tt_atomic a2 = {0};
        rc = ex_close_out(ex, &a2, "newterms.tsv", &b, rc, err);
    }
    tt_buf_free(&b);
    return rc;
}
