/* tt-count - a `hits` stream -> docres records (stages/50-count/docres.md): per document, concept counts,
 * co-occurrence counts per context, the hits with their context, and with --vocab the term counts. */
#include "cli.h"
#include "tt/count.h"
#include "tt/docpolicy.h"
#include "tt/kv.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/roles.h"
#include "tt/num.h"
#include "tt/stem.h"
#include "tt/stoplist.h"
#include "tt/stream.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: tt-count --lexicon PATH [--cooc LIST] [--vocab [--stem] [--ngrams N] [--collocates LIST]\n"
    "                [--stop FILE] [--vocab-stop]] [--kwic N] [--count text|all] < hits-stream > docres\n"
    "Counts each document's hits: concept frequencies, co-occurrence in each context of LIST\n"
    "(default window5,sentence,document; also windowN, wwindowN (weighted 1/d), paragraph, article),\n"
    "and with --vocab every word token's term (--stem: stems; --ngrams N: also 2..N-grams), its surface\n"
    "forms and the collocates of each concept (--collocates: windowN, sentence; default window5); stop\n"
    "words from lexicons/stopwords/<lang>.txt or --stop FILE (--vocab-stop: not in the vocabulary).\n"
    "Counts take the hits and tokens whose role is `text` (the document uses the word); --count all takes\n"
    "quoted, note and repealed ones too (every hit is listed whatever counts).\n" TT_EXIT_CODES_HELP;

typedef struct cctx {
    tt_counter *ct;
    tt_stemmer *st;
    tt_stoplist *stop;
    int vocab, count_all;
    tt_lang lang;
    tt_buf text; /* the current piece of text (surface forms) */
    uint64_t text_off;
    tt_kv meta, stat;
    uint64_t ntok;
    int gap; /* vocabulary: tokens of another role were left out here (no n-gram spans them) */
    tt_buf term;
} cctx;

/* Ends a document the way the in-process worker does (worker.c: tt_worker_doc). */
static int
end_doc(cctx *c, tt_buf *out, tt_error *err)
{
    /* the status and what a skipped document reports: tt/docpolicy.h, shared with the in-process worker */
    const char *status = tt_kv_get(&c->stat, "status", NULL);
    const char *tb = tt_kv_get(&c->stat, "text_bytes", NULL);
    uint64_t text_bytes = 0;
    if (tb && tt_num_parse_u64(tb, strlen(tb), &text_bytes) != 0)
        return tt_error_set(err, TT_ESYNTAX, "stat text_bytes '%s' is not a whole number", tb);
    tt_buf st = {0};
    int rc = 0;
    int outcome = tt_doc_status(status, c->ntok, text_bytes, &st);
    if (outcome < 0)
        rc = outcome;
    else if (outcome != TT_DOC_OK)
        tt_counter_begin(c->ct);
    if (!rc)
        rc = tt_kv_set(&c->stat, "status", st.data, st.len);
    size_t nm = c->meta.n;
    const char **mk = malloc((nm + 1) * sizeof *mk), **mv = malloc((nm + 1) * sizeof *mv);
    if (!mk || !mv)
        rc = TT_ENOMEM;
    for (size_t i = 0; !rc && i < nm; i++) {
        mk[i] = tt_kv_key(&c->meta, i, NULL);
        mv[i] = tt_kv_value(&c->meta, i, NULL);
    }
    const char *sv[TT_NSTAT];
    for (size_t i = 0; i < TT_NSTAT; i++) {
        const char *v = tt_kv_get(&c->stat, tt_stat_keys[i], NULL);
        sv[i] = v ? v : "";
    }
    if (outcome >= 0)
        tt_doc_stats((tt_doc_outcome)outcome, sv);
    if (!rc)
        rc = tt_counter_end(c->ct, mk, mv, nm, tt_stat_keys, sv, TT_NSTAT, out, err);
    tt_buf_free(&st);
    free(mk);
    free(mv);
    return rc;
}

int tt_count_main(int argc, char **argv);

