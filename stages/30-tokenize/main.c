/* tt-tokenize - a normalized `text` stream -> a `tokens` stream: word tokens with offsets into the text as
 * written, sentence, paragraph and article numbers, article labels, and each token's match form
 * (stages/README.md). */
#include "cli.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/stream.h"
#include "tt/tokenize.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: tt-tokenize [--lexicon PATH] < text-stream > tokens-stream\n"
    "Splits each piece of text into word tokens (ICU word break, with hyphen re-joining, Uzbek apostrophes\n"
    "and line-end hyphenation), sentences (ICU, not after abbreviations or article numbers), paragraphs\n"
    "and legal articles (headings), and computes each token's match form.\n"
    "  --lexicon PATH   join a word hyphenated at a line end when the lexicon knows the joined word\n"
    "                   (the pipeline does; without it only same-document evidence is used)\n"
    TT_CLI_SEGMENTER_HELP TT_EXIT_CODES_HELP;

static int
put_num(tt_buf *b, const char *tag, const char *key, uint64_t v)
{
    char num[24];
    snprintf(num, sizeof num, "%llu", (unsigned long long)v);
    return tt_stream_put(b, tag, 2, (const char *const[]){key, num}, NULL);
}

int tt_tokenize_main(int argc, char **argv);

int
tt_tokenize_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "tokenize");
    static const struct option lo[] = {{"lexicon", 1, 0, 'L'}, {"segmenter", 1, 0, 'S'}, {"help", 0, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *lexicon = NULL;
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        if (o == 'L') {
            lexicon = optarg;
        } else if (o == 'S') {
            if (tt_cli_segmenter(prog, optarg))
                return TT_EXIT_USAGE;
        } else if (o == 'h') {
            fputs(usage, stdout);
            return tt_cli_finish(prog, 0);
        } else {
            return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    tt_error err;
    tt_error_clear(&err);
    tt_normalizer *nz = NULL;
    tt_tokenizer *tk = NULL;
    tt_lexicon *lx = NULL;
    tt_matcher *mt = NULL;
    int rc;
    if (lexicon) {
        if ((rc = tt_cli_lexicon_open(prog, lexicon, &nz, &lx, &mt)))
            return tt_cli_finish(prog, rc);
    } else {
        rc = tt_normalizer_new(&nz, NULL, &err);
    }
    if (!rc)
        rc = tt_tokenizer_new(&tk, NULL, &err);
    tt_tokseq ts;
    tt_tokseq_init(&ts);
    tt_buf out = {0};
    tt_stream_reader r;
    tt_stream_reader_init(&r, stdin, "<stdin>");
    tt_rec rec;
    tt_lang lang = TT_LANG_EN;
    tt_script script = TT_SCRIPT_ANY;
    uint64_t ntok = 0, text_bytes = 0;
    if (!rc)
        rc = tt_stream_put(&out, "ttstream", 2, (const char *const[]){"tokens", TT_STREAM_VERSION_S}, NULL);
    int got = 0;
    while (!rc && (got = tt_stream_read(&r, "text", &rec, &err)) == 1) {
        switch (rec.kind) {
        case TT_REC_HEADER: break;
        case TT_REC_DOC:
            tt_tokseq_reset_doc(&ts);
            if (mt)
                tt_matcher_set_script(mt, TT_SCRIPT_ANY);
            lang = TT_LANG_EN;
            script = TT_SCRIPT_ANY;
            ntok = text_bytes = 0;
            rc = tt_stream_put(&out, "doc", 1, rec.f, rec.n);
            break;
        case TT_REC_META:
            if (!strcmp(rec.f[0], "lang"))
                lang = tt_lang_parse(rec.f[1], rec.n[1]);
            rc = tt_stream_put(&out, "meta", 2, rec.f, rec.n);
            break;
        case TT_REC_STAT:
            if (!strcmp(rec.f[0], "script_used")) {
                int s = tt_script_parse(rec.f[1], rec.n[1]);
                script = s < 0 ? TT_SCRIPT_ANY : (tt_script)s;
                if (mt)
                    tt_matcher_set_script(mt, script);
            }
            rc = tt_stream_put(&out, "stat", 2, rec.f, rec.n);
            break;
        case TT_REC_TEXT: {
            size_t arts = ts.narticles;
            tt_tokseq_reset(&ts);
            rc = tt_tokenize(tk, nz, lang, script, rec.text, rec.text_len, rec.text_offset,
                             mt ? tt_matcher_known : NULL, mt, &ts, &err);
            if (rc)
                break;
            text_bytes = rec.text_offset + rec.text_len;
            rc = tt_stream_put_text(&out, rec.text_offset, rec.text, rec.text_len);
            for (size_t a = arts; !rc && a < ts.narticles; a++) {
                char num[24];
                snprintf(num, sizeof num, "%zu", a + 1);
                rc = tt_stream_put(&out, "art", 2,
                                   (const char *const[]){num, tt_tokseq_article_label(&ts, (uint32_t)a + 1)},
                                   NULL);
            }
            for (size_t i = 0; !rc && i < ts.ntok; i++) {
                const tt_token *t = &ts.tok[i];
                char f[6][24];
                snprintf(f[0], 24, "%llu", (unsigned long long)t->start);
                snprintf(f[1], 24, "%llu", (unsigned long long)t->end);
                snprintf(f[2], 24, "%u", t->sent);
                snprintf(f[3], 24, "%u", t->para);
                snprintf(f[4], 24, "%u", t->article);
                snprintf(f[5], 24, "%u", t->flags);
                const char *fv[7] = {f[0], f[1], f[2], f[3], f[4], f[5], ts.forms.data + t->match_off};
                size_t fn[7] = {strlen(f[0]), strlen(f[1]), strlen(f[2]), strlen(f[3]),
                                strlen(f[4]), strlen(f[5]), t->match_len};
                rc = tt_stream_put(&out, "tok", 7, fv, fn);
            }
            ntok += ts.ntok;
            break;
        }
        case TT_REC_ENDDOC:
            put_num(&out, "stat", "text_bytes", text_bytes);
            put_num(&out, "stat", "tokens", ntok);
            put_num(&out, "stat", "sentences", ntok ? ts.sentences : 0);
            put_num(&out, "stat", "articles", ts.narticles);
            put_num(&out, "stat", "paragraphs", ntok ? ts.paragraphs : 0);
            put_num(&out, "stat", "homoglyph_repairs", ts.homoglyph_repairs);
            put_num(&out, "stat", "mixed_unrepaired", ts.mixed_unrepaired);
            put_num(&out, "stat", "hyphen_joins", ts.hyphen_joins);
            put_num(&out, "stat", "line_joins", ts.line_joins);
            rc = tt_stream_put(&out, "enddoc", 1, rec.f, rec.n);
            break;
        default:
            rc = tt_cli_unexpected(&err, &r, "text");
        }
        if (!rc && out.len > (1 << 16))
            rc = tt_stream_flush(&out, stdout, &err);
    }
    int code = tt_cli_stream_end(prog, rc, got, &out, &err);
    tt_stream_reader_free(&r);
    tt_buf_free(&out);
    tt_tokseq_free(&ts);
    tt_tokenizer_free(tk);
    tt_cli_lexicon_close(nz, lx, mt);
    return tt_cli_finish(prog, code);
}

TT_STAGE_PROGRAM(tt_tokenize_main)
