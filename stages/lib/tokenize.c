/* tokenize.c - words, sentences, paragraphs and legal articles of a piece of text (tt/tokenize.h), with each
 * word's match form from norm_word.c.
 *
 * One pass plan per piece: UTF-8 -> private UTF-16 copy (tokenize_to16.c; pre-break fixes of normalization.md
 * §2.2 steps 1-2 on it, one unit for one unit; the byte offset of each unit kept) -> word and sentence break
 * classes of each unit (tt/segment.h) -> line scan (blank lines, headings: tokenize_heading.c) -> sentence breaks,
 * merged after abbreviations and numbers (tokenize_sent.c) -> words, hyphen re-join and line-end hyphenation
 * (tokenize_hyphen.c) -> tokens with byte offsets and match forms (here). All buffers live in the tokenizer or
 * the tokseq and are reused: no allocation per token. The file map is at the top of tokenize_priv.h. */
#include "tokenize_priv.h"

#include "norm_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "tt/utf8.h"

int
tk_grow16(UChar **p, int32_t *cap, int32_t need)
{
    size_t c = (size_t)*cap;
    int rc = tt_grow((void **)p, &c, (size_t)need, sizeof(UChar));
    *cap = (int32_t)c;
    return rc;
}

int
tt_tokenizer_new(tt_tokenizer **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    if (!data_dir)
        data_dir = tt_data_dir();
    tt_tokenizer *tk = calloc(1, sizeof *tk);
    if (!tk)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    for (UChar32 c = 0; c < 0x530; c++)
        tk->ccase[c] = (uint8_t)((u_isupper(c) || u_istitle(c) ? CASE_UPPER : 0) | (u_islower(c) ? CASE_LOWER : 0) |
                                 (u_isalpha(c) ? CASE_ALPHA : 0));
    int rc = tt_segmenter_new(&tk->seg, TT_SEG_AUTO, err);
    if (rc == 0)
        rc = tk_load_data(tk, data_dir, err);
    if (rc == 0 && tk_to16_init(tk))
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    if (rc) {
        tt_tokenizer_free(tk);
        return rc;
    }
    *out = tk;
    return 0;
}

void
tt_tokenizer_free(tt_tokenizer *tk)
{
    if (!tk)
        return;
    tt_segmenter_free(tk->seg);
    tk_free_data(tk);
    tk_to16_free(tk);
    free(tk->u);
    free(tk->tmp);
    free(tk->rt);
    free(tk->b8);
    free(tk->sbreaks);
    free(tk->ev);
    tt_buf_free(&tk->word_mf);
    free(tk);
}

/* ---- tokseq ------------------------------------------------------------------------------------------- */

void
tt_tokseq_init(tt_tokseq *ts)
{
    memset(ts, 0, sizeof *ts);
}

void
tt_tokseq_free(tt_tokseq *ts)
{
    free(ts->tok);
    free(ts->trec);
    tt_buf_free(&ts->forms);
    tt_buf_free(&ts->labels);
    free(ts->label_off);
    memset(ts, 0, sizeof *ts);
}

void
tt_tokseq_reset(tt_tokseq *ts)
{
    ts->ntok = 0;
    tt_buf_reset(&ts->forms);
}

void
tt_tokseq_reset_doc(tt_tokseq *ts)
{
    ts->ntok = 0;
    tt_buf_reset(&ts->forms);
    tt_buf_reset(&ts->labels);
    ts->narticles = 0;
    ts->sentences = ts->paragraphs = 0;
    ts->homoglyph_repairs = ts->mixed_unrepaired = ts->hyphen_joins = ts->line_joins = 0;
    ts->cur_article = 0;
    ts->mid_sentence = 0;
    ts->pending_para = 0;
}

int
tt_tokseq_push(tt_tokseq *ts, const tt_token *t, const char *form, size_t n)
{
    if (tt_grow((void **)&ts->tok, &ts->captok, ts->ntok + 1, sizeof *ts->tok) || ts->forms.len > UINT32_MAX - n)
        return TT_ENOMEM;
    ts->trec_ok = 0; /* a token read back has no type name */
    tt_token *d = &ts->tok[ts->ntok];
    *d = *t;
    d->match_off = (uint32_t)ts->forms.len;
    d->match_len = (uint32_t)n;
    if (tt_buf_append(&ts->forms, form, n))
        return TT_ENOMEM;
    ts->ntok++;
    return 0;
}

