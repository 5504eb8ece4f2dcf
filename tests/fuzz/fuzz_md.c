/* fuzz_md.c - libFuzzer target for the Markdown reader (read_md.c: the front matter through libyaml
 * and lexicons/frontmatter.tsv, the body through cmark). The input is the file. Checks
 * read_check.h's invariants. `make check` replays tests/fuzz/corpus/md/. */
#include "read_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_and_check(TT_FMT_MD, data, size, NULL);
    return 0;
}
