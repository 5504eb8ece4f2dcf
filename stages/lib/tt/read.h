/* tt/read.h - document formats other than plain text: HTML/XHTML, DOCX, ODT, PDF and Markdown with a YAML front
 * matter, read into the text a reader sees (outputs.md "Additions": manifest `format`, docs.tsv `format` and
 * `page_count`, hits.tsv `page`).
 *
 * The decoder (tt/decode.h) calls these readers: it sniffs the first bytes of a document (after gunzip), or takes
 * the format the manifest or --format declares, and for anything but plain text reads the whole file into memory
 * (bounded by tt_read_limits.max_input), hands it to tt_read_mem() and then serves the reader's text as UTF-8
 * chunks like any text file. So every stage after decode, every offset in every output, points into the text
 * the reader yields. Plain text never comes here and keeps streaming.
 *
 * THE TEXT A READER YIELDS (UTF-8, NFC, no NUL, no C0 control other than \t \n \f)
 *   - HTML/XHTML: libxml2's HTML parser (recovering, no network); the text of the body (or of the nodes an
 *     XPath 1.0 expression selects, tt_read_opts.html_select) in document order; script, style, template,
 *     noscript and head content and comments are never text; whitespace is collapsed as a browser does except
 *     in <pre>; block elements end a line or a paragraph; entities are decoded. Which element does what is
 *     data: lexicons/markup.tsv.
 *   - DOCX: the zip's word/document.xml, with word/header*.xml before it and word/footnotes.xml, endnotes.xml,
 *     footer*.xml after it; only w:t text (runs of one paragraph join without a gap, so a run boundary inside
 *     a word does not split it); w:del, w:moveFrom, w:delText, w:instrText, mc:Fallback are not text;
 *     paragraphs end paragraphs, table cells a tab, rows a line (lexicons/markup.tsv).
 *   - ODT (mimetype application/vnd.oasis.opendocument.text): content.xml's office:text, headers and footers of
 *     styles.xml before and after it, footnotes (text:note-body) collected and put after the body;
 *     text:tracked-changes (deleted text) and annotations are not text.
 *   - PDF: poppler's text of each page in reading order; pages are separated by one form feed (\f), so a
 *     hit's page is 1 + the number of \f before it; lines repeated at the top or bottom of most pages
 *     (running headers and footers, page numbers; digits compared as one class) are listed as note spans.
 *   - Markdown (a file that starts with a `---` line: YAML front matter): the front matter is metadata, never
 *     text: its scalar fields are mapped to manifest columns by lexicons/frontmatter.tsv (tt_read_doc.meta);
 *     the body is parsed by cmark (CommonMark) and only its text is kept: `#`, `>`, emphasis, bullets, inline
 *     and block HTML (anchors) are markup; an ordered-list marker (`1)`, `2.`) is kept, since legal texts number
 *     their points that way.
 *
 * LIMITS (bounded cost; each failure is TT_ELIMIT naming the option that raises it)
 *   max_input: the whole file is held in memory (default 256 MiB, --max-input-bytes); zip containers: at most
 *   max_zip_entries entries (10,000), max_unzipped bytes declared uncompressed in all (512 MiB), and no entry
 *   inflating more than max_zip_ratio times its compressed size (200) - checked before inflating from the
 *   central directory, and an entry is never read past its declared size; XML and HTML nesting deeper than
 *   max_depth elements (256) is refused; a DTD in a DOCX/ODT part is refused (no entity is ever expanded,
 *   XML_PARSE_NOENT is off: a "billion laughs" file is an error, not a hang); PDF: at most max_pages pages
 *   (100,000).
 *
 * ERRORS: TT_EFORMAT a container that does not parse (broken zip, a zip that is neither DOCX nor ODT, a PDF
 * poppler cannot open, XML that is not well-formed, an encrypted PDF or zip entry), TT_ELIMIT a
 * limit, TT_EEMPTY a PDF without a text layer (every page without text: a scan) or an --html-select matching
 * nothing, TT_EUSAGE a bad XPath, TT_EIO/TT_ESYNTAX a missing or bad lexicons/markup.tsv or frontmatter.tsv,
 * TT_ENOMEM. err->msg says what is wrong and, where the program can tell, how to fix it.
 *
 * THREADS: tt_read_mem may run in several threads at once (one document each). The data files are loaded once
 * per process (pthread_once) and read-only afterwards; libxml2 is initialised there too.
 */
#ifndef TT_READ_H
#define TT_READ_H

#include "tt/common.h"

typedef enum tt_format {
    TT_FMT_AUTO = 0, /* detect from the bytes (never from the file name) */
    TT_FMT_TXT,
    TT_FMT_HTML,
    TT_FMT_DOCX,
    TT_FMT_ODT,
    TT_FMT_PDF,
    TT_FMT_MD,
    TT_FMT_ZIP, /* sniffed only: a zip whose kind (DOCX, ODT) the reader decides from its entries */
    TT_FMT_COUNT
} tt_format;

/* "txt" "html" "docx" "odt" "pdf" "md" (and "zip", "" for AUTO). Static string. */
const char *tt_format_name(tt_format f);
/* The names above (case-insensitive) -> format; "" -> TT_FMT_AUTO; -1 for anything else ("zip" too). */
int tt_format_parse(const char *s, size_t n);

