/* tt/decode.h - bytes of a file in any encoding (optionally gzipped) -> UTF-8, streamed in chunks.
 *
 * A tt_decoder reads one document. It recognises gzip by its magic bytes (1F 8B) and inflates with zlib
 * (streamed; several members and zero padding after the last one are fine); it recognises a BOM (UTF-8,
 * UTF-16LE/BE, UTF-32LE/BE) and strips it; without a declared encoding it detects one (normalization.md §1.3
 * steps 3-5: UTF-16 without BOM by the zero/0x04 high bytes of the first 4 KiB, strict UTF-8, else a scored
 * choice among the `detect` rows of lexicons/encodings.tsv - CP1251, RK1048, PT154, KOI8-R, CP866, ISO-8859-5,
 * MAC-CYRILLIC - on 64 KiB). Undeclared text that is ASCII so far is passed through as is and detection runs
 * on the 64 KiB that start at the first non-ASCII byte (every candidate is ASCII-compatible), so a long ASCII
 * preamble does not hide the encoding. A window of mostly valid UTF-8 with a few bad sequences is taken as
 * broken UTF-8 (an error at the first bad byte), never silently as CP1251.
 *
 * Legacy encodings are decoded with glibc iconv: single-byte ones through a byte table built from iconv,
 * others (UTF-16/32, multi-byte) by iconv itself. Names go through the alias table of
 * lexicons/encodings.tsv (KZ-1048 -> RK1048, PTCP154 -> PT154, ...), matched ignoring case and - _ . space;
 * a name not in the table is refused even if iconv knows it.
 *
 * Other formats (tt/read.h): the first bytes (after gunzip) are sniffed, or opts.format says the format; HTML,
 * DOCX, ODT, PDF and Markdown with a front matter are read whole (at most opts.read.max_input bytes, TT_ELIMIT
 * beyond) by tt_read_mem, and the decoder then yields the reader's text (UTF-8, NFC) in chunks as for a text
 * file; its errors are the reader's (TT_EFORMAT, TT_ELIMIT, TT_EEMPTY ...) with err->path set. The SHA-256 and
 * raw byte count stay those of the file. info.format names the format read, info.page_count its pages.
 *
 * Not text (TT_EBINARY, offset of the evidence): PNG/PDF/ELF/ZIP/GIF/JPEG/OLE2/xz/zstd/7z/RAR/bzip2 magic at
 * the start of the (decompressed) input; a NUL character anywhere (a 00 byte, or a 0000 UTF-16 unit); more
 * than 10 % C0 controls other than \t \n \f \r (at least 8) in the first 64 KiB. An empty or whitespace-
 * only document is not an error here (out_bytes 0 or only spaces): the caller decides.
 *
 * Output is UTF-8 exactly as decoded (not yet NFC: that is the normalize stage's job). Chunks always end on a
 * character boundary and never contain U+0000. Invalid byte sequences are TT_EENCODING with the byte offset
 * in the (decompressed) input and the bytes in the message (UTF-8: "overlong", "surrogate", "above U+10FFFF",
 * "truncated UTF-8 sequence at end of file"), unless opts.replace_invalid, which writes one U+FFFD per
 * maximal ill-formed subpart (Unicode §3.9) and counts them in info.replaced.
 *
 * The decoder also computes the SHA-256 of the raw file bytes (before decompression), the raw byte count and
 * the decoded byte count, available in tt_decode_info after the last chunk.
 *
 * Memory: bounded by the chunk size and the 64 KiB detection window (about chunk + 130 KiB), whatever the
 * document's size. Errors carry err->path (the file, or the name given to tt_decoder_open_mem) and, for
 * TT_EENCODING / TT_EBINARY / gzip TT_ELIMIT, err->offset (decompressed stream offset, has_offset = 1).
 *
 * The encoding table is read once per process from tt_data_dir()/encodings.tsv (read-only afterwards, safe
 * from any thread); a missing or malformed table makes every open fail with TT_EIO / TT_ESYNTAX naming it.
 */
#ifndef TT_DECODE_H
#define TT_DECODE_H

#include "tt/common.h"
#include "tt/read.h"
#include "tt/sha256.h"

#include <stdio.h>

typedef struct tt_decode_opts {
    const char *encoding;  /* declared encoding name (any alias), or NULL/"" to detect */
    int replace_invalid;   /* 1: invalid sequences -> U+FFFD, counted; 0: TT_EENCODING */
    uint64_t max_bytes;    /* limit on decoded UTF-8 bytes per document (TT_ELIMIT); 0 = no limit */
    int strict_encoding;   /* 1: a declared encoding that decodes clearly worse than the detected one
                              (info.mismatch) fails the open with TT_EENCODING; 0: decode as declared */
    uint64_t max_gunzip_ratio; /* refuse gzip input inflating to more than ratio x the compressed bytes
                                  read so far (all members together; checked once 64 KiB are inflated)
                                  (TT_ELIMIT naming --max-gzip-ratio); 0 = default 1000 */
    size_t chunk_size;     /* target size of the chunks tt_decoder_read returns (a chunk may pass it by
                              a few bytes to end on a character); 0 = default 1 MiB, minimum 64 */
    int format;            /* tt_format (tt/read.h): TT_FMT_AUTO (0) sniffs the bytes; TT_FMT_TXT reads text
                              whatever the bytes look like; other formats go through tt_read_mem */
    const char *html_select; /* XPath for HTML documents (tt_read_opts.html_select); only read during open */
    tt_read_limits read;   /* limits of the document readers */
    const char *mem_sha256; /* tt_decoder_open_mem only: the bytes' SHA-256 in 64 lowercase hex digits when the
                               caller has it (the run's cache hashed them): info.sha256 gets it and the bytes are
                               not hashed again; NULL = hash them. Only read during open */
} tt_decode_opts;

