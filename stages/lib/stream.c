/* stream.c - reading and writing the stage record stream (see tt/stream.h). */
#include "tt/stream.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *tag;
    tt_rec_kind kind;
    size_t nf; /* fields after the tag */
} kinds[] = {
    {"ttstream", TT_REC_HEADER, 2}, {"doc", TT_REC_DOC, 1},     {"meta", TT_REC_META, 2},
    {"stat", TT_REC_STAT, 2},       {"text", TT_REC_TEXT, 2},   {"art", TT_REC_ART, 2},
    {"tok", TT_REC_TOK, 7},         {"hit", TT_REC_HIT, 18},    {"enddoc", TT_REC_ENDDOC, 1},
    {"name", TT_REC_NAME, 1},
};

static int check_numbers(tt_stream_reader *r, tt_rec *rec, const char *tag, tt_error *err);

void
tt_stream_reader_init(tt_stream_reader *r, FILE *f, const char *name)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->name = name ? name : "<stdin>";
}

void
tt_stream_reader_free(tt_stream_reader *r)
{
    tt_buf_free(&r->line_buf);
    tt_buf_free(&r->fields);
    tt_buf_free(&r->text);
    free(r->raw);
    memset(r, 0, sizeof *r);
}

static int
bad(tt_stream_reader *r, tt_error *err, const char *why)
{
    tt_error_set(err, TT_ESYNTAX, "bad stream record: %s", why);
    return tt_error_at(err, r->name, r->line, 0);
}

/* Splits line[0..n) (no newline) into rec. */
static int
parse_line(tt_stream_reader *r, const char *line, size_t n, tt_rec *rec, tt_error *err)
{
    const char *tab = memchr(line, '\t', n);
    size_t tl = tab ? (size_t)(tab - line) : n;
    size_t k;
    for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (strlen(kinds[k].tag) == tl && memcmp(kinds[k].tag, line, tl) == 0)
            break;
    if (k == sizeof kinds / sizeof *kinds)
        return bad(r, err, "unknown tag");
    rec->kind = kinds[k].kind;
    rec->nf = 0;
    tt_buf_reset(&r->fields);
    size_t offs[TT_STREAM_MAXF];
    size_t pos = tl;
    while (pos < n) {
        pos++; /* the tab */
        const char *e = memchr(line + pos, '\t', n - pos);
        size_t fl = e ? (size_t)(e - (line + pos)) : n - pos;
        if (rec->nf == TT_STREAM_MAXF)
            return bad(r, err, "too many fields");
        offs[rec->nf] = r->fields.len;
        if (tt_tsv_unescape(&r->fields, line + pos, fl))
            return bad(r, err, "bad escape");
        rec->n[rec->nf] = r->fields.len - offs[rec->nf];
        if (tt_buf_putc(&r->fields, 0))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        rec->nf++;
        pos += fl;
        if (!e)
            break;
    }
    if (rec->nf != kinds[k].nf)
        return bad(r, err, "wrong number of fields");
    for (size_t i = 0; i < rec->nf; i++)
        rec->f[i] = r->fields.data + offs[i];
    return check_numbers(r, rec, kinds[k].tag, err);
}

/* The numeric fields of each record kind: index, name, and whether the value must fit in 32 bits. Every one is
 * checked when the record is read (digits only, no sign, no "0x", nothing after: "16junk" is an error), and its
 * value is in rec->u[]. */
static const struct {
    tt_rec_kind kind;
    size_t field;
    const char *name;
    int u32;
} numeric[] = {
    {TT_REC_ART, 0, "n", 1},          {TT_REC_TOK, 0, "start", 0},     {TT_REC_TOK, 1, "end", 0},
    {TT_REC_TOK, 2, "sent", 1},       {TT_REC_TOK, 3, "para", 1},      {TT_REC_TOK, 4, "article", 1},
    {TT_REC_TOK, 5, "flags", 1},      {TT_REC_HIT, 1, "concept", 1},   {TT_REC_HIT, 3, "tok_first", 0},
    {TT_REC_HIT, 4, "tok_last", 0},   {TT_REC_HIT, 5, "start", 0},     {TT_REC_HIT, 6, "end", 0},
    {TT_REC_HIT, 7, "sent", 1},       {TT_REC_HIT, 8, "para", 1},      {TT_REC_HIT, 9, "article", 1},
};

static int parse_u64(const char *s, uint64_t *v);

static int
check_numbers(tt_stream_reader *r, tt_rec *rec, const char *tag, tt_error *err)
{
    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
        if (numeric[i].kind != rec->kind)
            continue;
        size_t k = numeric[i].field;
        uint64_t v;
        if (parse_u64(rec->f[k], &v) || (numeric[i].u32 && v > UINT32_MAX)) {
            tt_error_set(err, TT_ESYNTAX, "'%s' record: %s must be a whole number%s, not '%.40s'", tag,
                         numeric[i].name, numeric[i].u32 ? " below 2^32" : "", rec->f[k]);
            return tt_error_at(err, r->name, r->line, 0);
        }
        rec->u[k] = v;
    }
    return 0;
}

static int
parse_u64(const char *s, uint64_t *v)
{
    if (!*s)
        return -1;
    uint64_t x = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || x > (UINT64_MAX - 9) / 10)
            return -1;
        x = x * 10 + (uint64_t)(*s - '0');
    }
    *v = x;
    return 0;
}