/* The format the first bytes p[0..n) show (n up to 64 KiB is plenty): "%PDF-" within the first 1 KiB -> PDF;
 * "PK\3\4" -> ZIP (DOCX/ODT decided by the reader); a `---` line first -> MD; a start (after a BOM and
 * whitespace) of <!DOCTYPE html, <html, <head, <body, a comment, or <?xml followed by an <html element within
 * the first 1 KiB -> HTML; anything else -> TXT (the decoder's checks for other binary formats then apply). */
tt_format tt_format_sniff(const unsigned char *p, size_t n);

/* 1 if f is read by tt_read_mem (HTML, DOCX, ODT, PDF, MD, ZIP), 0 for TXT/AUTO. */
int tt_format_is_container(tt_format f);

typedef struct tt_read_limits {
    uint64_t max_input;       /* bytes of the file held in memory; 0 = 256 MiB */
    uint64_t max_zip_entries; /* 0 = 10,000 */
    uint64_t max_unzipped;    /* total declared uncompressed bytes of a zip; 0 = 512 MiB */
    uint64_t max_zip_ratio;   /* per entry, uncompressed / compressed; 0 = 200 */
    uint64_t max_depth;       /* element nesting of HTML and XML; 0 = 256 */
    uint64_t max_pages;       /* PDF pages; 0 = 100,000 */
} tt_read_limits;

typedef struct tt_read_opts {
    const char *html_select;  /* XPath 1.0: keep only the text of the nodes it selects (HTML); NULL/"" = body */
    const char *encoding;     /* declared encoding of an HTML file, NULL/"" = the page's own (meta charset) */
    uint64_t max_text;        /* bytes of text (--max-doc-bytes), 0 = no limit */
    tt_read_limits lim;
    const char *data_dir;     /* NULL = tt_data_dir() (markup.tsv, frontmatter.tsv) */
} tt_read_opts;

/* A span of the text [start, end) (byte offsets). */
typedef struct tt_read_span {
    uint64_t start, end;
} tt_read_span;

/* What a reader yields. Zero-initialise, fill with tt_read_mem, release with tt_read_doc_free. */
typedef struct tt_read_doc {
    tt_format format;       /* the format actually read (ZIP resolved to DOCX or ODT) */
    tt_buf text;            /* the text (see above); pages separated by \f for PDF */
    uint32_t page_count;    /* PDF pages, 0 for formats without pages */
    uint32_t empty_pages;   /* PDF pages without any text */
    tt_read_span *notes;    /* running headers and footers (PDF), in text order, not overlapping */
    size_t nnotes;
    char **meta;            /* front matter mapped to manifest columns: meta[2i] column, meta[2i+1] value */
    size_t nmeta;
} tt_read_doc;

/* Reads document p[0..n) of format f (TT_FMT_ZIP: DOCX or ODT by its entries; TXT and AUTO are TT_EUSAGE) into
 * doc (which must be zero or freed; filled also on failure with what was read, free it in every case). `name` is
 * for messages only. Returns 0 or a negative TT_E* (above), err->msg saying what is wrong; err->path is left to
 * the caller. opts may be NULL (defaults). */
int tt_read_mem(tt_format f, const void *p, size_t n, const char *name, const tt_read_opts *opts,
                tt_read_doc *doc, tt_error *err);

void tt_read_doc_free(tt_read_doc *doc);

/* 1 if [start, end) lies inside one of doc's note spans (a running header or footer of a PDF), else 0; doc may
 * be NULL. Offsets are the text's (= the NFC text the later stages see, since a reader's text is NFC). The hook
 * for the hit role `note` (outputs.md "Additions"): a hit for which this is 1 gets role note. */
int tt_read_in_note(const tt_read_doc *doc, uint64_t start, uint64_t end);

/* Page counting in paged text (pages separated by \f): the number of form feeds in s[*pos..upto), and *pos
 * moves to upto (when it is past *pos). Hits come in order, so one pass over a piece serves them all (the worker
 * and tt-match number the pages of hits so). */
uint32_t tt_count_ff(const char *s, size_t *pos, size_t upto);

/* The value doc's front matter gives for manifest column `col`, or NULL. Borrowed. */
const char *tt_read_meta(const tt_read_doc *doc, const char *col);

/* 1 if the XPath expression compiles (libxml2), else 0 with the reason in err (TT_EUSAGE). For checking
 * --html-select and the manifest column before anything is read. An expression nested deeper than
 * TT_XPATH_MAX_DEPTH brackets/parentheses or longer than TT_XPATH_MAX_LEN bytes is refused before libxml2 sees it
 * (its compiler recurses without bound). */
#define TT_XPATH_MAX_DEPTH 64
#define TT_XPATH_MAX_LEN 4096
int tt_read_xpath_ok(const char *xpath, tt_error *err);

/* The version of a library the readers use, for run.json: lib is "libxml2", "libzip", "cmark", "libyaml" (the
 * versions running) or "poppler" (the version built against: it is loaded on the first PDF). Static string; ""
 * for another name. */
const char *tt_read_lib_version(const char *lib);

#endif
