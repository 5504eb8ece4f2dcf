/* tt-decode - bytes of documents in any encoding (optionally gzipped) -> a `text` stream of UTF-8
 * (stages/README.md). Reads a corpus (--corpus DIR: manifest.tsv), files, or stdin. */
#include "cli.h"
#include "readopts.h"
#include "tt/docpolicy.h"
#include "tt/decode.h"
#include "tt/detect.h"
#include "tt/manifest.h"
#include "tt/stream.h"
#include "tt/worker.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: tt-decode [OPTIONS] [--corpus DIR | FILE...]\n"
    "Decodes documents (UTF-8 with or without BOM, UTF-16/32, CP1251, KOI8-R, CP866, ISO-8859-5, RK1048,\n"
    "PT154, MAC-CYRILLIC; gzip by its magic bytes) to UTF-8 and writes a `text` stream on stdout. HTML,\n"
    "DOCX, ODT, PDF and Markdown with a front matter are recognised by their bytes and read as text\n"
    "(PDF pages separated by a form feed).\n"
    "The encoding is detected unless declared (manifest `encoding` column or --encoding).\n"
    "  --corpus DIR          read DIR/manifest.tsv (documents in doc_id order)\n"
    "  --manifest FILE       another manifest (paths relative to --corpus)\n"
    "  --allow-outside       allow manifest paths outside the corpus folder\n"
    "  --lang L              language of FILE arguments and stdin (kk, uz, ru, en; default en)\n"
    "  --encoding NAME       declare the encoding of every document\n"
    "  --replace-invalid     write U+FFFD for invalid bytes (counted) instead of skipping the document\n"
    "  --max-doc-bytes N     refuse a document whose text is larger than N bytes (default: no limit)\n"
    "  --max-gzip-ratio N    refuse a gzip file that inflates more than N times (default 1000)\n"
    TT_CLI_READ_HELP
    "Without --corpus and FILE, reads stdin.\n" TT_EXIT_CODES_HELP;

typedef struct dctx {
    const char *prog;
    tt_decode_opts opts;
    tt_buf out;
    int skipped;
} dctx;

static int
put_kv(tt_buf *b, const char *tag, const char *k, const char *v)
{
    const char *f[2] = {k, v};
    return tt_stream_put(b, tag, 2, f, NULL);
}

