/* worker.c - one document through decode, normalize, tokenize, match and count, streamed in pieces
 * (see tt/worker.h). */
#include "tt/worker.h"
#include "tt/markup.h"

#include "tt/compound.h"
#include "tt/docpolicy.h"
#include "tt/kwic.h"
#include "tt/norm.h"
#include "tt/roles.h"
#include "tt/stem.h"
#include "tt/stoplist.h"
#include "tt/tokenize.h"
#include "tt/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tt_worker {
    const tt_lexicon *lx;
    tt_run_opts opts;
    tt_normalizer *nz;
    tt_tokenizer *tk;
    tt_matcher *mt;
    tt_counter *ct;
    tt_stemmer *st;
    tt_stoplist *stop;
    tt_rolefinder *rf;
    const char **concept_ids;
    tt_tokseq ts;
    tt_buf raw, nfc, left, right, form, term, status;
    tt_hit *hits;
    size_t nhits, caphits;
    tt_stage_times times;
    tt_stage_times doc; /* the document's stages in monotonic time, folded into times by its CPU time */
};

/* The stages are timed with the monotonic clock (the vDSO: ~20 ns), the document as a whole with the thread's CPU
 * clock (a system call: ~0.35 us here; 13 per document when each stage read it, 0.5% of a plain run's CPU), and
 * each stage gets the document's CPU time in proportion to its monotonic time (doc_fold). */
static double
now_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
doc_fold(tt_worker *w, double cpu)
{
    tt_stage_times *d = &w->doc, *t = &w->times;
    double sum = d->decode + d->normalize + d->tokenize + d->match + d->count;
    double k = sum > 0 && cpu > 0 ? cpu / sum : 0;
    t->decode += d->decode * k;
    t->normalize += d->normalize * k;
    t->tokenize += d->tokenize * k;
    t->match += d->match * k;
    t->count += d->count * k;
    memset(d, 0, sizeof *d);
}