int
tt_tokseq_add_article(tt_tokseq *ts, const char *label, size_t n)
{
    if (tt_grow((void **)&ts->label_off, &ts->caparticles, ts->narticles + 1, sizeof *ts->label_off))
        return TT_ENOMEM;
    size_t at = ts->labels.len;
    if (tt_buf_append(&ts->labels, label, n) || tt_buf_putc(&ts->labels, 0)) {
        ts->labels.len = at;
        return TT_ENOMEM;
    }
    ts->label_off[ts->narticles++] = (uint32_t)at;
    return 0;
}

const char *
tt_tokseq_article_label(const tt_tokseq *ts, uint32_t a)
{
    if (a == 0 || a > ts->narticles)
        return "";
    return ts->labels.data + ts->label_off[a - 1];
}

/* ---- the piece ---------------------------------------------------------------------------------------- */

/* Case of the token u[s..e) as written: TT_TOK_CAPITAL when its first letter is upper or title case and a
 * lowercase letter follows (Азамат, McDonald, Oʻzbekiston; not АЗАМАТ, азамат, iPhone). Also, in *lead, 1 when
 * the token begins with a digit (6, 6-бап, 12.05.2020): such tokens do not take a sentence's first place. */
static uint32_t
case_of(const uint8_t *ccase, const UChar *u, int32_t s, int32_t e, int *lead)
{
    int32_t i = s;
    UChar32 c;
    *lead = s < e && u[s] >= '0' && u[s] <= '9';
    if (s < e && u[s] < 0x530) { /* the common start: a letter below U+0530 (one table lookup) */
        unsigned k0 = ccase[u[s]];
        if ((k0 & (CASE_ALPHA | CASE_UPPER)) == CASE_ALPHA)
            return 0; /* a letter that is not upper case first */
        if (k0 & CASE_UPPER) {
            for (i = s + 1; i < e && u[i] < 0x530; i++)
                if (ccase[u[i]] & CASE_LOWER)
                    return TT_TOK_CAPITAL;
            if (i >= e)
                return 0;
            goto lower_after; /* a unit from U+0530 up: the general loop from there */
        }
    }
    for (;;) {
        if (i >= e)
            return 0;
        U16_NEXT(u, i, e, c);
        unsigned k = c < 0x530 ? ccase[c] : (u_isupper(c) || u_istitle(c) ? CASE_UPPER : 0) |
                                                (u_isalpha(c) ? CASE_ALPHA : 0);
        if (k & CASE_UPPER)
            break;
        if (k & CASE_ALPHA)
            return 0;
    }
lower_after:
    while (i < e) {
        U16_NEXT(u, i, e, c);
        if (c < 0x530 ? ccase[c] & CASE_LOWER : u_islower(c))
            return TT_TOK_CAPITAL;
    }
    return 0;
}

/* A list or section label that does not take a sentence's first place: one letter or a Roman numeral
 * (I V X L C D M) right before ')' or '.' ("а) Азаматтар", "II. Азаматтық"). */
static int
is_label(const UChar *u, int32_t s, int32_t e, int32_t len)
{
    if (e >= len || (u[e] != ')' && u[e] != '.'))
        return 0;
    if (e - s == 1 || (e - s == 2 && U16_IS_LEAD(u[s])))
        return 1;
    for (int32_t i = s; i < e; i++)
        if (!memchr("IVXLCDM", u[i] < 0x80 ? (int)u[i] : '?', 7))
            return 0;
    return 1;
}

/* The state of one pass over a piece's raw tokens. */
typedef struct pass {
    tt_tokenizer *tk;
    tt_normalizer *nz;
    tt_lang lang;
    tt_script script;
    int32_t len;
    tt_tokseq *ts;
    size_t nsb, nev;
    int new_para, new_sent;
    int32_t heading_end;
    int want_start;       /* no token of the current sentence has taken its first place yet */
    size_t pending_lines; /* line-join candidates to resolve after the pass */
    int32_t next_stop;    /* the position of the next event or sentence break (INT32_MAX: none) */
    uint64_t nkey[32];    /* tt_norm_key16 of tokens i .. i+16 (ring) */
} pass;

/* The key of raw token a for the match-form cache (tt_norm_key16; 0 for a line-join candidate). */
static inline uint64_t
raw_key(pass *ps, size_t a)
{
    const rawtok *r = &ps->tk->rt[a];
    return r->js < 0 ? tt_norm_key16(ps->nz, ps->lang, ps->script, ps->tk->u + r->s, r->e - r->s) : 0;
}