/* Decodes one document into the stream. Returns 0, or an exit code for a fatal failure. */
static int
one(dctx *c, const char *doc_id, const char *path, const char *shown, const char *const *mk,
    const char *const *mv, size_t nm, const char *enc, const tt_mdoc *md)
{
    tt_lang lang = TT_LANG_OTHER;
    for (size_t i = 0; i < nm; i++)
        if (!strcmp(mk[i], "lang"))
            lang = tt_lang_parse(mv[i], strlen(mv[i]));
    tt_buf *b = &c->out;
    tt_error err;
    tt_error_clear(&err);
    const char *f1[1] = {doc_id};
    tt_stream_put(b, "doc", 1, f1, NULL);
    tt_decode_opts o = c->opts;
    if (enc && *enc)
        o.encoding = enc;
    if (md && md->format)
        o.format = md->format;
    if (md && md->html_select[0])
        o.html_select = md->html_select;
    tt_decoder *d = NULL;
    int rc = tt_decoder_open(&d, path, &o, &err);
    const tt_read_doc *rd = tt_decoder_doc(d);
    for (size_t i = 0; i < nm; i++) { /* empty columns a front matter fills (tt/read.h) */
        const char *fv = mv[i][0] || !rd ? NULL : tt_read_meta(rd, mk[i]);
        put_kv(b, "meta", mk[i], fv ? fv : mv[i]);
    }
    /* known at open, and needed before the text: tt-match numbers pages from page_count */
    const tt_decode_info *in0 = d ? tt_decoder_info(d) : NULL;
    char pc[24];
    snprintf(pc, sizeof pc, "%u", in0 ? in0->page_count : 0);
    put_kv(b, "stat", "format", in0 ? in0->format : "");
    put_kv(b, "stat", "page_count", in0 && in0->page_count ? pc : "");
    uint64_t off = 0;
    tt_buf chunk = {0};
    while (!rc) {
        tt_buf_reset(&chunk);
        int r = tt_decoder_read(d, &chunk, &err);
        if (r < 0)
            rc = r;
        if (r <= 0)
            break;
        tt_stream_put_text(b, off, chunk.data, chunk.len);
        off += chunk.len;
        if (tt_stream_flush(b, stdout, &err)) {
            tt_cli_error(c->prog, &err);
            tt_buf_free(&chunk);
            tt_decoder_free(d);
            return TT_EXIT_FAIL;
        }
    }
    tt_buf_free(&chunk);
    if (rc == TT_ENOMEM) {
        tt_cli_error(c->prog, &err);
        tt_decoder_free(d);
        return TT_EXIT_FAIL;
    }
    const tt_decode_info *in = d ? tt_decoder_info(d) : NULL;
    char num[8][24];
    snprintf(num[0], 24, "%llu", (unsigned long long)(in ? in->raw_bytes : 0));
    snprintf(num[1], 24, "%d", in ? in->confidence : 0);
    snprintf(num[2], 24, "%llu", (unsigned long long)(in ? in->replaced : 0));
    put_kv(b, "stat", "sha256", in ? in->sha256 : "");
    put_kv(b, "stat", "bytes", num[0]);
    put_kv(b, "stat", "encoding", in ? in->encoding : "");
    put_kv(b, "stat", "encoding_method", in ? in->method : "");
    put_kv(b, "stat", "encoding_confidence", num[1]);
    put_kv(b, "stat", "encoding_runner_up", in ? in->runner_up : "");
    put_kv(b, "stat", "gzip", in && in->gzip ? "1" : "0");
    put_kv(b, "stat", "replaced", num[2]);
    put_kv(b, "stat", "degraded", in && tt_decode_degraded(lang, in->encoding) ? "1" : "0");
    if (rc) {
        tt_buf st = {0};
        if (tt_doc_failed_status(&err, &st)) { /* tt/docpolicy.h */
            tt_buf_free(&st);
            tt_decoder_free(d);
            tt_error_set(&err, TT_ENOMEM, "out of memory");
            tt_cli_error(c->prog, &err);
            return TT_EXIT_FAIL;
        }
        put_kv(b, "stat", "status", st.data);
        tt_buf_free(&st);
        tt_error_at(&err, shown, err.line, err.column);
        if (!err.path[0])
            snprintf(err.path, sizeof err.path, "%s", shown);
        fprintf(stderr, "%s: warning: document '%s' skipped: ", c->prog, doc_id);
        char m2[2400];
        fprintf(stderr, "%s\n", tt_error_format(&err, m2, sizeof m2));
        c->skipped++;
    }
    tt_stream_put(b, "enddoc", 1, f1, NULL);
    tt_decoder_free(d);
    if (tt_stream_flush(b, stdout, &err)) {
        tt_cli_error(c->prog, &err);
        return TT_EXIT_FAIL;
    }
    return 0;
}

int tt_decode_main(int argc, char **argv);

static void
on_detect_warning(void *ctx, const tt_error *w)
{
    tt_cli_warning((const char *)ctx, w);
}