int
tt_count_main(int argc, char **argv)
{
    TT_STAGE_PROG(prog, "count");
    static const struct option lo[] = {{"lexicon", 1, 0, 'L'}, {"cooc", 1, 0, 'c'},  {"vocab", 0, 0, 'v'}, {"stem", 0, 0, 's'},
                                       {"ngrams", 1, 0, 'n'}, {"kwic", 1, 0, 'k'}, {"count", 1, 0, 'a'}, {"help", 0, 0, 'h'},
                                       {"collocates", 1, 0, 'C'}, {"stop", 1, 0, 'S'}, {"vocab-stop", 0, 0, 'V'},
                                       {0, 0, 0, 0}};
    const char *cooc = "window5,sentence,document", *lexicon = NULL, *coll = "window5";
    tt_count_opts co = {0};
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        uint64_t v;
        switch (o) {
        case 'L': lexicon = optarg; break;
        case 'c': cooc = optarg; break;
        case 'v': co.vocab = 1; break;
        case 's': co.stem = 1; break;
        case 'n':
            if (tt_cli_u64(prog, "--ngrams", optarg, &v) || v < 1 || v > 8)
                return tt_cli_usage(prog, "--ngrams is 1 to 8");
            co.ngrams = (int)v;
            break;
        case 'k':
            if (tt_cli_u64(prog, "--kwic", optarg, &v))
                return TT_EXIT_USAGE;
            co.kwic_chars = (size_t)v;
            break;
        case 'C': coll = optarg; break;
        case 'S': co.stop_file = optarg; break;
        case 'V': co.vocab_stop = 1; break;
        case 'a':
            if (!strcmp(optarg, "all"))
                co.count_all = 1;
            else if (strcmp(optarg, "text") != 0)
                return tt_cli_usage(prog, "--count is 'text' or 'all', not '%s'", optarg);
            break;
        case 'h': fputs(usage, stdout); return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    tt_error err;
    tt_error_clear(&err);
    tt_context ctx[32];
    size_t nctx = 0;
    if (tt_context_parse(cooc, ctx, 32, &nctx, &err)) {
        tt_cli_error(prog, &err);
        return TT_EXIT_USAGE;
    }
    co.contexts = ctx;
    co.ncontexts = nctx;
    tt_context cctx8[8];
    size_t ncoll = 0;
    if (tt_context_parse(coll, cctx8, 8, &ncoll, &err)) {
        tt_cli_error(prog, &err);
        return TT_EXIT_USAGE;
    }
    co.coll = cctx8;
    co.ncoll = ncoll;
    cctx c;
    memset(&c, 0, sizeof c);
    c.vocab = co.vocab;
    c.count_all = co.count_all;
    if (!lexicon)
        return tt_cli_usage(prog, "--lexicon is required (it gives the concepts' column order)");
    tt_normalizer *nz = NULL;
    tt_lexicon *lx = NULL;
    int rc = tt_cli_lexicon_open(prog, lexicon, &nz, &lx, NULL), got = 0;
    if (rc)
        return tt_cli_finish(prog, rc);
    size_t nids = lx ? tt_lexicon_nconcepts(lx) : 0;
    const char **ids = calloc(nids + 1, sizeof *ids);
    if (!rc && !ids)
        rc = tt_error_set(&err, TT_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < nids; i++)
        ids[i] = tt_lexicon_concept(lx, i)->id;
    if (!rc)
        rc = tt_counter_new(&c.ct, ids, nids, &co, &err);
    if (!rc && co.stem)
        rc = tt_stemmer_new(&c.st, NULL, &err);
    if (!rc && co.vocab)
        rc = tt_stoplist_new(&c.stop, NULL, co.stop_file, nz, &err);
    if (rc) {
        tt_cli_error(prog, &err);
        tt_counter_free(c.ct);
        tt_cli_lexicon_close(nz, lx, NULL);
        free(ids);
        return tt_cli_finish(prog, tt_cli_code(rc));
    }
    tt_buf out = {0};
    tt_stream_reader r;
    tt_stream_reader_init(&r, stdin, "<stdin>");
    tt_rec rec;
    int started = 0;
    while (!rc && (got = tt_stream_read(&r, "hits", &rec, &err)) == 1) {
        switch (rec.kind) {
        case TT_REC_HEADER: break;
        case TT_REC_DOC:
            tt_kv_reset(&c.meta);
            tt_kv_reset(&c.stat);
            c.ntok = 0;
            c.gap = 0;
            c.lang = TT_LANG_EN;
            tt_counter_begin(c.ct);
            started = 1;
            break;
        case TT_REC_META:
            if (!strcmp(rec.f[0], "lang"))
                c.lang = tt_lang_parse(rec.f[1], rec.n[1]);
            rc = tt_kv_add(&c.meta, rec.f[0], rec.n[0], rec.f[1], rec.n[1]);
            break;
        case TT_REC_STAT: rc = tt_kv_set(&c.stat, rec.f[0], rec.f[1], rec.n[1]); break;
        case TT_REC_TEXT:
            /* a new piece: the previous one's hits have all arrived */
            if (c.vocab)
                rc = tt_counter_flush(c.ct, 0, &err);
            tt_buf_reset(&c.text);
            if (!rc && c.vocab && tt_buf_append(&c.text, rec.text, rec.text_len))
                rc = TT_ENOMEM;
            c.text_off = rec.text_offset;
            break;
        case TT_REC_TOK: {
            uint32_t sent = (uint32_t)rec.u[2]; /* checked by the stream reader */
            uint64_t tok = c.ntok++;
            if (!c.vocab)
                break;
            uint32_t flags = (uint32_t)rec.u[5];
            if (!c.count_all && (flags >> TT_TOK_ROLE_SHIFT & 3) != TT_ROLE_TEXT) {
                c.gap = 1; /* the vocabulary and the collocates count what the document uses */
                break;
            }
            uint64_t st = rec.u[0], en = rec.u[1];
            tt_docword dw = {.tok = tok, .sent = sent, .flags = flags, .gap = c.gap};
            if (st >= c.text_off && en >= st && en - c.text_off <= c.text.len) {
                dw.surface = c.text.data + (st - c.text_off);
                dw.surface_len = (size_t)(en - st);
            }
            const char *term = rec.f[6];
            size_t tl = rec.n[6];
            if (tl) {
                dw.stop = tt_stoplist_has(c.stop, c.lang, term, tl);
                if (c.st) {
                    tt_buf_reset(&c.term);
                    if ((rc = tt_stem_word(c.st, c.lang, term, tl, dw.flags, &c.term, &err)))
                        break;
                    term = c.term.data;
                    tl = c.term.len;
                }
            }
            dw.term = term;
            dw.n = tl;
            rc = tt_counter_word(c.ct, &dw, &err);
            c.gap = 0;
            break;
        }
        case TT_REC_HIT: {
            long ci = tt_lexicon_find_concept(lx, rec.f[0]);
            if (ci < 0) {
                tt_error_set(&err, TT_ESYNTAX, "hit of concept '%s', which the lexicon does not define", rec.f[0]);
                tt_error_at(&err, r.name, r.line, 0);
                rc = TT_ESYNTAX;
                break;
            }
            tt_dochit h = {
                .concept_id = rec.f[0],
                .concept = (uint32_t)ci,
                .entry = rec.f[2],
                .tok_first = rec.u[3],
                .tok_last = rec.u[4],
                .start = rec.u[5],
                .end = rec.u[6],
                .sent = (uint32_t)rec.u[7],
                .para = (uint32_t)rec.u[8],
                .article = (uint32_t)rec.u[9],
                .article_label = rec.f[10],
                .surface = rec.f[11],
                .surface_len = rec.n[11],
                .left = rec.f[12],
                .left_len = rec.n[12],
                .right = rec.f[13],
                .right_len = rec.n[13],
                .form = rec.f[14],
                .page = (uint32_t)strtoul(rec.f[17], NULL, 10),
                .form_len = rec.n[14],
                .name = (uint32_t)strtoul(rec.f[16], NULL, 10),
            };
            int role = tt_role_parse(rec.f[15], rec.n[15]);
            if (role < 0) {
                tt_error_set(&err, TT_ESYNTAX, "hit with an unknown role '%s'", rec.f[15]);
                tt_error_at(&err, r.name, r.line, 0);
                rc = TT_ESYNTAX;
                break;
            }
            h.role = (tt_role)role;
            rc = tt_counter_hit(c.ct, &h, &err);
            break;
        }
        case TT_REC_NAME:
            rc = tt_counter_name(c.ct, (uint32_t)strtoul(rec.f[0], NULL, 10), &err);
            break;
        case TT_REC_ENDDOC:
            if (!started)
                break;
            rc = end_doc(&c, &out, &err);
            if (!rc)
                rc = tt_stream_flush(&out, stdout, &err);
            break;
        default: break; /* art records are not needed here */
        }
        if (rc == TT_ENOMEM)
            tt_error_set(&err, TT_ENOMEM, "out of memory");
    }
    if (got < 0)
        rc = got;
    int code = 0;
    if (rc) {
        tt_cli_error(prog, &err);
        code = TT_EXIT_FAIL;
    }
    tt_stream_reader_free(&r);
    tt_buf_free(&out);
    tt_buf_free(&c.term);
    tt_kv_free(&c.meta);
    tt_kv_free(&c.stat);
    tt_counter_free(c.ct);
    tt_stemmer_free(c.st);
    tt_stoplist_free(c.stop);
    tt_buf_free(&c.text);
    tt_cli_lexicon_close(nz, lx, NULL);
    free(ids);
    return tt_cli_finish(prog, code);
}

TT_STAGE_PROGRAM(tt_count_main)
