/* tt-report - report/index.html (one self-contained page with the charts) and report/<name>.svg
 * from an existing output folder; `pipeline report OUT` and `pipeline run --report` share the
 * library code (tt/report.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "tt/report.h"

#include "cli.h"

static const char usage[] =
    "Usage: pipeline report OUT [--lines N] [--context CTX]\n"
    "Writes OUT/report/index.html - one self-contained page (no network, no other file) with the "
    "corpus at a\n"
    "glance, concept rates per country, terms over time, replacement over time, keyness, the "
    "co-occurrence\n"
    "heat map, a concordance browser and the run's provenance - and each chart as "
    "OUT/report/<name>.svg,\n"
    "from the files of OUT (the output folder of `pipeline run`; anything else is refused). "
    "report/ is\n"
    "written beside and swapped into place at the end: a failure leaves a previous report "
    "untouched. The\n"
    "same page is written by `pipeline run ... --report`.\n"
    "  --lines N       concordance lines kept per concept (default 200; evenly spaced; the rest "
    "are in\n"
    "                  hits.tsv and the page says how many were left out)\n"
    "  --context CTX   co-occurrence context of the heat map (default window5, else sentence, else "
    "the\n"
    "                  run's first; see run.json \"contexts\")\n" TT_EXIT_CODES_HELP;

int tt_report_main(int argc, char **argv);

int
tt_report_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "report");
    static const struct option lo[] = {
        {"lines", 1, 0, 'n'}, {"context", 1, 0, 'c'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    tt_report_opts ro = {0, NULL};
    uint64_t v;
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        switch (o) {
        case 'n':
            if (tt_cli_u64(prog, "--lines", optarg, &v))
                return TT_EXIT_USAGE;
            if (v < 1 || v > 100000)
                return tt_cli_usage(prog, "--lines is 1 to 100000");
            ro.kwic_per_concept = (size_t)v;
            break;
        case 'c':
            ro.context = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return tt_cli_finish(prog, 0);
        default:
            return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (optind + 1 != argc)
        return tt_cli_usage(prog, optind < argc ? "one output folder, not several"
                                                : "the output folder OUT is "
                                                  "required");
    const char *out = argv[optind];
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_report_install(out, &ro, &err);
    if (rc) {
        tt_cli_error(prog, &err);
        return tt_cli_finish(prog, rc == TT_EUSAGE ? TT_EXIT_USAGE : TT_EXIT_FAIL);
    }
    fprintf(stderr, "%s: wrote %s/report/index.html\n", prog, out);
    return tt_cli_finish(prog, 0);
}

TT_STAGE_PROGRAM(tt_report_main)
