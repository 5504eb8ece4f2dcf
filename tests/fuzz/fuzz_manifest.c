/* fuzz_manifest.c - libFuzzer target for the manifest parser (tt_manifest_parse): any bytes either parse or
 * fail with TT_ESYNTAX/TT_ENOMEM and a message; a parsed manifest is sorted by doc_id with unique ids and a
 * known language (or `und`) for every row. */
#include "tt/manifest.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tt_manifest *m = NULL;
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_manifest_parse(&m, "/nonexistent-corpus", "fuzz.tsv", (const char *)data, size, 0, &err);
    if (rc == 0) {
        for (size_t i = 0; i < tt_manifest_ndocs(m); i++) {
            const tt_mdoc *d = tt_manifest_doc(m, i);
            long lc = tt_manifest_colindex(m, "lang");
            if ((d->lang == TT_LANG_OTHER && (lc < 0 || strcmp(d->values[lc], "und"))) || !d->doc_id[0])
                abort();
            if (i && strcmp(tt_manifest_doc(m, i - 1)->doc_id, d->doc_id) >= 0)
                abort();
        }
        tt_manifest_free(m);
    } else if ((rc != TT_ESYNTAX && rc != TT_ENOMEM) || !err.msg[0] || m) {
        abort();
    }
    return 0;
}
