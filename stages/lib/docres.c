/* docres.c - the docres line reader (see tt/docres.h and stages/50-count/docres.md). */
#include "tt/docres.h"

#include <string.h>

#define KIND(t, n) {t, sizeof t - 1, n}
static const struct {
    const char *tag;
    size_t len, nf;
} kinds[] = {
    [TT_DR_HEADER] = KIND("docres", 1), [TT_DR_META] = KIND("meta", 2),    [TT_DR_STAT] = KIND("stat", 2),
    [TT_DR_TF] = KIND("tf", 2),         [TT_DR_COOC] = KIND("cooc", 4),    [TT_DR_HIT] = KIND("hit", 12),
    [TT_DR_VOCAB] = KIND("vocab", 6),   [TT_DR_VFORM] = KIND("vform", 3),  [TT_DR_COLL] = KIND("coll", 4),
    [TT_DR_COLLC] = KIND("collc", 4),   [TT_DR_END] = KIND("end", 1),
};
#undef KIND

const char *
tt_docres_tag(tt_docres_kind k)
{
    return (k >= TT_DR_HEADER && k <= TT_DR_END) ? kinds[k].tag : "?";
}

void
tt_docres_reader_init(tt_docres_reader *r, const char *s, size_t n)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->n = n;
}

void
tt_docres_reader_free(tt_docres_reader *r)
{
    tt_buf_free(&r->buf);
}

static int
bad(tt_docres_reader *r, tt_error *err, const char *what)
{
    tt_error_set(err, TT_ESYNTAX, "docres record: %s", what);
    tt_error_at(err, NULL, r->line, 0);
    return TT_ESYNTAX;
}

/* The start of both readers: the next line, p[0..*len) (r->pos moved past its newline, r->line counted), and
 * its kind by its tag, the *taglen bytes before its first tab (p[*taglen] is that tab, or *taglen == *len); ln's
 * kind, field count and line number set first (what a caller may read of a line not read: end, error).
 * Returns the kind (> 0), 0 at the end of the text, or TT_ESYNTAX (no newline, unknown tag; err set). */
static inline int
line_start(tt_docres_reader *r, tt_docres_line *ln, tt_error *err, const char **line, size_t *len, size_t *taglen)
{
    ln->kind = (tt_docres_kind)0;
    ln->nf = 0;
    ln->lineno = r->line + 1;
    if (r->pos >= r->n)
        return 0;
    r->line++;
    const char *p = r->s + r->pos;
    const char *nl = memchr(p, '\n', r->n - r->pos);
    if (!nl)
        return bad(r, err, "last line has no newline");
    size_t n = (size_t)(nl - p), t = 0;
    r->pos += n + 1;
    while (t < n && t <= 8 && p[t] != '\t')
        t++; /* a longer tag is no tag */
    for (int k = TT_DR_HEADER; k <= TT_DR_END; k++)
        if (kinds[k].len == t && kinds[k].tag[0] == p[0] && memcmp(kinds[k].tag, p, t) == 0) {
            *line = p;
            *len = n;
            *taglen = t;
            return k;
        }
    return bad(r, err, "unknown line tag");
}

int
tt_docres_next_plain(tt_docres_reader *r, tt_docres_line *ln, tt_error *err)
{
    const char *p;
    size_t len, taglen;
    int kind = line_start(r, ln, err, &p, &len, &taglen);
    if (kind <= 0)
        return kind;
    const char *tab = taglen < len ? p + taglen : NULL;
    /* the unescaped fields and their NULs take at most the line's bytes + 1: one reservation, then written in
     * place (no call per field or per byte) */
    tt_buf_reset(&r->buf);
    if (tt_buf_reserve(&r->buf, len + 1))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    char *o = r->buf.data;
    size_t nf = 0;
    const char *q = tab ? tab + 1 : NULL, *end = p + len;
    while (q) {
        if (nf == kinds[kind].nf)
            return bad(r, err, "too many fields");
        const char *t = memchr(q, '\t', (size_t)(end - q));
        size_t fl = t ? (size_t)(t - q) : (size_t)(end - q), ul;
        r->off[nf] = (size_t)(o - r->buf.data);
        ln->raw[nf] = q;
        ln->rawn[nf] = fl;
        if (tt_tsv_unescape_to(o, q, fl, &ul))
            return bad(r, err, "bad escape");
        o[ul] = 0;
        o += ul + 1;
        ln->n[nf] = ul;
        nf++;
        q = t ? t + 1 : NULL;
    }
    r->buf.len = (size_t)(o - r->buf.data);
    if (nf != kinds[kind].nf)
        return bad(r, err, "too few fields");
    for (size_t i = 0; i < nf; i++)
        ln->f[i] = r->buf.data + r->off[i];
    ln->kind = (tt_docres_kind)kind;
    ln->nf = nf;
    ln->lineno = r->line;
    return 1;
}

/* The fast path (switch: build with -DTT_DOCRES_PLAIN to leave it out; tests/unit/test_docres.c compares it with
 * tt_docres_next_plain): after the line's end (one memchr), its fields are split and unescaped in one pass, 16
 * bytes a step (SSE2): each step stores the 16 bytes as they are and moves on by 16 when none is a tab or a
 * backslash, else by the bytes before the first of them, which then ends the field or is unescaped. The plain
 * path calls memchr twice and memcpy once per field (a hit line has twelve). */
#if !defined(TT_DOCRES_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>

