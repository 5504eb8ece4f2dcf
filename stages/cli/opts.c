/* opts.c - shared counting and export options (see opts.h). */
#include "opts.h"

#include "cli.h"
#include "tt/suggest.h"
#include "tt/json.h"
#include "tt/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
tt_cli_opts_init(tt_cli_opts *c)
{
    memset(c, 0, sizeof *c);
    c->cooc = "window5,sentence,document";
    c->coll = "window5";
}

int
tt_cli_opt(const char *prog, int o, const char *arg, tt_cli_opts *c)
{
    uint64_t v;
    switch (o) {
    case TT_OPT_COOC: c->cooc = arg; return 1;
    case TT_OPT_VOCAB: c->count.vocab = c->exp.vocab = 1; return 1;
    case TT_OPT_STEM: c->count.stem = 1; return 1;
    case TT_OPT_NGRAMS:
        if (tt_cli_u64(prog, "--ngrams", arg, &v))
            return -1;
        if (v < 1 || v > 8) {
            tt_cli_usage(prog, "--ngrams is 1 to 8");
            return -1;
        }
        c->count.ngrams = (int)v;
        return 1;
    case TT_OPT_KWIC:
        if (tt_cli_u64(prog, "--kwic", arg, &v))
            return -1;
        c->count.kwic_chars = (size_t)v;
        return 1;
    case TT_OPT_OVERLAP:
        if (!strcmp(arg, "all"))
            c->overlap = TT_OVERLAP_ALL;
        else if (!strcmp(arg, "longest"))
            c->overlap = TT_OVERLAP_LONGEST;
        else {
            static const char *const modes[] = {"longest", "all"};
            tt_cli_choice(prog, "--overlap", arg, modes, 2);
            return -1;
        }
        return 1;
    case TT_OPT_COUNT:
        if (!strcmp(arg, "all") || !strcmp(arg, "text")) {
            c->count.count_all = c->exp.count_all = !strcmp(arg, "all");
            return 1;
        }
        tt_cli_usage(prog, "--count is 'text' or 'all', not '%s'", arg);
        return -1;
    case TT_OPT_MINDF: return tt_cli_u64(prog, "--min-df", arg, &c->exp.vocab_min_df) ? -1 : 1;
    case TT_OPT_MAXDF: return tt_cli_u64(prog, "--max-df", arg, &c->exp.vocab_max_df) ? -1 : 1;
    case TT_OPT_MINTF: return tt_cli_u64(prog, "--min-tf", arg, &c->exp.vocab_min_tf) ? -1 : 1;
    case TT_OPT_WEIGHT: {
        static const char *const weights[] = {"raw", "relative", "tfidf", "boolean"};
        char w[64];
        for (const char *p = arg, *e; *p; p = *e ? e + 1 : e) {
            e = strchr(p, ',');
            e = e ? e : p + strlen(p);
            snprintf(w, sizeof w, "%.*s", (int)(e - p), p);
            size_t k = 0;
            while (k < 4 && strcmp(w, weights[k]) != 0)
                k++;
            if (k == 4) {
                tt_cli_choice(prog, "--weight", w, weights, 4);
                return -1;
            }
        }
        c->exp.weight = arg;
        return 1;
    }
    case TT_OPT_COMPARE: c->exp.compare = arg; return 1;
    case TT_OPT_PERIOD: c->exp.period = arg; return 1;
    case TT_OPT_GZIP: c->exp.gzip = 1; return 1;
    case TT_OPT_COLL: c->coll = arg; return 1;
    case TT_OPT_COLLMIN:
        if (tt_cli_u64(prog, "--coll-min", arg, &c->exp.coll_min))
            return -1;
        if (!c->exp.coll_min) {
            tt_cli_usage(prog, "--coll-min is at least 1");
            return -1;
        }
        return 1;
    case TT_OPT_STOP: c->count.stop_file = arg; return 1;
    case TT_OPT_COLLBY:
        free(c->coll_by);
        if (!(c->coll_by = strdup(arg)))
            return -1;
        for (char *p = c->coll_by; *p; p++)
            if (*p == ',')
                *p = '+';
        c->exp.coll_by = c->coll_by;
        return 1;
    case TT_OPT_VOCABSTOP: c->count.vocab_stop = 1; return 1;
    case TT_OPT_NEWTERMSP:
        if (tt_num_parse_double(arg, strlen(arg), &c->exp.newterms_p) || !(c->exp.newterms_p > 0) ||
            c->exp.newterms_p > 1) {
            tt_cli_usage(prog, "--newterms-p is a probability above 0 and at most 1, not '%s'", arg);
            return -1;
        }
        return 1;
    case TT_OPT_GROUPBY: {
        if (c->ngroup == 16) {
            tt_cli_usage(prog, "at most 16 --group-by options");
            return -1;
        }
        char *g = strdup(arg);
        if (!g)
            return -1;
        for (char *p = g; *p; p++)
            if (*p == ',')
                *p = '+';
        c->group_owned[c->ngroup] = g;
        c->group_by[c->ngroup++] = g;
        return 1;
    }
    default: return 0;
    }
}