int
tt_stream_read(tt_stream_reader *r, const char *expect, tt_rec *rec, tt_error *err)
{
    /* a record not read (end, error) has no kind, fields or text */
    rec->kind = (tt_rec_kind)0;
    rec->nf = 0;
    rec->text = NULL;
    rec->text_len = 0;
    rec->text_offset = 0;
    ssize_t got = getline(&r->raw, &r->rawcap, r->f);
    if (got < 0) {
        if (ferror(r->f)) {
            tt_error_set(err, TT_EIO, "cannot read");
            return tt_error_at(err, r->name, r->line, 0);
        }
        if (r->line == 0 && expect)
            return bad(r, err, "empty stream (no ttstream header)");
        return 0;
    }
    r->line++;
    size_t n = (size_t)got;
    if (n == 0 || r->raw[n - 1] != '\n')
        return bad(r, err, "last line has no newline (truncated stream?)");
    n--;
    int rc = parse_line(r, r->raw, n, rec, err);
    if (rc)
        return rc;
    if (r->line == 1) {
        if (rec->kind != TT_REC_HEADER)
            return bad(r, err, "the stream must start with a ttstream line");
        if (expect && strcmp(rec->f[0], expect) != 0) {
            tt_error_set(err, TT_EFORMAT, "a '%s' stream where a '%s' stream was expected (wrong stage order?)",
                         rec->f[0], expect);
            return tt_error_at(err, r->name, r->line, 0);
        }
        if (strcmp(rec->f[1], TT_STREAM_VERSION_S) != 0) {
            tt_error_set(err, TT_EFORMAT, "stream format version %s, this program reads " TT_STREAM_VERSION_S,
                         rec->f[1]);
            return tt_error_at(err, r->name, r->line, 0);
        }
    } else if (rec->kind == TT_REC_HEADER) {
        return bad(r, err, "ttstream header in the middle of the stream");
    }
    if (rec->kind == TT_REC_TEXT) {
        uint64_t off, len;
        if (parse_u64(rec->f[0], &off) || parse_u64(rec->f[1], &len))
            return bad(r, err, "text offset and length must be numbers");
        /* Read in steps: a length on the line is not trusted to allocate memory for (the bytes must be
           there), and a piece is never larger than TT_STREAM_MAX_TEXT. */
        if (len > TT_STREAM_MAX_TEXT) {
            tt_error_set(err, TT_ELIMIT, "text record of %llu bytes: pieces are at most %llu bytes",
                         (unsigned long long)len, (unsigned long long)TT_STREAM_MAX_TEXT);
            return tt_error_at(err, r->name, r->line, 0);
        }
        tt_buf_reset(&r->text);
        if (tt_buf_reserve(&r->text, 0))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        for (uint64_t done = 0; done < len;) {
            size_t step = len - done > (1u << 20) ? (1u << 20) : (size_t)(len - done);
            if (tt_buf_reserve(&r->text, step))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            size_t rd = fread(r->text.data + r->text.len, 1, step, r->f);
            r->text.len += rd;
            done += rd;
            if (rd < step)
                return bad(r, err, "text record shorter than its length");
        }
        if (fgetc(r->f) != '\n')
            return bad(r, err, "text record not followed by a newline");
        r->text.len = (size_t)len;
        r->text.data[len] = 0;
        for (size_t i = 0; i < len; i++)
            r->line += r->text.data[i] == '\n';
        r->line++;
        rec->text = r->text.data;
        rec->text_len = (size_t)len;
        rec->text_offset = off;
    }
    return 1;
}

long
tt_stream_parse_mem(const char *s, size_t n, tt_error *err)
{
    FILE *f = fmemopen((void *)s, n, "rb");
    if (!f)
        return n == 0 ? 0 : tt_error_set(err, TT_ENOMEM, "out of memory");
    tt_stream_reader r;
    tt_stream_reader_init(&r, f, "<memory>");
    tt_rec rec;
    long count = 0;
    int rc;
    while ((rc = tt_stream_read(&r, NULL, &rec, err)) == 1)
        count++;
    tt_stream_reader_free(&r);
    fclose(f);
    return rc < 0 ? rc : count;
}

int
tt_stream_put(tt_buf *b, const char *tag, size_t nf, const char *const *f, const size_t *n)
{
    if (tt_buf_puts(b, tag))
        return TT_ENOMEM;
    for (size_t i = 0; i < nf; i++) {
        size_t len = n ? n[i] : strlen(f[i]);
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, f[i], len))
            return TT_ENOMEM;
    }
    return tt_buf_putc(b, '\n');
}

int
tt_stream_put_text(tt_buf *b, uint64_t offset, const char *s, size_t n)
{
    if (tt_buf_puts(b, "text\t") || tt_buf_put_u64(b, offset) || tt_buf_putc(b, '\t') ||
        tt_buf_put_u64(b, n) || tt_buf_putc(b, '\n') || tt_buf_append(b, s, n) || tt_buf_putc(b, '\n'))
        return TT_ENOMEM;
    return 0;
}

int
tt_stream_flush(tt_buf *b, FILE *f, tt_error *err)
{
    if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
        return tt_error_set(err, TT_EIO, "cannot write output");
    tt_buf_reset(b);
    return 0;
}