int
tt_decode_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "decode");
    static const struct option lo[] = {{"corpus", 1, 0, 'c'},         {"manifest", 1, 0, 'm'},
                                       {"allow-outside", 0, 0, 'a'},  {"lang", 1, 0, 'l'},
                                       {"encoding", 1, 0, 'e'},       {"replace-invalid", 0, 0, 'r'},
                                       {"max-doc-bytes", 1, 0, 'M'},  {"max-gzip-ratio", 1, 0, 'G'},
                                       {"help", 0, 0, 'h'},           TT_CLI_READ_OPTIONS,
                                       {0, 0, 0, 0}};
    dctx c = {.prog = prog};
    const char *corpus = NULL, *manifest = NULL, *lang = "en";
    int allow = 0, o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        int h = tt_cli_read_opt(prog, o, optarg, &c.opts);
        if (h < 0)
            return TT_EXIT_USAGE;
        if (h)
            continue;
        switch (o) {
        case 'c': corpus = optarg; break;
        case 'm': manifest = optarg; break;
        case 'a': allow = 1; break;
        case 'l': lang = optarg; break;
        case 'e': c.opts.encoding = optarg; break;
        case 'r': c.opts.replace_invalid = 1; break;
        case 'M':
            if (tt_cli_u64(prog, "--max-doc-bytes", optarg, &c.opts.max_bytes))
                return TT_EXIT_USAGE;
            break;
        case 'G':
            if (tt_cli_u64(prog, "--max-gzip-ratio", optarg, &c.opts.max_gunzip_ratio))
                return TT_EXIT_USAGE;
            break;
        case 'h': fputs(usage, stdout); return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (!tt_lang_known(lang, strlen(lang)))
        return tt_cli_choice(prog, "--lang", lang, tt_cli_langs, 4);
    if (c.opts.encoding && !tt_encoding_canonical(c.opts.encoding))
        return tt_cli_usage(prog, "unknown encoding '%s'", c.opts.encoding);
    tt_error err;
    tt_error_clear(&err);
    tt_stream_put(&c.out, "ttstream", 2, (const char *const[]){"text", TT_STREAM_VERSION_S}, NULL);
    int code = 0;
    char corpus_dir[4200];
    if (tt_cli_corpus_arg(prog, &corpus, &manifest, corpus_dir, sizeof corpus_dir)) {
        tt_buf_free(&c.out);
        return TT_EXIT_USAGE;
    }
    if (corpus) {
        tt_manifest *m = NULL;
        int rc = tt_detect_manifest_load(&m, corpus, manifest, allow, NULL, on_detect_warning, (void *)prog, &err);
        if (rc) {
            tt_cli_error(prog, &err);
            tt_buf_free(&c.out);
            return tt_cli_code(rc);
        }
        size_t nc = tt_manifest_ncols(m);
        const char **mk = calloc(nc + 1, sizeof *mk), **mv = calloc(nc + 1, sizeof *mv);
        for (size_t i = 0; mk && mv && i < tt_manifest_ndocs(m) && !code; i++) {
            const tt_mdoc *d = tt_manifest_doc(m, i);
            size_t nm = 0;
            mk[nm] = "doc_id";
            mv[nm++] = d->doc_id;
            for (size_t j = 0; j < nc; j++)
                if (strcmp(tt_manifest_col(m, j), "doc_id") != 0) {
                    mk[nm] = tt_manifest_col(m, j);
                    mv[nm++] = d->values[j];
                }
            code = one(&c, d->doc_id, d->fullpath, d->fullpath, mk, mv, nm, d->encoding, d);
        }
        free(mk);
        free(mv);
        tt_manifest_free(m);
    } else if (optind < argc) {
        for (int i = optind; i < argc && !code; i++) {
            const char *mk[3] = {"doc_id", "path", "lang"}, *mv[3] = {argv[i], argv[i], lang};
            code = one(&c, argv[i], argv[i], argv[i], mk, mv, 3, NULL, NULL);
        }
    } else {
        const char *mk[3] = {"doc_id", "path", "lang"}, *mv[3] = {"stdin", "-", lang};
        code = one(&c, "stdin", "/dev/stdin", "<stdin>", mk, mv, 3, NULL, NULL);
    }
    if (!code && tt_stream_flush(&c.out, stdout, &err)) {
        tt_cli_error(prog, &err);
        code = TT_EXIT_FAIL;
    }
    tt_buf_free(&c.out);
    if (!code && c.skipped)
        code = TT_EXIT_SKIPPED;
    return tt_cli_finish(prog, code);
}

TT_STAGE_PROGRAM(tt_decode_main)
