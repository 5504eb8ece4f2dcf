/* fuzz_docres.c - libFuzzer target for the docres reader (tt_docres_check, tt/docres.h: the per-document
 * records of the cache, of Slurm shards and of tt-count): any bytes give a record count or a TT_E* error with
 * a message, never a crash or a read past the input. Seeds: records with vocab, vform, coll and collc lines. */
#include "tt/docres.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tt_error err;
    tt_error_clear(&err);
    size_t n = 0;
    int rc = tt_docres_check((const char *)data, size, &n, &err);
    if (rc < 0 && !err.msg[0])
        abort();
    return 0;
}
