/* tt-match - a `tokens` stream + a lexicon -> a `hits` stream: the tokens passed through and every hit of a
 * lexicon entry, with its concept, span, sentence, article and KWIC context (stages/README.md). */
#include "cli.h"
#include "tt/compound.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/roles.h"
#include "tt/stream.h"
#include "tt/tokenize.h"
#include "tt/kwic.h"
#include "tt/read.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: tt-match --lexicon PATH [--overlap longest|all] [--kwic N] < tokens-stream > hits-stream\n"
    "Finds the lexicon's entries in each document's tokens. Overlapping matches: the longest wins and is\n"
    "counted once (ties: the entry listed first); --overlap all counts every match. A hyphenated word\n"
    "no entry matches whole is matched part by part. Each hit gets its role (text, quoted, note,\n"
    "repealed: lexicons/roles/<lang>.tsv) and each token its role in the tok flags (bits 7-8).\n"
    "  --kwic N   characters of context left and right of each hit (default 40)\n" TT_EXIT_CODES_HELP;

typedef struct mctx {
    const tt_lexicon *lx;
    tt_matcher *mt;
    tt_rolefinder *rf;
    tt_overlap overlap;
    size_t kwic;
    tt_lang lang;
    tt_tokseq ts;
    tt_buf text, out, left, right, form;
    uint64_t text_off, tok_base;
    int have_piece;
    tt_hit *hits;
    size_t nhits, caphits;
    uint32_t page; /* paged document (stat page_count): page at the start of the piece, else 0 */
} mctx;

static int
push_token(tt_tokseq *ts, const tt_rec *rec)
{
    tt_token t = {0};
    /* numbers checked by the stream reader (tt/stream.h: rec->u) */
    t.start = rec->u[0];
    t.end = rec->u[1];
    t.sent = (uint32_t)rec->u[2];
    t.para = (uint32_t)rec->u[3];
    t.article = (uint32_t)rec->u[4];
    t.flags = (uint32_t)rec->u[5];
    return tt_tokseq_push(ts, &t, rec->f[6], rec->n[6]);
}