int
tt_docres_next(tt_docres_reader *r, tt_docres_line *ln, tt_error *err)
{
    const char *p;
    size_t len, taglen;
    int kind = line_start(r, ln, err, &p, &len, &taglen);
    if (kind <= 0)
        return kind;
    /* the fields and their NULs take at most the line's bytes + 1, and a step may store 16 bytes past them */
    tt_buf_reset(&r->buf);
    if (tt_buf_reserve(&r->buf, len + 1 + 16))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    char *o0 = r->buf.data, *o = o0;
    size_t nf = 0, maxf = kinds[kind].nf;
    /* a step may read past the line's end (not past the text's: lim), and sees only the bytes before end */
    const char *end = p + len, *q = p + taglen, *fs, *lim = r->s + r->n;
    const __m128i tab = _mm_set1_epi8('\t'), bsl = _mm_set1_epi8('\\');
    if (q < end) { /* q at the tab after the tag: each turn starts a field after a tab */
        for (;;) {
            if (nf == maxf)
                return bad(r, err, "too many fields");
            fs = ++q;
            r->off[nf] = (size_t)(o - o0);
            ln->raw[nf] = fs;
            int more = 0; /* the field ended at a tab */
            while (q < end) {
                unsigned m;
                if (q + 16 <= lim) {
                    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
                    _mm_storeu_si128((__m128i *)(void *)o, v);
                    m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, bsl)));
                    size_t left = (size_t)(end - q);
                    if (left < 16)
                        m &= (1u << left) - 1;
                    if (!m) {
                        if (left <= 16) {
                            q = end, o += left;
                            break;
                        }
                        q += 16, o += 16;
                        continue;
                    }
                    unsigned k = (unsigned)__builtin_ctz(m);
                    q += k, o += k;
                } else {
                    while (q < end && *q != '\t' && *q != '\\')
                        *o++ = *q++;
                    if (q == end)
                        break;
                }
                if (*q == '\t') {
                    more = 1;
                    break;
                }
                char c = q + 1 < end ? q[1] : 0;
                switch (c) {
                case 't': *o++ = '\t'; break;
                case 'n': *o++ = '\n'; break;
                case 'r': *o++ = '\r'; break;
                case '\\': *o++ = '\\'; break;
                default: return bad(r, err, "bad escape");
                }
                q += 2;
            }
            ln->rawn[nf] = (size_t)(q - fs);
            ln->n[nf] = (size_t)(o - o0) - r->off[nf];
            *o++ = 0;
            nf++;
            if (!more)
                break;
        }
    }
    r->buf.len = (size_t)(o - o0);
    if (nf != maxf)
        return bad(r, err, "too few fields");
    for (size_t i = 0; i < nf; i++)
        ln->f[i] = o0 + r->off[i];
    ln->kind = (tt_docres_kind)kind;
    ln->nf = nf;
    ln->lineno = r->line;
    return 1;
}
#else
int
tt_docres_next(tt_docres_reader *r, tt_docres_line *ln, tt_error *err)
{
    return tt_docres_next_plain(r, ln, err);
}
#endif

static int
bad_at(tt_error *err, uint64_t line, const char *what)
{
    tt_error_set(err, TT_ESYNTAX, "docres record: %s", what);
    return tt_error_at(err, NULL, line, 0);
}

int
tt_docres_check(const char *s, size_t n, size_t *nrecords, tt_error *err)
{
    tt_docres_reader r;
    tt_docres_line ln;
    tt_buf id = {0};
    int state = 0, rc; /* 0 between records, 1 meta/stat, 2 body */
    size_t nrec = 0, nmeta = 0;
    tt_docres_reader_init(&r, s, n);
    while ((rc = tt_docres_next(&r, &ln, err)) == 1) {
        rc = 0;
        if (ln.kind == TT_DR_HEADER) {
            if (state != 0) {
                rc = bad_at(err, ln.lineno, "record without its end line");
            } else if (ln.n[0] != 1 || ln.f[0][0] != '0' + TT_DOCRES_VERSION) {
                tt_error_set(err, TT_EFORMAT, "docres version '%s', this program reads version %d", ln.f[0],
                             TT_DOCRES_VERSION);
                rc = tt_error_at(err, NULL, ln.lineno, 0);
            }
            state = 1;
            nmeta = 0;
        } else if (state == 0) {
            rc = bad_at(err, ln.lineno, "line outside a record");
        } else if (ln.kind == TT_DR_META || ln.kind == TT_DR_STAT) {
            if (state != 1)
                rc = bad_at(err, ln.lineno, "meta or stat line after the counts");
            else if (ln.kind == TT_DR_META && nmeta++ == 0) {
                if (strcmp(ln.f[0], "doc_id") != 0 || !ln.n[1])
                    rc = bad_at(err, ln.lineno, "first meta line is not a doc_id");
                tt_buf_reset(&id);
                if (!rc && tt_buf_append(&id, ln.f[1], ln.n[1]))
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            }
        } else {
            if (!nmeta)
                rc = bad_at(err, ln.lineno, "record without doc_id");
            state = 2;
            if (!rc && ln.kind == TT_DR_END) {
                if (ln.n[0] != id.len || memcmp(ln.f[0], id.data, id.len) != 0)
                    rc = bad_at(err, ln.lineno, "end line names another document");
                state = 0;
                nrec++;
            }
        }
        if (rc)
            break;
    }
    if (!rc && state != 0)
        rc = bad_at(err, r.line, "last record has no end line");
    tt_docres_reader_free(&r);
    tt_buf_free(&id);
    if (nrecords)
        *nrecords = rc ? 0 : nrec;
    return rc;
}
