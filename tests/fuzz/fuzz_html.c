/* fuzz_html.c - libFuzzer target for the HTML reader (read_html.c: libxml2's HTML parser, the tree
 * walk, XPath selection). The first byte picks a --html-select expression (none, the body, a div by
 * id, text nodes); the rest is the page. Checks read_check.h's invariants. Run through
 * tests/fuzz/run.sh; `make check` replays tests/fuzz/corpus/html/. */
#include "read_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sel[4] = {NULL, "//body", "//div[@id='content']", "//p/text()"};
    if (size < 1)
        return 0;
    read_and_check(TT_FMT_HTML, data + 1, size - 1, sel[data[0] & 3]);
    return 0;
}
