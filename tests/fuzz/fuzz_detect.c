/* fuzz_detect.c - libFuzzer target for the manifest drafter's detection (tt/detect.h): language,
 * script and heading fields of arbitrary bytes taken as a document's decoded text, the heading
 * patterns of every language on them, and the doc_id made from them as a path. Invariants: a known
 * language code or und, confidences 0..100, heading values valid UTF-8 without a line break, dates
 * YYYY-MM-DD, a doc_id of safe characters. */
#include <stdlib.h>
#include <string.h>

#include "tt/corpuswalk.h"
#include "tt/detect.h"
#include "tt/heading.h"
#include "tt/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tt_detector *det;
static tt_heading *hd;

static void
check_result(const tt_doc_detect *dd)
{
    const char *c = dd->lang.code;
    if (strcmp(c, "kk") && strcmp(c, "uz") && strcmp(c, "ru") && strcmp(c, "en") &&
        strcmp(c, "und"))
        abort();
    if (dd->lang.confidence < 0 || dd->lang.confidence > 100 || dd->lang.script_confidence < 0 ||
        dd->lang.script_confidence > 100)
        abort();
    for (int f = 0; f < TT_HF_COUNT; f++) {
        const char *v = dd->head.value[f];
        size_t n = strlen(v);
        if (tt_utf8_check(v, n) != n || strchr(v, '\n'))
            abort();
        if ((f == TT_HF_DATE || f == TT_HF_VERSION_DATE) && n &&
            (n != 10 || v[4] != '-' || v[7] != '-'))
            abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tt_error err;
    tt_error_clear(&err);
    if (!det && (tt_detector_new(&det, NULL, &err) || tt_heading_new(&hd, NULL, &err)))
        abort();
    tt_doc_detect dd;
    memset(&dd, 0, sizeof dd);
    int rc = tt_detect_text(det, (const char *)data, size, &dd, &err);
    if (rc && rc != TT_EPCRE && rc != TT_ENOMEM)
        abort();
    if (!rc)
        check_result(&dd);
    for (int l = 1; l < TT_LANG_COUNT; l++) {
        rc = tt_heading_extract(hd, (tt_lang)l, (const char *)data, size, &dd.head, &err);
        if (rc && rc != TT_EPCRE && rc != TT_ENOMEM)
            abort();
        if (!rc)
            check_result(&dd);
    }
    char *path = malloc(size + 1);
    if (!path)
        return 0;
    memcpy(path, data, size);
    path[size] = 0;
    tt_buf id = {0};
    if (tt_corpus_doc_id(path, &id) == 0)
        for (size_t i = 0; i < id.len; i++) {
            unsigned char ch = (unsigned char)id.data[i];
            if (ch < 0x80 && ch != '.' && ch != '_' && ch != '-' && ch != '/' &&
                !(ch >= '0' && ch <= '9') && !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
                abort();
        }
    tt_buf_free(&id);
    free(path);
    return 0;
}