typedef struct tt_decode_info {
    char encoding[32];     /* canonical name actually used: "UTF-8", "UTF-16LE", "CP1251", "RK1048", ... */
    int detected;          /* 1 if detected, 0 if declared */
    char method[16];       /* "declared", "bom", "utf8", "utf16-heuristic", "score", "ascii" */
    int confidence;        /* 0..100: 100 for BOM/declared/valid UTF-8/ASCII; 90 for the UTF-16 heuristic;
                              broken UTF-8: share of valid multi-byte sequences; scored: the margin over
                              the runner-up in % of the winner's score (100 if no candidate differs) */
    char runner_up[32];    /* scored detection: best candidate that decodes the window differently ("" if
                              none: CP1251/RK1048/PT154 decode Russian identically, that costs nothing) */
    long score, runner_up_score;
    int gzip;              /* 1 if the file was gzip */
    int bom;               /* 1 if a BOM was stripped */
    int ambiguous;         /* scored detection: the runner-up decodes the text differently and scores within
                              2 % of the winner (normalization.md §1.3: warn) */
    int degraded;          /* 1 if the encoding cannot carry the language's letters (e.g. Kazakh in CP1251);
                              set by the caller's knowledge of the language: see tt_decode_degraded() */
    char mismatch[32];     /* declared encodings only: the encoding detection finds when the declared one
                              decodes clearly worse ("" if not): declared UTF-8 for bytes that score as a
                              legacy encoding, a legacy encoding for valid UTF-8 (3+ multi-byte characters),
                              or a candidate scoring more than a tenth below the winner (decoding
                              differently);
                              checked on the 64 KiB from the first non-ASCII byte */
    char mismatch_why[160]; /* what the detector saw, e.g. "valid UTF-8: 12 multi-byte characters, ..." */
    uint64_t raw_bytes;    /* bytes of the file as stored */
    uint64_t in_bytes;     /* bytes after decompression */
    uint64_t out_bytes;    /* UTF-8 bytes produced */
    uint64_t replaced;     /* invalid sequences replaced by U+FFFD */
    char sha256[65];       /* hex SHA-256 of the raw file bytes, valid after the last chunk (EOF) */
    char format[8];        /* "txt", "html", "docx", "odt", "pdf", "md" (tt_format_name) */
    uint32_t page_count;   /* pages of a paged format (PDF), else 0 */
} tt_decode_info;

typedef struct tt_decoder tt_decoder;

/* Opens `path` for decoding. The caller owns *out (tt_decoder_free). Fails with TT_EIO (cannot open/read),
 * TT_EUSAGE (unknown encoding name, or one this iconv lacks), TT_EBINARY, TT_EENCODING, TT_ELIMIT (detection
 * reads the first 64 KiB), TT_ENOMEM. err->path is set to path on failure. opts may be NULL (all defaults);
 * opts->encoding is only read during the call. */
int tt_decoder_open(tt_decoder **out, const char *path, const tt_decode_opts *opts, tt_error *err);

/* The same over bytes in memory (the decoder copies nothing: p must outlive it). `name` is used in error
 * messages only (may be NULL). */
int tt_decoder_open_mem(tt_decoder **out, const void *p, size_t n, const char *name,
                        const tt_decode_opts *opts, tt_error *err);

/* Appends the next chunk of UTF-8 to `out` (does not reset it). Returns 1 when bytes were appended, 0 at the
 * end of the document, or a negative TT_E* code (err filled with path and byte offset). After an error the
 * decoder must only be freed (further reads return the same error). TT_ELIMIT "document larger than N bytes
 * (--max-doc-bytes)" when opts.max_bytes is passed. When out is empty, its memory may be exchanged with the
 * decoder's (a chunk that is all of the decoder's buffer is handed over without a copy): out->data may change,
 * out stays the caller's to free. */
int tt_decoder_read(tt_decoder *d, tt_buf *out, tt_error *err);

/* Borrowed; complete after tt_decoder_read returned 0. */
const tt_decode_info *tt_decoder_info(const tt_decoder *d);

/* Borrowed: what a document reader yielded besides the text (front matter columns, running header spans), or
 * NULL for plain text. Valid until tt_decoder_free. */
const tt_read_doc *tt_decoder_doc(const tt_decoder *d);

void tt_decoder_free(tt_decoder *d);

/* Convenience: decodes a whole file into out (appending). Returns 0 or TT_E*. info may be NULL. */
int tt_decode_file(const char *path, const tt_decode_opts *opts, tt_buf *out, tt_decode_info *info,
                   tt_error *err);

/* Canonical glibc iconv name for an encoding name or alias ("KZ-1048" -> "RK1048", "utf8" -> "UTF-8"), or
 * NULL if unknown. Static string. Reads lexicons/encodings.tsv once per process, not the detection tables. */
const char *tt_encoding_canonical(const char *name);

/* Builds the encoding table and its detection tables now (once per process; each decoder otherwise builds them
 * on first use): a run's workers call it while they prepare, off the main thread's path. A load error is not
 * returned here: every decoder reports it, as without this call. */
void tt_decode_warm(void);

/* 1 if text in `lang` (its Cyrillic alphabet) written in `encoding` (any alias) has lost letters: Kazakh or
 * Uzbek in CP1251/KOI8-R/CP866/..., Uzbek in RK1048. From the `lacks` rows of encodings.tsv; 0 for Unicode,
 * for encodings without a row and for unknown names. */
int tt_decode_degraded(tt_lang lang, const char *encoding);

#endif