int
tt_cli_opts_done(const char *prog, tt_cli_opts *c)
{
    tt_error err;
    tt_error_clear(&err);
    if (tt_context_parse(c->cooc, c->ctx, 32, &c->nctx, &err)) {
        /* the nearest of the usual names (windowN takes any N) */
        static const char *const ctxs[] = {"window5", "wwindow5", "sentence", "paragraph", "article", "document"};
        const char *q1 = strchr(err.msg, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
        char bad[64] = "";
        if (q1 && q2)
            snprintf(bad, sizeof bad, "%.*s", (int)(q2 - q1 - 1), q1 + 1);
        const char *near = bad[0] ? tt_suggest(bad, ctxs, 6) : NULL;
        if (near)
            tt_cli_usage(prog, "--cooc: %s; did you mean '%s'?", err.msg, near);
        else
            tt_cli_usage(prog, "--cooc: %s (windowN, wwindowN, sentence, paragraph, article, document)", err.msg);
        return -1;
    }
    if (c->count.stem && !c->count.vocab) {
        tt_cli_usage(prog, "--stem applies to the vocabulary: add --vocab");
        return -1;
    }
    if ((c->coll_by || c->count.vocab_stop || c->count.stop_file) && !c->count.vocab) {
        tt_cli_usage(prog, "%s applies to the vocabulary: add --vocab",
                     c->coll_by ? "--collocates-by" : c->count.vocab_stop ? "--vocab-stop" : "--stop");
        return -1;
    }
    if (tt_context_parse(c->coll, c->collctx, 8, &c->ncoll, &err)) {
        tt_cli_usage(prog, "--collocates: %s", err.msg);
        return -1;
    }
    for (size_t i = 0; i < c->ncoll; i++)
        if (c->collctx[i].kind != TT_CTX_WINDOW && c->collctx[i].kind != TT_CTX_SENTENCE) {
            tt_cli_usage(prog, "--collocates takes windowN and sentence, not '%s'", c->collctx[i].name);
            return -1;
        }
    c->count.coll = c->collctx;
    c->count.ncoll = c->ncoll;
    c->exp.coll = c->collctx;
    c->exp.ncoll = c->ncoll;
    c->count.contexts = c->ctx;
    c->count.ncontexts = c->nctx;
    c->exp.contexts = c->ctx;
    c->exp.ncontexts = c->nctx;
    c->exp.group_by = c->group_by;
    c->exp.ngroup_by = c->ngroup;
    /* series.tsv and forms.tsv: by country and the keys of the first --group-by (the period stands for year) */
    free(c->series_owned);
    c->series_owned = malloc(8 + (c->ngroup ? strlen(c->group_by[0]) + 1 : 0));
    if (!c->series_owned) {
        fprintf(stderr, "%s: error: out of memory\n", prog);
        return -2;
    }
    strcpy(c->series_owned, "country");
    if (c->ngroup) {
        char *keys = strdup(c->group_by[0]), *save = NULL;
        for (char *k = keys ? strtok_r(keys, "+", &save) : NULL; k; k = strtok_r(NULL, "+", &save))
            if (strcmp(k, "country") != 0 && strcmp(k, "year") != 0)
                strcat(strcat(c->series_owned, "+"), k);
        free(keys);
    }
    c->exp.series_by = c->series_owned;
    tt_buf b = {0};
    int bad = 0; /* an allocation failure must not leave a silently shortened run.json */
    bad |= tt_buf_puts(&b, "\"cooc\": [");
    for (size_t i = 0; i < c->nctx; i++) {
        if (i)
            bad |= tt_buf_puts(&b, ", ");
        bad |= tt_json_cstr(&b, c->ctx[i].name);
    }
    bad |= tt_buf_printf(&b, "], \"overlap\": \"%s\", \"kwic\": %zu, \"vocab\": %s, \"stem\": %s, \"ngrams\": %d",
                  c->overlap == TT_OVERLAP_ALL ? "all" : "longest",
                  c->count.kwic_chars ? c->count.kwic_chars : 40, c->count.vocab ? "true" : "false",
                  c->count.stem ? "true" : "false", c->count.ngrams ? c->count.ngrams : 1);
    bad |= tt_buf_printf(&b, ", \"min_df\": %llu, \"max_df\": %llu, \"min_tf\": %llu",
                  (unsigned long long)c->exp.vocab_min_df, (unsigned long long)c->exp.vocab_max_df,
                  (unsigned long long)c->exp.vocab_min_tf);
    bad |= tt_buf_puts(&b, ", \"group_by\": [");
    for (size_t i = 0; i < c->ngroup; i++) {
        if (i)
            bad |= tt_buf_puts(&b, ", ");
        bad |= tt_json_cstr(&b, c->group_by[i]);
    }
    bad |= tt_buf_puts(&b, "], \"series_by\": ");
    bad |= tt_json_cstr(&b, c->series_owned);
    bad |= tt_buf_puts(&b, ", \"weight\": ");
    bad |= tt_json_cstr(&b, c->exp.weight ? c->exp.weight : "raw");
    bad |= tt_buf_puts(&b, ", \"compare\": ");
    bad |= tt_json_cstr(&b, c->exp.compare ? c->exp.compare : "");
    bad |= tt_buf_puts(&b, ", \"period\": ");
    bad |= tt_json_cstr(&b, c->exp.period ? c->exp.period : "");
    bad |= tt_buf_printf(&b, ", \"gzip\": %s", c->exp.gzip ? "true" : "false");
    bad |= tt_buf_puts(&b, ", \"collocates\": [");
    for (size_t i = 0; i < c->ncoll; i++) {
        if (i)
            bad |= tt_buf_puts(&b, ", ");
        bad |= tt_json_cstr(&b, c->collctx[i].name);
    }
    bad |= tt_buf_printf(&b, "], \"coll_min\": %llu, \"newterms_p\": ",
                         (unsigned long long)(c->exp.coll_min ? c->exp.coll_min : 2));
    bad |= tt_num_put_g(&b, c->exp.newterms_p > 0 ? c->exp.newterms_p : 0.05, 6);
    bad |= tt_buf_printf(&b, ", \"vocab_stop\": %s, \"stop\": ", c->count.vocab_stop ? "true" : "false");
    bad |= tt_json_cstr(&b, c->count.stop_file ? c->count.stop_file : "");
    bad |= tt_buf_puts(&b, ", \"collocates_by\": ");
    bad |= tt_json_cstr(&b, c->coll_by ? c->coll_by : "");
    bad |= tt_buf_printf(&b, ", \"count\": \"%s\"", c->count.count_all ? "all" : "text");
    if (bad) {
        tt_buf_free(&b);
        fprintf(stderr, "%s: error: out of memory\n", prog);
        return -2;
    }
    c->json = tt_buf_detach(&b, NULL);
    return 0;
}

void
tt_cli_opts_free(tt_cli_opts *c)
{
    for (size_t i = 0; i < c->ngroup; i++)
        free(c->group_owned[i]);
    free(c->json);
    free(c->compare_owned);
    free(c->series_owned);
    c->compare_owned = NULL;
    c->series_owned = NULL;
    c->json = NULL;
    free(c->coll_by);
    c->coll_by = NULL;
    c->ngroup = 0;
}
