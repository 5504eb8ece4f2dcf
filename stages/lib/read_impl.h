/* read_impl.h - private to the document readers (read_*.c): the data of lexicons/markup.tsv and
 * frontmatter.tsv, the text emitter every markup reader writes through, and the per-format entry points that
 * tt_read_mem (read_format.c) dispatches to. */
#ifndef TT_READ_IMPL_H
#define TT_READ_IMPL_H

#include "tt/read.h"

#include <stddef.h>
#include <stdint.h>

#define DEFAULT_MAX_INPUT (256ull << 20)
#define DEFAULT_MAX_ENTRIES 10000ull
#define DEFAULT_MAX_UNZIPPED (512ull << 20)
#define DEFAULT_MAX_RATIO 200ull
#define DEFAULT_MAX_DEPTH 256ull
#define DEFAULT_MAX_PAGES 100000ull

/* ---- lexicons/markup.tsv */
enum {
    RA_INLINE = 0,
    RA_SKIP,
    RA_PARA,
    RA_LINE,
    RA_CELL,
    RA_TAB,
    RA_SPACE,
    RA_HYPHEN,
    RA_PRE,
    RA_TEXT,
    RA_NOTE,
};
enum { RF_HTML, RF_DOCX, RF_ODT, RF_N };

typedef struct tt_markup_rule {
    int fmt;
    const char *uri;   /* namespace URI (XML formats), NULL for HTML */
    const char *local; /* local name (HTML: lowercase name) */
    int action;
} tt_markup_rule;

typedef struct tt_fm_rule {
    const char *field, *column, *values; /* values: "" or "from=to,from=to" */
} tt_fm_rule;

typedef struct tt_read_tables {
    tt_markup_rule *rules;
    size_t nrules;
    int text_only[RF_N]; /* the format has a `text` row */
    tt_fm_rule *fm;
    size_t nfm;
} tt_read_tables;

/* The tables of data_dir (loaded once per process for the first data_dir asked; NULL = tt_data_dir()). */
int tt_read_tables_get(const tt_read_tables **out, const char *data_dir, tt_error *err);
/* Action of an element: uri NULL for HTML. */
int tt_markup_action(const tt_read_tables *t, int fmt, const char *uri, const char *local);

/* A per-document cache of tt_markup_action by name pointer: libxml2 interns element names in its dictionary, so
 * the same name is the same pointer for the life of one parse (the table lookup compares strings). Zero it
 * before each document. */
#define TT_ACT_CACHE 64
typedef struct tt_act_cache {
    const void *local, *uri;
    int act;
} tt_act_cache;

static inline int
tt_markup_action_cached(tt_act_cache *c, const tt_read_tables *t, int fmt, const char *uri, const char *local)
{
    size_t h = ((size_t)(uintptr_t)local >> 3) % TT_ACT_CACHE;
    if (c[h].local == local && c[h].uri == uri)
        return c[h].act;
    int a = tt_markup_action(t, fmt, uri, local);
    c[h] = (tt_act_cache){local, uri, a};
    return a;
}

/* ---- the emitter: collapses whitespace, turns breaks into "\t", "\n", "\n\n", "\f" between text, never
 * at the start or end */
enum { EB_NONE = 0, EB_SPACE, EB_TAB, EB_LINE, EB_PARA, EB_PAGE };
typedef struct tt_emit {
    tt_buf *out;
    int pend;       /* pending break EB_* */
    int pre;        /* > 0: inside <pre>: whitespace as written */
    int cell;       /* a cell just ended: breaks until the next text are the row's (tt_emit_cell) */
    uint64_t max;   /* 0 = no limit */
    int over;       /* the limit was passed */
} tt_emit;

void tt_emit_init(tt_emit *e, tt_buf *out, uint64_t max);
/* Appends character data (UTF-8 as libxml2 gives it). Returns 0 or TT_ENOMEM / TT_ELIMIT (e->over). */
int tt_emit_text(tt_emit *e, const char *s, size_t n);
void tt_emit_break(tt_emit *e, int level);
/* The end of a table cell: a tab, which replaces the paragraph or line break its last paragraph left pending
 * (cells of a row stay on one line). */
void tt_emit_cell(tt_emit *e);
/* A character that is text even though it is whitespace-like (a tab from w:tab, spaces from text:s). */
int tt_emit_literal(tt_emit *e, const char *s, size_t n);

/* Control characters other than \t \n \f -> spaces (\r\n -> \n), then NFC (ICU; invalid UTF-8 -> U+FFFD), in
 * place. Returns 0, TT_ENOMEM or TT_EICU. */
int tt_read_nfc(tt_buf *b, tt_error *err);

/* Sets err for a hit limit on the text size. */
int tt_read_too_long(tt_error *err, uint64_t max);

/* ---- per-format readers (doc->format already set; text appended to doc->text, not yet NFC) */
int tt_read_html(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t, tt_read_doc *doc,
                 tt_error *err);
int tt_read_zip(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t, tt_read_doc *doc,
                tt_error *err);
int tt_read_pdf(const void *p, size_t n, const tt_read_opts *o, tt_read_doc *doc, tt_error *err);
int tt_read_md(const void *p, size_t n, const tt_read_opts *o, const tt_read_tables *t, tt_read_doc *doc,
               tt_error *err);

/* XML part of a DOCX/ODT (read_xml.c): walks the part's elements with libxml2's xmlTextReader (no DTD, no
 * entity expansion, no network) and emits its text by the markup rules of fmt. `only`: if not NULL, only the
 * content of elements with this URI + local name is read (ODT styles.xml headers); `body`: if not NULL, only
 * the content of that element (office:text). Notes (RA_NOTE) go to `notes` when not NULL. */
int tt_read_xml_part(const char *part, const void *p, size_t n, int fmt, const char *const *only_uri_local,
                     size_t nonly, const tt_read_opts *o, const tt_read_tables *t, tt_emit *e, tt_emit *notes,
                     tt_error *err);

/* Initialises libxml2 once per process (thread-safe); installs no global handler. */
void tt_read_xml_init(void);

#endif
