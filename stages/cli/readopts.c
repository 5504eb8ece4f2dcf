/* readopts.c - parsing of the document reader options shared by tt-decode and `pipeline run`
 * (readopts.h). */
#include "readopts.h"

#include <string.h>

#include "tt/read.h"

#include "cli.h"

int
tt_cli_read_opt(const char *prog, int o, const char *arg, tt_decode_opts *opts)
{
    tt_read_limits *l = &opts->read;
    uint64_t *dst = NULL;
    const char *name = NULL;
    switch (o) {
    case TT_OPT_FORMAT: {
        int f = tt_format_parse(arg, strlen(arg));
        if (f < 0 || f == TT_FMT_AUTO)
            return tt_cli_usage(prog, "unknown --format '%s' (txt, html, docx, odt, pdf or md)",
                                arg),
                   -1;
        opts->format = f;
        return 1;
    }
    case TT_OPT_HTML_SELECT: {
        tt_error e;
        tt_error_clear(&e);
        if (!tt_read_xpath_ok(arg, &e))
            return tt_cli_usage(prog, "--html-select: %s", e.msg), -1;
        opts->html_select = arg;
        return 1;
    }
    case TT_OPT_MAX_INPUT:
        dst = &l->max_input, name = "--max-input-bytes";
        break;
    case TT_OPT_MAX_ZIP_ENTRIES:
        dst = &l->max_zip_entries, name = "--max-zip-entries";
        break;
    case TT_OPT_MAX_UNZIPPED:
        dst = &l->max_unzipped, name = "--max-unzipped-bytes";
        break;
    case TT_OPT_MAX_ZIP_RATIO:
        dst = &l->max_zip_ratio, name = "--max-zip-ratio";
        break;
    case TT_OPT_MAX_DEPTH:
        dst = &l->max_depth, name = "--max-depth";
        break;
    case TT_OPT_MAX_PDF_PAGES:
        dst = &l->max_pages, name = "--max-pdf-pages";
        break;
    default:
        return 0;
    }
    if (tt_cli_u64(prog, name, arg, dst))
        return -1;
    if (*dst == 0)
        return tt_cli_usage(prog, "%s must be at least 1", name), -1;
    return 1;
}