int
tt_worker_prepare(tt_worker **out, const tt_run_opts *opts, tt_error *err)
{
    *out = NULL;
    tt_worker *w = calloc(1, sizeof *w);
    if (!w)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    w->opts = *opts;
    if (!w->opts.piece_size)
        w->opts.piece_size = 1 << 20;
    tt_tokseq_init(&w->ts);
    tt_decode_warm(); /* the decoders' encoding tables: here, while the main thread loads the manifest */
    int rc = tt_normalizer_new(&w->nz, opts->data_dir, err);
    if (!rc)
        rc = tt_tokenizer_new(&w->tk, opts->data_dir, err);
    if (!rc)
        rc = tt_rolefinder_new(&w->rf, opts->data_dir, err);
    if (!rc && opts->count.vocab && opts->count.stem)
        rc = tt_stemmer_new(&w->st, opts->data_dir, err);
    if (!rc && opts->count.vocab)
        rc = tt_stoplist_new(&w->stop, opts->data_dir, opts->count.stop_file, w->nz, err);
    if (rc) {
        tt_worker_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

int
tt_worker_bind(tt_worker *w, const tt_lexicon *lx, tt_error *err)
{
    if (w->lx)
        return tt_error_set(err, TT_EUSAGE, "worker already has a lexicon");
    w->lx = lx;
    size_t nc = tt_lexicon_nconcepts(lx);
    w->concept_ids = calloc(nc ? nc : 1, sizeof *w->concept_ids);
    if (!w->concept_ids)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    for (size_t i = 0; i < nc; i++)
        w->concept_ids[i] = tt_lexicon_concept(lx, i)->id;
    int rc = tt_matcher_new(&w->mt, lx, err);
    if (!rc) /* each form's type named once, kept beside it in the normalizer's cache (tt/tokenize.h) */
        tt_tokenizer_set_typer(w->tk, tt_matcher_type, tt_matcher_begin_piece, w->mt);
    if (!rc)
        rc = tt_counter_new(&w->ct, w->concept_ids, nc, &w->opts.count, err);
    return rc;
}

void
tt_worker_share(tt_worker *w, struct tt_smap *forms, struct tt_smap *types)
{
    tt_norm_share(w->nz, forms);
    if (w->mt)
        tt_matcher_share(w->mt, types);
}

int
tt_worker_new(tt_worker **out, const tt_lexicon *lx, const tt_run_opts *opts, tt_error *err)
{
    int rc = tt_worker_prepare(out, opts, err);
    if (!rc && (rc = tt_worker_bind(*out, lx, err))) {
        tt_worker_free(*out);
        *out = NULL;
    }
    return rc;
}

void
tt_worker_free(tt_worker *w)
{
    if (!w)
        return;
    tt_normalizer_free(w->nz);
    tt_tokenizer_free(w->tk);
    tt_matcher_free(w->mt);
    tt_counter_free(w->ct);
    tt_stemmer_free(w->st);
    tt_stoplist_free(w->stop);
    tt_rolefinder_free(w->rf);
    free(w->concept_ids);
    tt_tokseq_free(&w->ts);
    tt_buf_free(&w->raw);
    tt_buf_free(&w->nfc);
    tt_buf_free(&w->left);
    tt_buf_free(&w->right);
    tt_buf_free(&w->form);
    tt_buf_free(&w->term);
    tt_buf_free(&w->status);
    free(w->hits);
    free(w);
}

const tt_stage_times *
tt_worker_times(const tt_worker *w)
{
    return &w->times;
}

uint64_t
tt_worker_new_words(const tt_worker *w)
{
    return tt_norm_computed(w->nz);
}

/* Per-document state while its pieces stream through. */
typedef struct docstate {
    const tt_mdoc *d;
    tt_script script;     /* script used for match forms */
    int script_conf;
    int first_piece;
    uint64_t nfc_total;   /* bytes of NFC text so far = offset of the next piece */
    uint64_t tok_total;   /* word tokens so far */
    uint32_t page;        /* paged formats: page at the start of the next piece (1-based), else 0 */
    int gap;              /* vocabulary: tokens that are not the document's own words were left out here */
    char markup[400];     /* "looks like HTML (...)" when the text carries markup, else "" */
} docstate;

/* The piece w->raw[0..n) as written (NFC) into w->nfc, taken out of w->raw (the bytes after it move to the
 * front). A piece that is already NFC (nearly always) is not copied: the two buffers trade places, and only the
 * bytes after the piece, if any, go back to w->raw. w->raw holds only the decoder's chunks, well-formed UTF-8, cut
 * at character boundaries: the NFC check need not test the structure again (tt_norm_nfc_view_wf). */
static int
take_piece(tt_worker *w, size_t n, tt_error *err)
{
    const char *text;
    size_t len;
    tt_buf_reset(&w->nfc);
    int rc = tt_norm_nfc_view_wf(w->nz, w->raw.data, n, &w->nfc, &text, &len, err);
    if (rc)
        return rc;
    if (text != w->raw.data) { /* normalized into w->nfc */
        memmove(w->raw.data, w->raw.data + n, w->raw.len - n);
        w->raw.len -= n;
        return 0;
    }
    tt_buf t = w->nfc;
    w->nfc = w->raw;
    w->raw = t; /* empty */
    if (w->nfc.len > n) {
        if (tt_buf_append(&w->raw, w->nfc.data + n, w->nfc.len - n))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        w->nfc.len = n;
        w->nfc.data[n] = '\0';
    }
    return 0;
}

/* The piece w->raw[0..n) (taken out of w->raw) through normalize, tokenize, match and count. */
static int
process_piece(tt_worker *w, docstate *ds, size_t n, tt_error *err)
{
    int rc;
    double t0 = tt_now_seconds();
    if ((rc = take_piece(w, n, err)))
        return rc;
    if (ds->first_piece) {
        ds->first_piece = 0;
        tt_script decl = ds->d->script;
        if (decl == TT_SCRIPT_ANY || (decl == TT_SCRIPT_LATN && ds->d->lang == TT_LANG_KK)) {
            /* detected only where the manifest leaves it open (a declared script is used as is) */
            int conf = 100;
            ds->script = tt_norm_detect_script(w->nz, ds->d->lang, w->nfc.data, w->nfc.len, &conf);
            ds->script_conf = conf;
        } else {
            ds->script = decl;
            ds->script_conf = 100;
        }
    }
    double t1 = tt_now_seconds();
    w->doc.normalize += t1 - t0;
    tt_matcher_set_script(w->mt, ds->script);
    tt_tokseq_reset(&w->ts);
    if ((rc = tt_tokenize(w->tk, w->nz, ds->d->lang, ds->script, w->nfc.data, w->nfc.len, ds->nfc_total,
                          tt_matcher_known, w->mt, &w->ts, err)))
        return rc;
    double t2 = tt_now_seconds();
    w->doc.tokenize += t2 - t1;
    w->nhits = 0;
    if ((rc = tt_matcher_run(w->mt, ds->d->lang, &w->ts, w->opts.overlap, &w->hits, &w->nhits,
                             &w->caphits, err)))
        return rc;
    /* tt_norm_nfc's output is well-formed UTF-8 (its own check, or ICU's conversion with U+FFFD) */
    if ((rc = tt_rolefinder_piece_utf8(w->rf, w->nfc.data, w->nfc.len, ds->nfc_total, &w->ts, err)))
        return rc;
    double t3 = tt_now_seconds();
    w->doc.match += t3 - t2;
    size_t kw = w->opts.count.kwic_chars ? w->opts.count.kwic_chars : 40;
    size_t fpos = 0; /* page: form feeds before a hit (tt/read.h) */
    uint32_t page = ds->page;
    for (size_t i = 0; i < w->nhits; i++) {
        const tt_hit *h = &w->hits[i];
        const tt_token *a = &w->ts.tok[h->first], *b = &w->ts.tok[h->last];
        size_t s = (size_t)(a->start - ds->nfc_total), e = (size_t)(b->end - ds->nfc_total), ps, pe;
        page += ds->page ? tt_count_ff(w->nfc.data, &fpos, s) : 0;
        tt_buf_reset(&w->left);
        tt_buf_reset(&w->right);
        tt_buf_reset(&w->form);
        const char *mf = w->ts.forms.data + a->match_off;
        size_t fa = 0, fb = a->match_len;
        if (h->part && tt_hyphen_part(w->nfc.data + s, e - s, h->part, &ps, &pe) &&
            tt_hyphen_part(mf, a->match_len, h->part, &fa, &fb)) { /* a part of a hyphenated word */
            e = s + pe;
            s += ps;
            if (tt_buf_append(&w->form, mf + fa, fb - fa))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        if (tt_kwic(w->nfc.data, w->nfc.len, s, e, kw, &w->left, &w->right))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        for (uint32_t t = h->first; !h->part && t <= h->last; t++) {
            if (t > h->first && tt_buf_putc(&w->form, ' '))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            const tt_token *tk = &w->ts.tok[t];
            if (tt_buf_append(&w->form, w->ts.forms.data + tk->match_off, tk->match_len))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        tt_entry_info ei;
        tt_lexicon_entry(w->lx, h->entry, &ei);
        tt_role role;
        if ((rc = tt_rolefinder_role(w->rf, h->first, &role, err)))
            return rc;
        tt_dochit dh = {
            .role = role,
            .name = h->name,
            .concept_id = w->concept_ids[h->concept],
            .concept = h->concept,
            .entry = ei.text,
            .tok_first = ds->tok_total + h->first,
            .tok_last = ds->tok_total + h->last,
            .start = ds->nfc_total + s,
            .end = ds->nfc_total + e,
            .sent = a->sent,
            .para = a->para,
            .article = a->article,
            .article_label = tt_tokseq_article_label(&w->ts, a->article),
            .surface = w->nfc.data + s,
            .surface_len = e - s,
            .left = w->left.data ? w->left.data : "",
            .left_len = w->left.len,
            .right = w->right.data ? w->right.data : "",
            .right_len = w->right.len,
            .form = w->form.data ? w->form.data : "",
            .form_len = w->form.len,
            .page = page,
        };
        if ((rc = tt_counter_hit(w->ct, &dh, err)))
            return rc;
    }
    if (w->opts.count.vocab) {
        for (size_t i = 0; i < w->ts.ntok; i++) {
            const tt_token *tk = &w->ts.tok[i];
            const char *term = w->ts.forms.data + tk->match_off;
            size_t tl = tk->match_len;
            if (!w->opts.count.count_all) {
                tt_role role;
                if ((rc = tt_rolefinder_role(w->rf, i, &role, err)))
                    return rc;
                if (role != TT_ROLE_TEXT) {
                    /* the vocabulary and the collocates count what the document uses: no n-gram spans the
                       gap, and a word of a quotation or a note is no concept's company */
                    ds->gap = 1;
                    continue;
                }
            }
            tt_docword dw = {.tok = ds->tok_total + i, .sent = tk->sent, .flags = tk->flags,
                             .surface = w->nfc.data + (tk->start - ds->nfc_total),
                             .surface_len = (size_t)(tk->end - tk->start), .gap = ds->gap};
            if (tl) {
                dw.stop = tt_stoplist_has(w->stop, ds->d->lang, term, tl);
                if (w->st) {
                    tt_buf_reset(&w->term);
                    if ((rc = tt_stem_word(w->st, ds->d->lang, term, tl, tk->flags, &w->term, err)))
                        return rc;
                    term = w->term.data;
                    tl = w->term.len;
                }
            }
            dw.term = term;
            dw.n = tl;
            if ((rc = tt_counter_word(w->ct, &dw, err)))
                return rc;
            ds->gap = 0;
        }
        if ((rc = tt_counter_flush(w->ct, 0, err)))
            return rc;
    }
    w->doc.count += tt_now_seconds() - t3;
    if (ds->page)
        ds->page = page + tt_count_ff(w->nfc.data, &fpos, w->nfc.len);
    ds->nfc_total += w->nfc.len;
    ds->tok_total += w->ts.ntok;
    return 0;
}

static int
finish(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, const tt_decode_info *info,
       const tt_read_doc *rd, const docstate *ds, tt_doc_outcome outcome, const char *status, tt_buf *out,
       tt_error *err)
{
    size_t nc = tt_manifest_ncols(m);
    const char **keys = malloc((nc + 1) * sizeof *keys), **vals = malloc((nc + 1) * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    /* doc_id first, then the other columns in manifest order */
    size_t nm = 0;
    keys[nm] = "doc_id";
    vals[nm++] = d->doc_id;
    for (size_t j = 0; j < nc; j++)
        if (strcmp(tt_manifest_col(m, j), "doc_id") != 0) {
            keys[nm] = tt_manifest_col(m, j);
            const char *fv = d->values[j][0] || !rd ? NULL : tt_read_meta(rd, keys[nm]); /* front matter */
            vals[nm++] = fv ? fv : d->values[j];
        }
    /* Each number gets its own slot, named by its index in tt_stat_keys (initialisers are not sequenced). */
    char num[TT_NSTAT][24];
#define NUM(i, v) (snprintf(num[i], sizeof num[i], "%llu", (unsigned long long)(v)), num[i])
    const tt_tokseq *ts = &w->ts;
    char conf[8];
    snprintf(conf, sizeof conf, "%d", info ? info->confidence : 0);
    char sconf[8];
    snprintf(sconf, sizeof sconf, "%d", ds->script_conf);
    /* warnings: each "what: detail", joined by "; " (docs.tsv `warnings`, run.json per_document) */
    char warn[1000] = "";
    if (info && info->mismatch[0] && strcmp(info->encoding, "UTF-8") != 0)
        snprintf(warn, sizeof warn,
                 "encoding: declared %s, but the bytes look like %s (%s); decoded as declared: fix or clear the "
                 "'encoding' column",
                 info->encoding, info->mismatch, info->mismatch_why);
    if (ds->markup[0])
        snprintf(warn + strlen(warn), sizeof warn - strlen(warn), "%smarkup: %s", warn[0] ? "; " : "", ds->markup);
    const char *sv[TT_NSTAT] = {
        info ? info->sha256 : "",
        NUM(1, info ? info->raw_bytes : 0),
        NUM(2, ds->nfc_total),
        NUM(3, ds->tok_total),
        NUM(4, ds->tok_total ? ts->sentences : 0),
        NUM(5, ts->narticles),
        NUM(6, ds->tok_total ? ts->paragraphs : 0),
        status,
        info ? info->encoding : "",
        info ? info->method : "",
        conf,
        info ? info->runner_up : "",
        info && info->gzip ? "1" : "0",
        tt_script_name(ds->script),
        sconf,
        NUM(15, ts->homoglyph_repairs),
        NUM(16, ts->mixed_unrepaired),
        NUM(17, ts->hyphen_joins),
        NUM(18, ts->line_joins),
        NUM(19, info ? info->replaced : 0),
        info && tt_decode_degraded(d->lang, info->encoding) ? "1" : "0",
        info ? info->format : "",
        info && info->page_count ? NUM(22, info->page_count) : "",
        warn,
    };
#undef NUM
    tt_doc_stats(outcome, sv); /* the one policy for skipped documents (tt/docpolicy.h) */
    int rc = tt_counter_end(w->ct, keys, vals, nm, tt_stat_keys, sv, TT_NSTAT, out, err);
    free(keys);
    free(vals);
    return rc;
}

static int doc_run(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, const void *bytes, size_t nbytes,
                   const char *sha256, tt_buf *out, tt_error *err);

int
tt_worker_doc(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, tt_buf *out, tt_error *err)
{
    return doc_run(w, m, d, NULL, 0, NULL, out, err);
}

int
tt_worker_doc_bytes(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, const void *bytes, size_t n,
                    const char *sha256, tt_buf *out, tt_error *err)
{
    return doc_run(w, m, d, bytes ? bytes : "", n, sha256, out, err);
}

static int
doc_stages(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, const void *bytes, size_t nbytes,
           const char *sha256, tt_buf *out, tt_error *err)
{
    if (!w->mt)
        return tt_error_set(err, TT_EUSAGE, "worker used before tt_worker_bind");
    tt_decode_opts dop = w->opts.decode;
    dop.mem_sha256 = sha256;
    if (d->encoding[0])
        dop.encoding = d->encoding;
    if (d->format)
        dop.format = d->format;
    if (d->html_select && d->html_select[0])
        dop.html_select = d->html_select;
    tt_decoder *dec = NULL;
    docstate ds = {.d = d, .script = d->script, .first_piece = 1};
    tt_tokseq_reset_doc(&w->ts);
    tt_counter_begin(w->ct);
    tt_rolefinder_begin(w->rf, d->lang);
    tt_matcher_names_reset(w->mt);
    tt_buf_reset(&w->raw);
    double t0 = tt_now_seconds();
    int rc = bytes ? tt_decoder_open_mem(&dec, bytes, nbytes, d->fullpath, &dop, err)
                   : tt_decoder_open(&dec, d->fullpath, &dop, err);
    w->doc.decode += tt_now_seconds() - t0;
    size_t piece = w->opts.piece_size;
    int eof = 0;
    ds.page = dec && tt_decoder_info(dec)->page_count ? 1 : 0;
    while (!rc && !eof) {
        t0 = tt_now_seconds();
        int r = tt_decoder_read(dec, &w->raw, err);
        w->doc.decode += tt_now_seconds() - t0;
        if (r < 0) {
            rc = r;
            break;
        }
        eof = r == 0;
        if (!ds.markup[0] && ds.nfc_total == 0 && w->raw.len) {
            char why[160];
            const char *kind = tt_markup_guess(w->raw.data, w->raw.len < 65536 ? w->raw.len : 65536, why, sizeof why);
            if (kind)
                snprintf(ds.markup, sizeof ds.markup, "looks like %s (%s): its tags and scripts are counted as words; convert it to plain text",
                         kind, why);
        }
        size_t cut;
        while (!rc && w->raw.len > 0 && (cut = tt_piece_cut(w->raw.data, w->raw.len, piece, eof)) > 0)
            rc = process_piece(w, &ds, cut, err); /* takes the piece out of w->raw */
    }
    const tt_decode_info *info = dec ? tt_decoder_info(dec) : NULL;
    if (rc == TT_ENOMEM) {
        tt_decoder_free(dec);
        return rc;
    }
    /* the status and what a skipped document reports: tt/docpolicy.h, shared with the stage programs */
    int outcome;
    if (rc) {
        outcome = tt_doc_failed_status(err, &w->status);
        if (outcome == 0)
            outcome = tt_doc_status(w->status.data, 0, 0, &w->status);
        if (!err->path[0])
            tt_error_at(err, d->fullpath, err->line, err->column);
        /* A skipped document counts nothing. */
        tt_counter_begin(w->ct);
        tt_tokseq_reset_doc(&w->ts);
        ds.nfc_total = ds.tok_total = 0;
    } else {
        outcome = tt_doc_status(NULL, ds.tok_total, ds.nfc_total, &w->status);
        if (outcome == TT_DOC_EMPTY) {
            tt_error_clear(err);
            tt_error_set(err, TT_EEMPTY, "%s", w->status.data + strlen("skipped: "));
            tt_error_at(err, d->fullpath, 0, 0);
            tt_counter_begin(w->ct);
        }
        if (outcome == TT_DOC_OK) { /* one sense per document: the names it uses mid-sentence */
            const uint32_t *keys;
            size_t nk = tt_matcher_names(w->mt, &keys);
            for (size_t i = 0; i < nk && outcome >= 0; i++)
                if (tt_counter_name(w->ct, keys[i], err))
                    outcome = -1;
        }
    }
    if (outcome < 0) { /* a record without its status would be silently wrong */
        tt_decoder_free(dec);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    int skipped = outcome != TT_DOC_OK;
    t0 = tt_now_seconds();
    rc = finish(w, m, d, info, tt_decoder_doc(dec), &ds, (tt_doc_outcome)outcome, w->status.data, out, err);
    w->doc.count += tt_now_seconds() - t0;
    tt_decoder_free(dec);
    if (rc)
        return rc;
    return skipped;
}

static int
doc_run(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, const void *bytes, size_t nbytes,
        const char *sha256, tt_buf *out, tt_error *err)
{
    double c0 = now_cpu();
    int rc = doc_stages(w, m, d, bytes, nbytes, sha256, out, err);
    doc_fold(w, now_cpu() - c0);
    return rc;
}
