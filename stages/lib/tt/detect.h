/* tt/detect.h - what a manifest would say about a document, detected from its first 64 KiB:
 * language, script, encoding and what its heading states (type, number, adoption date, title,
 * version date); and the manifest of a corpus folder built from it (a folder without manifest.tsv,
 * or a manifest that leaves fields empty).
 *
 * One function builds the manifest for both `pipeline run` and `pipeline manifest`, so a draft kept
 * as manifest.tsv gives the same run. Reading is bounded: one decoder chunk of 64 KiB per document
 * (the decoder's own encoding detection, gzip included), whatever the document's size.
 *
 * Manifest built for a folder without one (columns, in this order):
 *   doc_id path lang script date doc_type title number version_date encoding detected
 * lang_confidence script_confidence evidence `detected` lists the fields whose value was detected,
 * comma-separated (a field left empty because nothing was found is not listed). `encoding` is
 * written only when the decoder detected it with certainty (BOM, valid UTF-8 with non-ASCII
 * letters, UTF-16, or a scored legacy encoding); otherwise empty (= detect at run time). A file
 * that cannot be read or is not text gets lang `und` and a warning; the run then skips it with its
 * status, as for any bad document.
 * A manifest with empty cells in lang, script, date, doc_type, title, number or version_date
 * columns gets those cells detected and a `detected` column appended (if it has none); cells that
 * are filled are never changed, and a manifest without such empty cells is used exactly as written.
 */
#ifndef TT_DETECT_H
#define TT_DETECT_H

#include "tt/common.h"
#include "tt/heading.h"
#include "tt/langid.h"
#include "tt/manifest.h"

#define TT_DETECT_PREFIX 65536

typedef struct tt_detector tt_detector;

typedef struct tt_doc_detect {
    int status; /* 0, or the TT_E* the decoder returned (then err says why) */
    tt_error err;
    tt_langid_result lang;
    tt_heading_result head;
    char encoding[32]; /* what the decoder used */
    char enc_method[16];
    int encoding_sure;   /* 1: worth writing into a manifest */
    size_t prefix_bytes; /* decoded bytes examined */
} tt_doc_detect;

/* Loads the language profiles, heading patterns and the normalizer (for the Kazakh Latin alphabet)
 * from data_dir (NULL = tt_data_dir()). Caller owns *out. Errors as tt_langid_new, tt_heading_new,
 * tt_normalizer_new. Not thread-safe (one per thread). */
int tt_detector_new(tt_detector **out, const char *data_dir, tt_error *err);
void tt_detector_free(tt_detector *d);

/* Detects from the first TT_DETECT_PREFIX decoded bytes of the file at path (encoding NULL/"" =
 * detect). A document that cannot be read is not a failure of this call: out->status and out->err
 * say why. Returns 0 or TT_ENOMEM / TT_EPCRE (a heading pattern failed). */
int tt_detect_file(tt_detector *d, const char *path, const char *encoding, tt_doc_detect *out,
                   tt_error *err);
/* The same over text already decoded (UTF-8), for tests and fuzzing. */
int tt_detect_text(tt_detector *d, const char *s, size_t n, tt_doc_detect *out, tt_error *err);

typedef void (*tt_detect_warn_fn)(void *ctx, const tt_error *w);

/* Builds the manifest text (TSV, as manifest.tsv) for corpus folder dir: from manifest_path (NULL =
 * dir/manifest.tsv) with its empty cells detected, or, when dir/manifest.tsv does not exist (and
 * manifest_path is NULL), from every file below dir (tt/corpuswalk.h). *changed = 0 when the
 * manifest exists and has nothing to detect (out then holds it unchanged). Warnings (a file
 * skipped, a language `und`) go to warn (may be NULL). Errors: TT_EIO (manifest or folder
 * unreadable), TT_EUSAGE (no manifest and no file: "no documents"), TT_ESYNTAX (a manifest without
 * a header), TT_ENOMEM. */
int tt_detect_manifest_text(const char *dir, const char *manifest_path, const char *data_dir,
                            tt_buf *out, int *changed, tt_detect_warn_fn warn, void *ctx,
                            tt_error *err);

/* The hook of `pipeline run` (and every command that reads a corpus): tt_manifest_load when the
 * manifest exists and has nothing to detect, else tt_detect_manifest_text + tt_manifest_parse. Same
 * ownership and errors as tt_manifest_load, plus those of tt_detect_manifest_text. */
int tt_detect_manifest_load(tt_manifest **out, const char *dir, const char *manifest_path,
                            int allow_outside, const char *data_dir, tt_detect_warn_fn warn,
                            void *ctx, tt_error *err);

#endif