/* Matches the tokens of the current piece and writes its hits. */
static int
flush_piece(mctx *c, tt_error *err)
{
    if (!c->have_piece)
        return 0;
    c->have_piece = 0;
    c->nhits = 0;
    int rc = tt_matcher_run(c->mt, c->lang, &c->ts, c->overlap, &c->hits, &c->nhits, &c->caphits, err);
    size_t fpos = 0;
    uint32_t page = c->page;
    if (!rc)
        rc = tt_rolefinder_piece(c->rf, c->text.data ? c->text.data : "", c->text.len, c->text_off, &c->ts, err);
    /* the piece's tokens, each with its role (for tt-count's vocabulary), then its hits */
    for (size_t i = 0; !rc && i < c->ts.ntok; i++) {
        const tt_token *t = &c->ts.tok[i];
        tt_role role;
        if ((rc = tt_rolefinder_role(c->rf, i, &role, err)))
            break;
        char n[6][24];
        snprintf(n[0], 24, "%llu", (unsigned long long)t->start);
        snprintf(n[1], 24, "%llu", (unsigned long long)t->end);
        snprintf(n[2], 24, "%u", t->sent);
        snprintf(n[3], 24, "%u", t->para);
        snprintf(n[4], 24, "%u", t->article);
        snprintf(n[5], 24, "%u", t->flags | (uint32_t)role << TT_TOK_ROLE_SHIFT);
        const char *f[7] = {n[0], n[1], n[2], n[3], n[4], n[5], c->ts.forms.data + t->match_off};
        size_t fl[7];
        for (int k = 0; k < 6; k++)
            fl[k] = strlen(f[k]);
        fl[6] = t->match_len;
        rc = tt_stream_put(&c->out, "tok", 7, f, fl);
    }
    for (size_t i = 0; !rc && i < c->nhits; i++) {
        const tt_hit *h = &c->hits[i];
        const tt_token *a = &c->ts.tok[h->first], *b = &c->ts.tok[h->last];
        size_t s = (size_t)(a->start - c->text_off), e = (size_t)(b->end - c->text_off);
        if (e > c->text.len || s > e) {
            tt_error_set(err, TT_ESYNTAX, "token offsets outside their text piece");
            return TT_ESYNTAX;
        }
        page += c->page ? tt_count_ff(c->text.data, &fpos, s) : 0;
        tt_buf_reset(&c->left);
        tt_buf_reset(&c->right);
        tt_buf_reset(&c->form);
        const char *mf = c->ts.forms.data + a->match_off;
        size_t ps, pe, fa, fb;
        if (h->part && tt_hyphen_part(c->text.data + s, e - s, h->part, &ps, &pe) &&
            tt_hyphen_part(mf, a->match_len, h->part, &fa, &fb)) { /* a part of a hyphenated word */
            e = s + pe;
            s += ps;
            tt_buf_append(&c->form, mf + fa, fb - fa);
        }
        tt_kwic(c->text.data, c->text.len, s, e, c->kwic, &c->left, &c->right);
        for (uint32_t t = h->first; !h->part && t <= h->last; t++) {
            if (t > h->first)
                tt_buf_putc(&c->form, ' ');
            tt_buf_append(&c->form, c->ts.forms.data + c->ts.tok[t].match_off, c->ts.tok[t].match_len);
        }
        tt_entry_info ei;
        tt_lexicon_entry(c->lx, h->entry, &ei);
        tt_role role;
        if ((rc = tt_rolefinder_role(c->rf, h->first, &role, err)))
            break;
        char n[10][24];
        if (page)
            snprintf(n[9], 24, "%u", page);
        else
            n[9][0] = 0;
        snprintf(n[0], 24, "%u", h->concept);
        snprintf(n[1], 24, "%llu", (unsigned long long)(c->tok_base + h->first));
        snprintf(n[2], 24, "%llu", (unsigned long long)(c->tok_base + h->last));
        snprintf(n[3], 24, "%llu", (unsigned long long)(c->text_off + s));
        snprintf(n[4], 24, "%llu", (unsigned long long)(c->text_off + e));
        snprintf(n[5], 24, "%u", a->sent);
        snprintf(n[6], 24, "%u", a->para);
        snprintf(n[7], 24, "%u", a->article);
        snprintf(n[8], 24, "%u", h->name);
        const char *f[18] = {tt_lexicon_concept(c->lx, h->concept)->id,
                             n[0], ei.text, n[1], n[2], n[3], n[4], n[5], n[6], n[7],
                             tt_tokseq_article_label(&c->ts, a->article),
                             c->text.data + s, c->left.data ? c->left.data : "",
                             c->right.data ? c->right.data : "", c->form.data ? c->form.data : "",
                             tt_role_name(role), n[8], n[9]};
        size_t fl[18];
        for (int k = 0; k < 18; k++)
            fl[k] = strlen(f[k]);
        fl[11] = e - s;
        rc = tt_stream_put(&c->out, "hit", 18, f, fl);
    }
    if (c->page)
        c->page = page + tt_count_ff(c->text.data, &fpos, c->text.len);
    c->tok_base += c->ts.ntok;
    tt_tokseq_reset(&c->ts);
    return rc;
}

int tt_match_main(int argc, char **argv);