/* Sets ps->next_stop from the next event and sentence break not yet passed. */
static inline void
set_next_stop(pass *ps)
{
    const tt_tokenizer *tk = ps->tk;
    int32_t e = ps->nev < tk->nev ? tk->ev[ps->nev].pos : INT32_MAX;
    int32_t b = ps->nsb < tk->nsb ? tk->sbreaks[ps->nsb] : INT32_MAX;
    ps->next_stop = e < b ? e : b;
}

/* An article heading: its label (as written, UTF-8) becomes the next article of ts. */
static int
add_article(tt_tokenizer *tk, tt_tokseq *ts, const event *e, tt_error *err)
{
    if (tt_grow((void **)&ts->label_off, &ts->caparticles, ts->narticles + 1, sizeof(uint32_t)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (ts->labels.len > UINT32_MAX - 4096)
        return tt_error_set(err, TT_ELIMIT, "too many article labels");
    ts->label_off[ts->narticles++] = (uint32_t)ts->labels.len;
    UErrorCode st = U_ZERO_ERROR;
    int32_t bl = 0;
    if (tt_buf_reserve(&ts->labels, (size_t)(e->le - e->ls) * 3 + 1))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    u_strToUTF8WithSub(ts->labels.data + ts->labels.len, (int32_t)(ts->labels.cap - ts->labels.len), &bl,
                       tk->u + e->ls, e->le - e->ls, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "label: %s", u_errorName(st));
    ts->labels.len += (size_t)bl;
    tt_buf_putc(&ts->labels, 0);
    ts->cur_article = (uint32_t)ts->narticles;
    return 0;
}

/* Events (paragraph breaks, headings) and sentence breaks at or before the raw token r. */
static int
events_before(pass *ps, const rawtok *r, tt_error *err)
{
    tt_tokenizer *tk = ps->tk;
    while (ps->nev < tk->nev && tk->ev[ps->nev].pos <= r->s) {
        const event *e = &tk->ev[ps->nev++];
        ps->new_para = 1;
        ps->new_sent = 1;
        if (e->kind == H_ARTICLE) {
            int rc = add_article(tk, ps->ts, e, err);
            if (rc)
                return rc;
            ps->heading_end = e->hend;
        } else if (e->kind == H_CHAPTER) {
            ps->ts->cur_article = 0;
            ps->heading_end = e->hend;
        }
    }
    while (ps->nsb < tk->nsb && tk->sbreaks[ps->nsb] <= r->s) {
        ps->nsb++;
        ps->new_sent = 1;
    }
    set_next_stop(ps);
    return 0;
}

/* The match form of raw token i into ts->forms (t->match_len, *fl, *e16 set). A line-join candidate gets its
 * joined form, then its hyphenated form after it (resolved by tk_resolve_lines). */
static int
token_form(pass *ps, size_t i, tt_token *t, uint32_t *fl, int32_t *e16, unsigned *nfl, tt_error *err)
{
    tt_tokenizer *tk = ps->tk;
    tt_tokseq *ts = ps->ts;
    const rawtok *r = &tk->rt[i];
    size_t off = ts->forms.len;
    int rc;
    *e16 = r->e;
    if (r->js < 0) {
        rc = tt_norm_word16k(ps->nz, ps->lang, ps->script, tk->u + r->s, r->e - r->s, ps->nkey[i & 31],
                             &ts->forms, nfl, err);
        t->match_len = (uint32_t)(ts->forms.len - off);
        return rc;
    }
    rc = tk_form_of(tk, ps->nz, ps->lang, ps->script, r, 1, &ts->forms, nfl, err);
    *e16 = r->je;
    if (rc == 0 && !r->soft) {
        size_t mid = ts->forms.len;
        unsigned nfl2 = 0;
        rc = tk_form_of(tk, ps->nz, ps->lang, ps->script, r, 0, &ts->forms, &nfl2, err);
        *nfl |= nfl2;
        /* the hyphenated form follows the joined one up to the next token's form */
        t->match_len = (uint32_t)(mid - off);
        ps->pending_lines++;
        *fl |= TOK_PENDING;
    } else {
        *fl |= TT_TOK_LINEJOIN;
        t->match_len = (uint32_t)(ts->forms.len - off);
    }
    return rc;
}

/* Flags, paragraph and sentence numbers of a token whose form is not empty. */
static uint32_t
token_flags(pass *ps, const rawtok *r, uint32_t fl, int32_t e16, unsigned nfl)
{
    tt_tokseq *ts = ps->ts;
    if (nfl & TT_NORM_HOMOGLYPH) {
        fl |= TT_TOK_HOMOGLYPH;
        ts->homoglyph_repairs++;
    }
    if (nfl & TT_NORM_MIXED_UNREPAIRED)
        ts->mixed_unrepaired++;
    if (r->s < ps->heading_end)
        fl |= TT_TOK_HEADING;
    if (ps->new_para) {
        ts->paragraphs++;
        ps->new_para = 0;
        ps->new_sent = 1;
    }
    if (ps->new_sent) {
        ts->sentences++;
        ps->new_sent = 0;
        ps->want_start = 1;
    }
    /* case as written; the sentence's first token that is not a number, a label or a heading word */
    int lead;
    fl |= case_of(ps->tk->ccase, ps->tk->u, r->s, e16, &lead);
    if (ps->want_start && !lead && !(fl & TT_TOK_HEADING) && !is_label(ps->tk->u, r->s, r->e, ps->len)) {
        fl |= TT_TOK_SENT_START;
        ps->want_start = 0;
    }
    return fl;
}

/* Raw token i -> a token of ts (none when its match form is empty). */
static int
add_token(pass *ps, size_t i, uint64_t base_offset, tt_error *err)
{
    tt_tokenizer *tk = ps->tk;
    tt_tokseq *ts = ps->ts;
    const rawtok *r = &tk->rt[i];
    /* the match-form cache lookups of the tokens ahead: key and slot 16 tokens ahead (the first 16 keys are
       made before the pass), entry 8 ahead */
    if (i + 16 < tk->nrt)
        ps->nkey[(i + 16) & 31] = raw_key(ps, i + 16);
    if (i + 8 < tk->nrt)
        tt_norm_prefetch_key(ps->nz, ps->nkey[(i + 8) & 31]);
    int rc;
    if (r->s >= ps->next_stop && (rc = events_before(ps, r, err)))
        return rc;
    tt_token *t = &ts->tok[ts->ntok]; /* room made before the pass: one token at most per raw token */
    size_t off = ts->forms.len;
    if (off > UINT32_MAX - 65536)
        return tt_error_set(err, TT_ELIMIT, "match forms of one piece exceed 4 GB: feed smaller pieces");
    unsigned nfl = 0;
    uint32_t fl = r->flags;
    int32_t e16;
    if ((rc = token_form(ps, i, t, &fl, &e16, &nfl, err)))
        return rc;
    if (ts->forms.len == off)
        return 0; /* only ignorable characters */
    fl = token_flags(ps, r, fl, e16, nfl);
    t->start = base_offset + (uint64_t)tk->b8[r->s];
    t->end = base_offset + (uint64_t)tk->b8[e16];
    t->sent = ts->sentences - 1;
    t->para = ts->paragraphs - 1;
    t->article = ts->cur_article;
    t->flags = fl;
    t->match_off = (uint32_t)off;
    if (tk->typer) { /* the type's name: kept beside the form in the normalizer's cache, asked once per form */
        uint32_t *memo = r->js < 0 ? tt_norm_last_memo(ps->nz) : NULL, rec = memo ? *memo : 0;
        if (memo && !rec) {
            if (!(rec = tk->typer(tk->typer_ctx, ps->lang, ts->forms.data + off, t->match_len, err)))
                return err->code ? err->code : tt_error_set(err, TT_ENOMEM, "out of memory");
            *memo = rec;
        }
        ts->trec[ts->ntok] = rec; /* 0: the matcher looks the form up itself */
    }
    ts->ntok++;
    return 0;
}

/* UTF-16 copy, classes, line scan, sentences and words of the piece. Returns the length in UTF-16 units or a
 * negative TT_E*. */
static int32_t
analyse(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const char *text, size_t n,
        tt_tokseq *ts, tt_error *err)
{
    int32_t len = tk_to16(tk, text, n, err);
    if (len < 0)
        return len;
    if (tt_norm_prebreak_apos(lang, script))
        tt_norm_prebreak16(lang, script, tk->u, len); /* to16 did U+200B */
    int rc = tt_segment_prepare(tk->seg, tk->u, len, err);
    if (rc == 0)
        rc = tk_scan_lines(tk, lang, len, err);
    if (rc == 0)
        rc = tk_sentences(tk, nz, lang, script, len, err);
    if (rc == 0)
        rc = tk_words(tk, ts, err);
    return rc ? rc : len;
}

void
tt_tokenizer_set_typer(tt_tokenizer *tk, tt_type_fn typer, tt_type_begin_fn begin, void *ctx)
{
    tk->typer = typer && begin ? typer : NULL;
    tk->typer_begin = begin;
    tk->typer_ctx = ctx;
}

int
tt_tokenize(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const char *text, size_t n,
            uint64_t base_offset, tt_known_fn known, void *known_ctx, tt_tokseq *ts, tt_error *err)
{
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_OTHER;
    if (lang == TT_LANG_KK && script != TT_SCRIPT_CYRL && script != TT_SCRIPT_LATN_2017 &&
        script != TT_SCRIPT_LATN_2018 && script != TT_SCRIPT_LATN_2021)
        script = tt_norm_detect_script(nz, lang, text, n, NULL);
    int32_t len = analyse(tk, nz, lang, script, text, n, ts, err);
    if (len < 0)
        return len;
    pass ps = {.tk = tk, .nz = nz, .lang = lang, .script = script, .len = len, .ts = ts, .heading_end = -1};
    ps.new_para = ts->paragraphs == 0 || ts->pending_para;
    ps.new_sent = !ts->mid_sentence;
    size_t first = ts->ntok;
    uint64_t epoch = 0;
    if (tk->typer) {
        epoch = tk->typer_begin(tk->typer_ctx);
        tt_norm_memo_bind(nz, tk->typer_ctx, epoch);
    }
    if (first == 0) {
        ts->trec_ok = tk->typer != NULL;
        ts->trec_owner = tk->typer_ctx;
        ts->trec_epoch = epoch;
    } else if (!tk->typer || ts->trec_owner != tk->typer_ctx || ts->trec_epoch != epoch) {
        ts->trec_ok = 0; /* the tokens before have no names, or names of another epoch */
    }
    if (tt_grow((void **)&ts->tok, &ts->captok, ts->ntok + tk->nrt + 1, sizeof(tt_token)) ||
        (tk->typer && tt_grow((void **)&ts->trec, &ts->captrec, ts->ntok + tk->nrt + 1, sizeof *ts->trec)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    for (size_t a = 0; a < 16 && a < tk->nrt; a++)
        ps.nkey[a & 31] = raw_key(&ps, a);
    set_next_stop(&ps);
    for (size_t i = 0; i < tk->nrt; i++) {
        int rc = add_token(&ps, i, base_offset, err);
        if (rc)
            return rc;
    }
    tk_resolve_lines(ts, first, ps.pending_lines, lang, known, known_ctx);
    /* does the piece end inside a sentence? */
    int32_t p = len;
    while (p > 0 && tk_is_hspace(tk->u[p - 1]))
        p--;
    ts->pending_para = tk->end_blank;
    ts->mid_sentence = p > 0 && !tt_seg_is_nl(tk->u[p - 1]) && !u_hasBinaryProperty(tk->u[p - 1], UCHAR_S_TERM);
    return 0;
}

size_t
tt_tokenize_cut(const char *text, size_t n)
{
    size_t line = 0, space = 0;
    for (size_t i = n; i > 0; i--) {
        char c = text[i - 1];
        if (c == '\n') {
            /* blank line: \n [spaces] \n */
            size_t j = i - 1;
            while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '\t' || text[j - 1] == '\r'))
                j--;
            if (j > 0 && text[j - 1] == '\n')
                return i;
            /* a line ending in a hyphen may be joined with the next: do not cut there */
            int hy = (j > 0 && text[j - 1] == '-') || (j > 1 && (unsigned char)text[j - 2] == 0xC2 &&
                                                          (unsigned char)text[j - 1] == 0xAD);
            if (!line && !hy)
                line = i;
        } else if ((c == ' ' || c == '\t') && !space) {
            space = i;
        }
        if (line && n - i > (1u << 16))
            break; /* a blank line far back is not worth a scan of the whole text */
    }
    return line ? line : space;
}

size_t
tt_piece_cut(const char *s, size_t n, size_t piece, int eof)
{
    if (eof)
        return n;
    if (n < piece)
        return 0;
    size_t c = tt_tokenize_cut(s, piece);
    if (c)
        return c;
    size_t hard = 4 * piece;
    if (n < hard)
        return 0;
    c = tt_tokenize_cut(s, hard);
    return c ? c : tt_utf8_floor(s, hard);
}
