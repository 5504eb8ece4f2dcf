/* tt-normalize - a `text` stream -> a `text` stream of the text as written in NFC, cut into pieces at safe
 * points, with the script each document is read in (stat script_used: declared, or detected; for Kazakh Latin
 * the official alphabet). The per-token match form is derived from it by tt-tokenize (stages/README.md). */
#include "cli.h"
#include "tt/norm.h"
#include "tt/stream.h"
#include "tt/tokenize.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: tt-normalize [--piece-bytes N] < text-stream > text-stream\n"
    "Normalizes each document's text to NFC (the text as written, which all offsets point into), cuts it\n"
    "into pieces at blank lines, line breaks or spaces (about N bytes, default 1048576), and decides the\n"
    "script the document is read in: the manifest's `script`, or detected (Kazakh Latin: 2017, 2018 or 2021\n"
    "alphabet), written as `stat script_used` before the first piece.\n" TT_EXIT_CODES_HELP;

typedef struct nctx {
    tt_normalizer *nz;
    tt_buf out, pending, nfc;
    tt_lang lang;
    tt_script declared, used;
    int first;
    uint64_t off;
    size_t piece;
} nctx;

static int
emit_piece(nctx *c, size_t cut, tt_error *err)
{
    tt_buf_reset(&c->nfc);
    int rc = tt_norm_nfc(c->nz, c->pending.data, cut, &c->nfc, err);
    if (rc)
        return rc;
    if (c->first) {
        c->first = 0;
        int conf = 100;
        tt_script det = tt_norm_detect_script(c->nz, c->lang, c->nfc.data, c->nfc.len, &conf);
        if (c->declared == TT_SCRIPT_ANY || (c->declared == TT_SCRIPT_LATN && c->lang == TT_LANG_KK))
            c->used = det;
        else
            conf = 100;
        char cs[8];
        snprintf(cs, sizeof cs, "%d", conf);
        tt_stream_put(&c->out, "stat", 2, (const char *const[]){"script_used", tt_script_name(c->used)},
                      NULL);
        tt_stream_put(&c->out, "stat", 2, (const char *const[]){"script_confidence", cs}, NULL);
    }
    tt_stream_put_text(&c->out, c->off, c->nfc.data, c->nfc.len);
    c->off += c->nfc.len;
    memmove(c->pending.data, c->pending.data + cut, c->pending.len - cut);
    c->pending.len -= cut;
    return 0;
}

int tt_normalize_main(int argc, char **argv);

int
tt_normalize_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "normalize");
    static const struct option lo[] = {{"piece-bytes", 1, 0, 'p'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    nctx c;
    memset(&c, 0, sizeof c);
    uint64_t piece = 1 << 20;
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        if (o == 'p') {
            if (tt_cli_u64(prog, "--piece-bytes", optarg, &piece) || piece < 64)
                return tt_cli_usage(prog, "--piece-bytes must be at least 64");
        } else if (o == 'h') {
            fputs(usage, stdout);
            return tt_cli_finish(prog, 0);
        } else {
            return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    c.piece = (size_t)piece;
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_normalizer_new(&c.nz, NULL, &err);
    tt_stream_reader r;
    tt_stream_reader_init(&r, stdin, "<stdin>");
    tt_rec rec;
    if (!rc)
        rc = tt_stream_put(&c.out, "ttstream", 2, (const char *const[]){"text", TT_STREAM_VERSION_S}, NULL);
    int got = 0;
    while (!rc && (got = tt_stream_read(&r, "text", &rec, &err)) == 1) {
        switch (rec.kind) {
        case TT_REC_HEADER: break;
        case TT_REC_DOC:
            c.lang = TT_LANG_EN;
            c.declared = c.used = TT_SCRIPT_ANY;
            c.first = 1;
            c.off = 0;
            tt_buf_reset(&c.pending);
            rc = tt_stream_put(&c.out, "doc", 1, rec.f, rec.n);
            break;
        case TT_REC_META:
            if (!strcmp(rec.f[0], "lang"))
                c.lang = tt_lang_parse(rec.f[1], rec.n[1]);
            if (!strcmp(rec.f[0], "script")) {
                int s = tt_script_parse(rec.f[1], rec.n[1]);
                c.declared = c.used = s < 0 ? TT_SCRIPT_ANY : (tt_script)s;
            }
            rc = tt_stream_put(&c.out, "meta", 2, rec.f, rec.n);
            break;
        case TT_REC_TEXT: {
            size_t cut;
            rc = tt_buf_append(&c.pending, rec.text, rec.text_len);
            while (!rc && c.pending.len && (cut = tt_piece_cut(c.pending.data, c.pending.len, c.piece, 0)))
                rc = emit_piece(&c, cut, &err);
            break;
        }
        case TT_REC_ENDDOC:
            if (c.pending.len)
                rc = emit_piece(&c, c.pending.len, &err);
            if (!rc && c.first) { /* no text at all */
                tt_stream_put(&c.out, "stat", 2,
                              (const char *const[]){"script_used", tt_script_name(c.used)}, NULL);
                tt_stream_put(&c.out, "stat", 2, (const char *const[]){"script_confidence", "0"}, NULL); /* docpolicy */
            }
            if (!rc)
                rc = tt_stream_put(&c.out, "enddoc", 1, rec.f, rec.n);
            break;
        case TT_REC_STAT: rc = tt_stream_put(&c.out, "stat", 2, rec.f, rec.n); break;
        default:
            rc = tt_cli_unexpected(&err, &r, "text");
        }
        if (!rc && c.out.len > (1 << 16))
            rc = tt_stream_flush(&c.out, stdout, &err);
    }
    int code = tt_cli_stream_end(prog, rc, got, &c.out, &err);
    tt_stream_reader_free(&r);
    tt_buf_free(&c.out);
    tt_buf_free(&c.pending);
    tt_buf_free(&c.nfc);
    tt_normalizer_free(c.nz);
    return tt_cli_finish(prog, code);
}

TT_STAGE_PROGRAM(tt_normalize_main)
