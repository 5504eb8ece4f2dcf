/* manifest_cmd.c - `pipeline manifest DIR`: writes the manifest a run of DIR would use, with every
 * field the documents state detected (tt/detect.h), for the researcher to check, correct and keep
 * as DIR/manifest.tsv. */
#include "manifest_cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "tt/detect.h"

#include "cli.h"

static const char *const USAGE =
    "usage: pipeline manifest [--manifest FILE] DIR\n"
    "Writes to stdout the manifest a run of the corpus folder DIR would use, with what could be "
    "detected from\n"
    "the first 64 KiB of each document: lang (kk uz ru en, or und with a warning), script (Cyrl, "
    "Latn, and\n"
    "for Kazakh Latin the alphabet Latn-2017/2018/2021), encoding, and what the heading of a legal "
    "act states\n"
    "(doc_type, number, date = adoption date, version_date, title). Without DIR/manifest.tsv every "
    "file below\n"
    "DIR is a document (hidden files skipped; doc_id from the relative path); the columns "
    "lang_confidence,\n"
    "script_confidence (0-100) and evidence (word votes per language, the heading rows that "
    "matched) help\n"
    "checking. With a manifest (DIR/manifest.tsv or --manifest FILE), its empty cells in lang, "
    "script, date,\n"
    "doc_type, title, number and version_date columns are filled and a `detected` column names "
    "them.\n"
    "Check the draft, correct it and save it as DIR/manifest.tsv: `pipeline run` then reads it as "
    "written.\n"
    "Data: lexicons/detect/ (lang-*.tsv profiles, headings-*.tsv patterns, months.tsv).\n"
    "Exit status: 0 success; 1 i/o failure; 2 usage error, an empty folder or a manifest without "
    "header;\n"
    "3 drafted, but some documents could not be read or their language is und (reported on "
    "stderr).\n";

typedef struct wstate {
    size_t n;
} wstate;

static void
on_warning(void *ctx, const tt_error *w)
{
    ((wstate *)ctx)->n++;
    tt_cli_warning("pipeline manifest", w);
}

int
tt_manifest_cmd_main(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "manifest"), *manifest = NULL;
    static const struct option lo[] = {{"manifest", 1, 0, 'm'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        switch (o) {
        case 'm':
            manifest = optarg;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return tt_cli_finish(prog, TT_EXIT_OK);
        default:
            return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (optind != argc - 1)
        return tt_cli_usage(prog, "one corpus folder DIR is required");
    const char *dir = argv[optind];
    char dirbuf[4200];
    if (tt_cli_corpus_arg(prog, &dir, &manifest, dirbuf, sizeof dirbuf))
        return TT_EXIT_USAGE;
    tt_buf out = {0};
    tt_error err;
    tt_error_clear(&err);
    wstate ws = {0};
    int changed = 0;
    int rc = tt_detect_manifest_text(dir, manifest, NULL, &out, &changed, on_warning, &ws, &err);
    int code = TT_EXIT_OK;
    if (rc) {
        tt_cli_error(prog, &err);
        code = rc == TT_EUSAGE || rc == TT_ESYNTAX ? TT_EXIT_USAGE : TT_EXIT_FAIL;
    } else {
        if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
            code = TT_EXIT_FAIL;
        if (!changed)
            fprintf(stderr, "%s: the manifest has no empty field to detect: written as it is\n",
                    prog);
        if (ws.n && code == TT_EXIT_OK)
            code = TT_EXIT_SKIPPED;
    }
    tt_buf_free(&out);
    tt_sha256_cleanup();
    u_cleanup();
    return tt_cli_finish(prog, code);
}
