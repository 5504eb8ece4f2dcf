/* tt-export - docres records (from tt-count, a cache or a shard) -> the output folder of outputs.md. */
#include "cli.h"
#include "opts.h"
#include "tt/detect.h"
#include "tt/docpolicy.h"
#include "tt/export.h"
#include "tt/fs.h"
#include "tt/json.h"
#include "tt/lexicon.h"
#include "tt/manifest.h"
#include "tt/norm.h"
#include "tt/outdir.h"
#include "tt/run.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "Usage: tt-export --lexicon PATH --out DIR [OPTIONS] < docres\n"
    "Writes the output folder (docs.tsv, concepts.tsv, tf.mtx, tf.tsv, cooc.<context>.mtx/.tsv, groups/,\n"
    "hits.tsv, run.json) from docres records in matrix row order. The folder is written beside DIR and\n"
    "swapped into place at the end: a failure leaves a previous DIR untouched. DIR must be new, empty or\n"
    "an output folder termtrace wrote (it holds a .termtrace-output file); anything else is refused (exit 2).\n"
    "  --corpus DIR, --manifest FILE  the corpus the records came from (as given to tt-decode): run.json's\n"
    "                      \"inputs\" then name it, its manifest and data fingerprints, as `pipeline run` does\n" TT_CLI_SHARED_HELP
        TT_EXIT_CODES_HELP;

/* Reads the next whole record (up to and including its "end" line) into rec. Returns 1, 0 at EOF, -1 on a
 * truncated record. */
static int
next_record(FILE *f, tt_buf *rec, char **line, size_t *cap)
{
    tt_buf_reset(rec);
    ssize_t n;
    while ((n = getline(line, cap, f)) > 0) {
        tt_buf_append(rec, *line, (size_t)n);
        if (!strncmp(*line, "end\t", 4))
            return 1;
    }
    return rec->len ? -1 : 0;
}

/* run.json's "execution" value. */
static int
execution_json(void *ctx, tt_buf *b)
{
    (void)ctx;
    return tt_buf_puts(b, "{\"program\": \"tt-export\"}");
}

int tt_export_main(int argc, char **argv);

