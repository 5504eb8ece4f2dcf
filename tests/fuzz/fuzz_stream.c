/* fuzz_stream.c - libFuzzer target for the stage stream reader (tt_stream_parse_mem): any bytes give a count
 * of records or a TT_E* error with a message, never a crash or a read past the input. */
#include "tt/stream.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tt_error err;
    tt_error_clear(&err);
    long n = tt_stream_parse_mem((const char *)data, size, &err);
    if (n < 0 && !err.msg[0])
        abort();
    return 0;
}
