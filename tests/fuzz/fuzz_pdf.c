/* fuzz_pdf.c - libFuzzer target for the PDF reader (read_pdf.c: poppler-glib, page text, running
 * header and footer spans). The input is the file. Checks read_check.h's invariants (pages = form
 * feeds + 1, note spans inside the text). `make check` replays tests/fuzz/corpus/pdf/. */
#include "read_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_and_check(TT_FMT_PDF, data, size, NULL);
    return 0;
}