int
tt_export_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "export");
    static const struct option lo[] = {{"lexicon", 1, 0, 'L'}, {"out", 1, 0, 'o'},     {"help", 0, 0, 'h'},
                                       {"corpus", 1, 0, 'c'},  {"manifest", 1, 0, 'm'}, TT_CLI_SHARED_OPTIONS,
                                       {0, 0, 0, 0}};
    const char *lexicon = NULL, *outdir = NULL, *corpus = NULL, *manifest = NULL;
    tt_cli_opts co;
    tt_cli_opts_init(&co);
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        int h = tt_cli_opt(prog, o, optarg, &co);
        if (h < 0)
            return TT_EXIT_USAGE;
        if (h)
            continue;
        switch (o) {
        case 'L': lexicon = optarg; break;
        case 'o': outdir = optarg; break;
        case 'c': corpus = optarg; break;
        case 'm': manifest = optarg; break;
        case 'h': fputs(usage, stdout); return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (!lexicon || !outdir)
        return tt_cli_usage(prog, "--lexicon and --out are required");
    int rc0 = tt_cli_opts_done(prog, &co);
    if (rc0)
        return rc0 == -2 ? TT_EXIT_FAIL : TT_EXIT_USAGE;
    tt_error err;
    tt_error_clear(&err);
    {
        /* the output folder is replaced: only an absent, empty or marked one (tt/outdir.h), checked first */
        const tt_dir_guard g[] = {{lexicon, "lexicon"}, {tt_data_dir(), "data folder"},
                                  {corpus, "corpus folder"}, {manifest, "manifest"}};
        int grc = tt_dir_check(outdir, TT_DIR_OUTPUT, "--out", g, 4, &err);
        if (grc) {
            tt_cli_error(prog, &err);
            tt_cli_opts_free(&co);
            return tt_cli_finish(prog, tt_cli_code(grc));
        }
    }
    tt_normalizer *nz = NULL;
    tt_lexicon *lx = NULL;
    tt_exporter *ex = NULL;
    tt_export_concept *concepts = NULL;
    const char **cols = NULL;
    size_t ncols = 0;
    tt_buf rec = {0}, extra = {0}, tmpdir = {0};
    char *line = NULL;
    size_t cap = 0;
    tt_manifest *mf = NULL;
    int rc = 0, code = tt_cli_lexicon_open(prog, lexicon, &nz, &lx, NULL), got;
    if (code)
        goto done;
    /* the manifest as tt-decode and pipeline run read it (with what detection fills in): same sha256 */
    if (corpus && (rc = tt_detect_manifest_load(&mf, corpus, manifest, 1, NULL, NULL, NULL, &err))) {
        tt_cli_error(prog, &err);
        code = tt_cli_code(rc);
        goto done;
    }
    size_t nc = tt_lexicon_nconcepts(lx);
    concepts = calloc(nc + 1, sizeof *concepts);
    for (size_t i = 0; concepts && i < nc; i++) {
        const tt_concept *c = tt_lexicon_concept(lx, i);
        concepts[i] = (tt_export_concept){c->id, c->category, c->label, c->parent};
    }
    size_t ndocs = 0, skipped = 0;
    while ((got = next_record(stdin, &rec, &line, &cap)) == 1) {
        if (!ex) {
            /* the manifest columns are the first record's meta keys, in order */
            for (char *p = rec.data; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
                if (strncmp(p, "meta\t", 5) != 0)
                    continue;
                char *k = p + 5, *e = strchr(k, '\t');
                if (!e)
                    continue;
                const char **nc2 = realloc(cols, (ncols + 1) * sizeof *cols);
                if (!nc2)
                    break;
                cols = nc2;
                tt_buf un = {0};
                tt_tsv_unescape(&un, k, (size_t)(e - k));
                cols[ncols++] = tt_buf_detach(&un, NULL);
            }
            tt_clean_stale(outdir);
            tt_buf_printf(&tmpdir, "%s.tmp-%ld", outdir, (long)getpid());
            tt_rmtree(tmpdir.data);
            if (mkdir(tmpdir.data, 0777) != 0) {
                tt_error_set(&err, TT_EIO, "cannot create the output folder");
                tt_error_at(&err, tmpdir.data, 0, 0);
                rc = TT_EIO;
                break;
            }
            if (mf) { /* the inputs as `pipeline run` writes them (tt_run_inputs_json) */
                tt_run_config rc_in = {.corpus = corpus, .manifest = manifest, .lexicon = lexicon,
                                       .options_json = co.json};
                char data_sha[65];
                if (tt_data_sha256(NULL, data_sha) || tt_run_inputs_json(&extra, &rc_in, mf, lx, data_sha)) {
                    rc = tt_error_set(&err, TT_ENOMEM, "out of memory");
                    break;
                }
            } else if (tt_buf_puts(&extra, "\"inputs\": {") || tt_json_member_str(&extra, "lexicon", lexicon) ||
                       tt_buf_puts(&extra, ", ") ||
                       tt_json_member_str(&extra, "lexicon_sha256", tt_lexicon_sha256(lx)) ||
                       tt_buf_printf(&extra, "}, \"options\": {%s}", co.json)) {
                rc = tt_error_set(&err, TT_ENOMEM, "out of memory");
                break;
            }
            tt_export_opts eo = co.exp;
            eo.dir = tmpdir.data;
            eo.concepts = concepts;
            eo.nconcepts = nc;
            eo.manifest_columns = cols;
            eo.nmanifest_columns = ncols;
            eo.run_json_extra = extra.data;
            eo.execution = execution_json;
            if ((rc = tt_exporter_new(&ex, &eo, &err)))
                break;
        }
        int ok = tt_docres_record_ok(rec.data, rec.len, &err); /* parsed: tt/docpolicy.h */
        if (ok < 0) {
            rc = ok;
            break;
        }
        skipped += !ok;
        if ((rc = tt_exporter_add(ex, rec.data, rec.len, &err)))
            break;
        ndocs++;
    }
    if (!rc && got < 0) {
        tt_error_set(&err, TT_ESYNTAX, "input ends inside a record (no end line): truncated?");
        rc = TT_ESYNTAX;
    }
    if (!rc && !ex) {
        tt_error_set(&err, TT_ESYNTAX, "no docres record on stdin");
        rc = TT_ESYNTAX;
    }
    if (!rc)
        rc = tt_exporter_finish(ex, &err);
    if (!rc)
        rc = tt_dir_mark(tmpdir.data, TT_DIR_OUTPUT, &err);
    if (!rc)
        rc = tt_install_dir(tmpdir.data, outdir, &err);
    if (rc) {
        tt_cli_error(prog, &err);
        code = TT_EXIT_FAIL;
        if (tmpdir.len)
            tt_rmtree(tmpdir.data);
    } else if (skipped) {
        code = TT_EXIT_SKIPPED;
    }
done:
    tt_manifest_free(mf);
    tt_exporter_free(ex);
    for (size_t i = 0; i < ncols; i++)
        free((void *)cols[i]);
    free(cols);
    free(concepts);
    free(line);
    tt_buf_free(&rec);
    tt_buf_free(&extra);
    tt_buf_free(&tmpdir);
    tt_cli_lexicon_close(nz, lx, NULL);
    tt_cli_opts_free(&co);
    return tt_cli_finish(prog, code);
}

TT_STAGE_PROGRAM(tt_export_main)