int
tt_match_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "match");
    static const struct option lo[] = {{"lexicon", 1, 0, 'L'}, {"overlap", 1, 0, 'o'}, {"kwic", 1, 0, 'k'},
                                       {"help", 0, 0, 'h'},    {0, 0, 0, 0}};
    const char *lexicon = NULL;
    mctx c;
    memset(&c, 0, sizeof c);
    c.kwic = 40;
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        uint64_t v;
        switch (o) {
        case 'L': lexicon = optarg; break;
        case 'o':
            if (!strcmp(optarg, "all"))
                c.overlap = TT_OVERLAP_ALL;
            else if (strcmp(optarg, "longest") != 0)
                return tt_cli_usage(prog, "--overlap is 'longest' or 'all', not '%s'", optarg);
            break;
        case 'k':
            if (tt_cli_u64(prog, "--kwic", optarg, &v))
                return TT_EXIT_USAGE;
            c.kwic = (size_t)v;
            break;
        case 'h': fputs(usage, stdout); return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (!lexicon)
        return tt_cli_usage(prog, "--lexicon is required");
    tt_normalizer *nz = NULL;
    tt_lexicon *lx = NULL;
    int rc = tt_cli_lexicon_open(prog, lexicon, &nz, &lx, &c.mt);
    if (rc)
        return tt_cli_finish(prog, rc);
    c.lx = lx;
    tt_error err;
    tt_error_clear(&err);
    if (tt_rolefinder_new(&c.rf, NULL, &err)) {
        tt_cli_error(prog, &err);
        tt_cli_lexicon_close(nz, lx, c.mt);
        return tt_cli_finish(prog, tt_cli_code(err.code));
    }
    tt_tokseq_init(&c.ts);
    tt_stream_reader r;
    tt_stream_reader_init(&r, stdin, "<stdin>");
    tt_rec rec;
    rc = tt_stream_put(&c.out, "ttstream", 2, (const char *const[]){"hits", TT_STREAM_VERSION_S}, NULL);
    int got = 0;
    while (!rc && (got = tt_stream_read(&r, "tokens", &rec, &err)) == 1) {
        switch (rec.kind) {
        case TT_REC_HEADER: break;
        case TT_REC_DOC:
            tt_tokseq_reset_doc(&c.ts);
            tt_matcher_set_script(c.mt, TT_SCRIPT_ANY);
            tt_matcher_names_reset(c.mt);
            c.lang = TT_LANG_EN;
            tt_rolefinder_begin(c.rf, c.lang);
            c.tok_base = 0;
            c.have_piece = 0;
            c.page = 0;
            rc = tt_stream_put(&c.out, "doc", 1, rec.f, rec.n);
            break;
        case TT_REC_META:
            if (!strcmp(rec.f[0], "lang")) {
                c.lang = tt_lang_parse(rec.f[1], rec.n[1]);
                tt_rolefinder_begin(c.rf, c.lang);
            }
            rc = tt_stream_put(&c.out, "meta", 2, rec.f, rec.n);
            break;
        case TT_REC_STAT:
            if (!strcmp(rec.f[0], "page_count"))
                c.page = rec.n[1] && strcmp(rec.f[1], "0") != 0;
            if (!strcmp(rec.f[0], "script_used")) {
                int sc = tt_script_parse(rec.f[1], rec.n[1]);
                tt_matcher_set_script(c.mt, sc < 0 ? TT_SCRIPT_ANY : (tt_script)sc);
            }
            rc = tt_stream_put(&c.out, "stat", 2, rec.f, rec.n);
            break;
        case TT_REC_TEXT:
            rc = flush_piece(&c, &err);
            /* passed on: tt-count takes the vocabulary's surface forms from it */
            if (!rc)
                rc = tt_stream_put_text(&c.out, rec.text_offset, rec.text, rec.text_len);
            tt_buf_reset(&c.text);
            if (!rc && tt_buf_append(&c.text, rec.text, rec.text_len))
                rc = TT_ENOMEM;
            c.text_off = rec.text_offset;
            c.have_piece = 1;
            break;
        case TT_REC_ART:
            rc = tt_tokseq_add_article(&c.ts, rec.f[1], rec.n[1]);
            break;
        case TT_REC_TOK:
            if (!c.have_piece) {
                tt_error_set(&err, TT_ESYNTAX, "token before any text record");
                tt_error_at(&err, r.name, r.line, 0);
                rc = TT_ESYNTAX;
                break;
            }
            rc = push_token(&c.ts, &rec);
            break;
        case TT_REC_ENDDOC: {
            rc = flush_piece(&c, &err);
            const uint32_t *keys;
            size_t nk = tt_matcher_names(c.mt, &keys);
            for (size_t i = 0; !rc && i < nk; i++) {
                char kb[24];
                snprintf(kb, sizeof kb, "%u", keys[i]);
                rc = tt_stream_put(&c.out, "name", 1, (const char *const[]){kb}, NULL);
            }
            if (!rc)
                rc = tt_stream_put(&c.out, "enddoc", 1, rec.f, rec.n);
            break;
        }
        default:
            rc = tt_cli_unexpected(&err, &r, "tokens");
        }
        if (rc == TT_ENOMEM)
            tt_error_set(&err, TT_ENOMEM, "out of memory");
        if (!rc && c.out.len > (1 << 16))
            rc = tt_stream_flush(&c.out, stdout, &err);
    }
    int code = tt_cli_stream_end(prog, rc, got, &c.out, &err);
    tt_stream_reader_free(&r);
    tt_buf_free(&c.out);
    tt_buf_free(&c.text);
    tt_buf_free(&c.left);
    tt_buf_free(&c.right);
    tt_buf_free(&c.form);
    free(c.hits);
    tt_tokseq_free(&c.ts);
    tt_rolefinder_free(c.rf);
    tt_cli_lexicon_close(nz, lx, c.mt);
    return tt_cli_finish(prog, code);
}

TT_STAGE_PROGRAM(tt_match_main)
