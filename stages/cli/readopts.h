/* readopts.h - the document reader options (formats, --html-select, container limits; tt/read.h)
 * that tt-decode and `pipeline run` share, parsed in one place. */
#ifndef TT_CLI_READOPTS_H
#define TT_CLI_READOPTS_H

#include <getopt.h>

#include "tt/decode.h"

enum {
    TT_OPT_FORMAT = 1100,
    TT_OPT_HTML_SELECT,
    TT_OPT_MAX_INPUT,
    TT_OPT_MAX_ZIP_ENTRIES,
    TT_OPT_MAX_UNZIPPED,
    TT_OPT_MAX_ZIP_RATIO,
    TT_OPT_MAX_DEPTH,
    TT_OPT_MAX_PDF_PAGES,
};

#define TT_CLI_READ_OPTIONS                                                                        \
    {"format", 1, 0, TT_OPT_FORMAT}, {"html-select", 1, 0, TT_OPT_HTML_SELECT},                    \
        {"max-input-bytes", 1, 0, TT_OPT_MAX_INPUT},                                               \
        {"max-zip-entries", 1, 0, TT_OPT_MAX_ZIP_ENTRIES},                                         \
        {"max-unzipped-bytes", 1, 0, TT_OPT_MAX_UNZIPPED},                                         \
        {"max-zip-ratio", 1, 0, TT_OPT_MAX_ZIP_RATIO}, {"max-depth", 1, 0, TT_OPT_MAX_DEPTH},      \
    {                                                                                              \
        "max-pdf-pages", 1, 0, TT_OPT_MAX_PDF_PAGES                                                \
    }

#define TT_CLI_READ_HELP                                                                           \
    "  --format F          read every document as F (txt, html, docx, odt, pdf, md); default: "    \
    "from the\n"                                                                                   \
    "                      bytes (the manifest's `format` column wins)\n"                          \
    "  --html-select XPATH keep only what the XPath selects in HTML pages (the manifest's "        \
    "`html_select`\n"                                                                              \
    "                      column wins), e.g. \"//div[@id='content']\"\n"                          \
    "  --max-input-bytes N limit: HTML/DOCX/ODT/PDF/Markdown files are read whole (default "       \
    "268435456)\n"                                                                                 \
    "  --max-zip-entries N, --max-unzipped-bytes N, --max-zip-ratio N   limits of DOCX/ODT "       \
    "containers\n"                                                                                 \
    "                      (defaults 10000, 536870912, 200 per entry)\n"                           \
    "  --max-depth N       limit: element nesting in HTML and XML (default 256)\n"                 \
    "  --max-pdf-pages N   limit: pages of a PDF (default 100000)\n"

/* Handles option o (with argument arg) into opts. Returns 1 if handled, 0 if not one of these, -1
 * on a usage error (already printed). opts->html_select points to arg (argv: lives as long as the
 * program). */
int tt_cli_read_opt(const char *prog, int o, const char *arg, tt_decode_opts *opts);

#endif
