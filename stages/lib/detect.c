/* detect.c - a document's manifest fields from its first 64 KiB, and a corpus manifest built or
 * completed from them (see tt/detect.h). */
#include "tt/detect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tt/corpuswalk.h"
#include "tt/decode.h"
#include "tt/norm.h"

struct tt_detector {
    tt_langid *li;
    tt_heading *hd;
    tt_normalizer *nz;
    tt_buf text;
};

int
tt_detector_new(tt_detector **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    tt_detector *d = calloc(1, sizeof *d);
    if (!d)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    int rc = tt_langid_new(&d->li, data_dir, err);
    if (!rc)
        rc = tt_heading_new(&d->hd, data_dir, err);
    if (!rc)
        rc = tt_normalizer_new(&d->nz, data_dir, err);
    if (rc) {
        tt_detector_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

void
tt_detector_free(tt_detector *d)
{
    if (!d)
        return;
    tt_langid_free(d->li);
    tt_heading_free(d->hd);
    tt_normalizer_free(d->nz);
    tt_buf_free(&d->text);
    free(d);
}

int
tt_detect_text(tt_detector *d, const char *s, size_t n, tt_doc_detect *out, tt_error *err)
{
    tt_langid_detect(d->li, d->nz, s, n, &out->lang);
    out->prefix_bytes = n;
    return tt_heading_extract(d->hd, out->lang.lang, s, n, &out->head, err);
}

int
tt_detect_file(tt_detector *d, const char *path, const char *encoding, tt_doc_detect *out,
               tt_error *err)
{
    memset(out, 0, sizeof *out);
    tt_decode_opts o = {.encoding = encoding, .chunk_size = TT_DETECT_PREFIX};
    tt_decoder *dec = NULL;
    tt_buf_reset(&d->text);
    int rc = tt_decoder_open(&dec, path, &o, &out->err);
    if (!rc) {
        rc = tt_decoder_read(dec, &d->text, &out->err);
        rc = rc > 0 ? 0 : rc;
    }
    if (dec) {
        const tt_decode_info *inf = tt_decoder_info(dec);
        snprintf(out->encoding, sizeof out->encoding, "%s", inf->encoding);
        snprintf(out->enc_method, sizeof out->enc_method, "%s", inf->method);
        out->encoding_sure = inf->detected && strcmp(inf->method, "ascii") != 0 && !inf->ambiguous;
    }
    tt_decoder_free(dec);
    if (rc == TT_ENOMEM)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    size_t n = d->text.len;
    if (rc) {
        out->status = rc;
        out->encoding_sure = 0;
        n = 0;
    }
    rc = tt_detect_text(d, d->text.data ? d->text.data : "", n, out, err);
    out->status = out->status ? out->status : 0;
    return rc;
}

/* ---- manifests
 * ------------------------------------------------------------------------------------------- */

static const char *const detectable[] = {"lang",  "script", "date",        "doc_type",
                                         "title", "number", "version_date"};
#define NDET (sizeof detectable / sizeof detectable[0])

/* The detected value of field name for one document ("" = nothing found). */
static const char *
value_of(const tt_doc_detect *dd, const char *name, char *tmp, size_t cap)
{
    if (!strcmp(name, "lang"))
        return dd->lang.code;
    if (!strcmp(name, "script"))
        return tt_script_name(dd->lang.script);
    for (int f = 0; f < TT_HF_COUNT; f++)
        if (!strcmp(name, tt_heading_field_name(f)))
            return dd->head.value[f];
    if (!strcmp(name, "encoding")) {
        snprintf(tmp, cap, "%s", dd->encoding_sure ? dd->encoding : "");
        return tmp;
    }
    return "";
}

static void
warn_doc(tt_detect_warn_fn warn, void *ctx, const char *path, const tt_doc_detect *dd)
{
    if (!warn)
        return;
    tt_error w;
    tt_error_clear(&w);
    if (dd->status) {
        tt_error_set(&w, dd->status, "language not detected (und): %s", dd->err.msg);
    } else if (dd->lang.lang == TT_LANG_OTHER) {
        tt_error_set(&w, TT_EUSAGE,
                     "language not detected (und): %s; set lang in a manifest to count it",
                     dd->lang.why_und);
    } else {
        return;
    }
    tt_error_at(&w, path, 0, 0);
    warn(ctx, &w);
}

static int
put_cell(tt_buf *b, const char *s, int tab)
{
    return (tab && tt_buf_putc(b, '\t')) || tt_buf_put_tsv(b, s, strlen(s)) ? TT_ENOMEM : 0;
}

typedef struct wctx {
    tt_detect_warn_fn warn;
    void *ctx;
} wctx;

static void
walk_warn(void *ctx, const tt_error *w)
{
    wctx *c = ctx;
    if (c->warn)
        c->warn(c->ctx, w);
}

static int
build_from_walk(tt_detector *d, const char *dir, tt_buf *out, tt_detect_warn_fn warn, void *ctx,
                tt_error *err)
{
    tt_walk_file *files = NULL;
    size_t nf = 0;
    wctx wc = {warn, ctx};
    int rc = tt_corpus_walk(dir, &files, &nf, walk_warn, &wc, err);
    if (rc)
        return rc;
    if (nf == 0) {
        tt_error_set(err, TT_EUSAGE,
                     "no documents: the folder has no manifest.tsv and no files (hidden files are "
                     "skipped); add "
                     "documents or write a manifest");
        tt_error_at(err, dir, 0, 0);
        return TT_EUSAGE;
    }
    static const char *const cols[] = {"doc_id",
                                       "path",
                                       "lang",
                                       "script",
                                       "date",
                                       "doc_type",
                                       "title",
                                       "number",
                                       "version_date",
                                       "encoding",
                                       "detected",
                                       "lang_confidence",
                                       "script_confidence",
                                       "evidence"};
    for (size_t j = 0; j < sizeof cols / sizeof cols[0] && !rc; j++)
        rc = put_cell(out, cols[j], j > 0);
    if (!rc)
        rc = tt_buf_putc(out, '\n');
    tt_doc_detect *dd = malloc(sizeof *dd);
    tt_buf full = {0}, det = {0}, ev = {0};
    if (!dd)
        rc = TT_ENOMEM;
    for (size_t i = 0; i < nf && !rc; i++) {
        tt_buf_reset(&full);
        if (tt_buf_printf(&full, "%s/%s", dir, files[i].path)) {
            rc = TT_ENOMEM;
            break;
        }
        if ((rc = tt_detect_file(d, full.data, NULL, dd, err)))
            break;
        warn_doc(warn, ctx, full.data, dd);
        rc = put_cell(out, files[i].doc_id, 0) || put_cell(out, files[i].path, 1) ? TT_ENOMEM : 0;
        tt_buf_reset(&det);
        char tmp[64];
        static const char *const fields[] = {"lang",  "script", "date",         "doc_type",
                                             "title", "number", "version_date", "encoding"};
        for (size_t j = 0; j < sizeof fields / sizeof fields[0] && !rc; j++) {
            const char *v = value_of(dd, fields[j], tmp, sizeof tmp);
            rc = put_cell(out, v, 1);
            if (!rc && *v && (det.len ? tt_buf_putc(&det, ',') : 0) == 0 &&
                tt_buf_puts(&det, fields[j]))
                rc = TT_ENOMEM;
        }
        tt_buf_reset(&ev);
        if (!rc && dd->status) {
            rc = tt_buf_printf(&ev, "not read: %s", dd->err.msg) ? TT_ENOMEM : 0;
        } else if (!rc) {
            rc = tt_langid_evidence(d->li, &dd->lang, &ev);
            if (!rc && dd->encoding[0])
                rc = tt_buf_printf(&ev, "; encoding %s (%s)", dd->encoding, dd->enc_method)
                         ? TT_ENOMEM
                         : 0;
            for (int f = 0; f < TT_HF_COUNT && !rc; f++)
                if (dd->head.row[f] >= 0) {
                    tt_heading_rule_info ri;
                    tt_heading_rule(d->hd, (size_t)dd->head.row[f], &ri);
                    const char *base = strrchr(ri.file, '/');
                    rc = tt_buf_printf(&ev, "; %s by %s:%llu", tt_heading_field_name(f),
                                       base ? base + 1 : ri.file, (unsigned long long)ri.line)
                             ? TT_ENOMEM
                             : 0;
                }
        }
        char lc[16], sc[16];
        snprintf(lc, sizeof lc, "%d", dd->lang.confidence);
        snprintf(sc, sizeof sc, "%d", dd->lang.script_confidence);
        if (!rc && (put_cell(out, det.data ? det.data : "", 1) || put_cell(out, lc, 1) ||
                    put_cell(out, sc, 1) || put_cell(out, ev.data ? ev.data : "", 1) ||
                    tt_buf_putc(out, '\n')))
            rc = TT_ENOMEM;
    }
    free(dd);
    tt_buf_free(&full);
    tt_buf_free(&det);
    tt_buf_free(&ev);
    tt_corpus_walk_free(files, nf);
    return rc == TT_ENOMEM ? tt_error_set(err, TT_ENOMEM, "out of memory") : rc;
}

/* Splits line s[0..n) at tabs into cells (pointers into s); returns the count (at most cap). */
static size_t
cells(const char *s, size_t n, const char **c, size_t *cl, size_t cap)
{
    size_t k = 0, st = 0;
    for (size_t i = 0; i <= n && k < cap; i++)
        if (i == n || s[i] == '\t') {
            c[k] = s + st;
            cl[k++] = i - st;
            st = i + 1;
        }
    return k;
}

#define MAXCOLS 256

/* 1 if name is an item of the comma-separated list in b */
static int
listed(const tt_buf *b, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + k <= b->len; i++)
        if ((i == 0 || b->data[i - 1] == ',') && !memcmp(b->data + i, name, k) &&
            (i + k == b->len || b->data[i + k] == ','))
            return 1;
    return 0;
}

static int
fill_manifest(tt_detector *d, const char *dir, const char *text, size_t n, tt_buf *out,
              int *changed, tt_detect_warn_fn warn, void *ctx, tt_error *err)
{
    const char *c[MAXCOLS];
    size_t cl[MAXCOLS], nc = 0;
    long want[MAXCOLS], c_path = -1, c_enc = -1, c_det = -1;
    int header = 0, rc = 0;
    *changed = d != NULL;
    /* pass 0: is there anything to detect? pass 1: write the manifest with those cells filled */
    for (int pass = d ? 1 : 0; pass < (d ? 2 : 1) && !rc; pass++) {
        size_t pos = 0;
        header = 0;
        tt_buf_reset(out);
        tt_buf cell = {0}, full = {0}, det = {0};
        tt_doc_detect *dd = pass ? malloc(sizeof *dd) : NULL;
        if (pass && !dd)
            rc = TT_ENOMEM;
        while (pos < n && !rc) {
            const char *ls = text + pos, *le = memchr(ls, '\n', n - pos);
            size_t ll = le ? (size_t)(le - ls) : n - pos, body = ll;
            pos += ll + (le != NULL);
            if (body && ls[body - 1] == '\r')
                body--;
            if (!header && body == 0) {
                if (pass && tt_buf_append(out, ls, ll + (le != NULL)))
                    rc = TT_ENOMEM;
                continue;
            }
            if (!header) {
                header = 1;
                nc = cells(ls, body, c, cl, MAXCOLS);
                for (size_t j = 0; j < nc; j++) {
                    want[j] = -1;
                    for (size_t k = 0; k < NDET; k++)
                        if (cl[j] == strlen(detectable[k]) && !memcmp(c[j], detectable[k], cl[j]))
                            want[j] = (long)k;
                    if (cl[j] == 4 && !memcmp(c[j], "path", 4))
                        c_path = (long)j;
                    if (cl[j] == 8 && !memcmp(c[j], "encoding", 8))
                        c_enc = (long)j;
                    if (cl[j] == 8 && !memcmp(c[j], "detected", 8))
                        c_det = (long)j;
                }
                if (pass && (tt_buf_append(out, ls, body) ||
                             (c_det < 0 && tt_buf_puts(out, "\tdetected")) ||
                             tt_buf_append(out, ls + body, ll - body + (le != NULL))))
                    rc = TT_ENOMEM;
                continue;
            }
            const char *rc_[MAXCOLS];
            size_t rl[MAXCOLS];
            size_t k = cells(ls, body, rc_, rl, MAXCOLS);
            int empty = 0;
            if (k == nc && body && ls[0] != '#')
                for (size_t j = 0; j < nc; j++)
                    empty |= want[j] >= 0 && rl[j] == 0;
            if (!pass) {
                if (empty) {
                    *changed = 1;
                    break;
                }
                continue;
            }
            if (!empty ||
                c_path < 0) { /* comments, malformed rows: as written (the parser reports them) */
                if (tt_buf_append(out, ls, body) ||
                    (k == nc && body && ls[0] != '#' && c_det < 0 && tt_buf_putc(out, '\t')) ||
                    tt_buf_append(out, ls + body, ll - body + (le != NULL)))
                    rc = TT_ENOMEM;
                continue;
            }
            tt_buf_reset(&cell);
            tt_buf_reset(&full);
            tt_buf enc = {0};
            if (tt_tsv_unescape(&cell, rc_[c_path], rl[c_path]) == TT_ENOMEM ||
                tt_buf_printf(&full, "%s/%s", dir, cell.data ? cell.data : "") ||
                (c_enc >= 0 && tt_tsv_unescape(&enc, rc_[c_enc], rl[c_enc]) == TT_ENOMEM)) {
                tt_buf_free(&enc);
                rc = TT_ENOMEM;
                break;
            }
            rc = tt_detect_file(d, full.data,
                                enc.data && tt_encoding_canonical(enc.data) ? enc.data : NULL, dd,
                                err);
            tt_buf_free(&enc);
            if (rc)
                break;
            tt_buf_reset(&det);
            /* a kept draft already says what was detected: keep that, add what is detected now */
            if (c_det >= 0 && tt_buf_append(&det, rc_[c_det], rl[c_det])) {
                rc = TT_ENOMEM;
                break;
            }
            const char *v[MAXCOLS];
            for (size_t j = 0; j < nc && !rc; j++) {
                v[j] = NULL;
                if (want[j] < 0 || rl[j])
                    continue;
                char tmp[8];
                v[j] = value_of(dd, detectable[want[j]], tmp, sizeof tmp);
                if (want[j] == 0 && !*v[j])
                    v[j] = "und";
                if (*v[j] && !listed(&det, detectable[want[j]]) &&
                    ((det.len && tt_buf_putc(&det, ',')) || tt_buf_puts(&det, detectable[want[j]])))
                    rc = TT_ENOMEM;
            }
            for (size_t j = 0; j < nc && !rc; j++) {
                if (j && tt_buf_putc(out, '\t'))
                    rc = TT_ENOMEM;
                else if ((long)j == c_det)
                    rc = tt_buf_append(out, det.data ? det.data : "", det.len) ? TT_ENOMEM : 0;
                else if (v[j])
                    rc = put_cell(out, v[j], 0);
                else
                    rc = tt_buf_append(out, rc_[j], rl[j]) ? TT_ENOMEM : 0;
            }
            if (!rc && c_det < 0 &&
                (tt_buf_putc(out, '\t') || tt_buf_put_tsv(out, det.data ? det.data : "", det.len)))
                rc = TT_ENOMEM;
            if (!rc && tt_buf_append(out, ls + body, ll - body + (le != NULL)))
                rc = TT_ENOMEM;
            if (!rc)
                warn_doc(warn, ctx, full.data, dd);
        }
        free(dd);
        tt_buf_free(&cell);
        tt_buf_free(&full);
        tt_buf_free(&det);
    }
    return rc == TT_ENOMEM ? tt_error_set(err, TT_ENOMEM, "out of memory") : rc;
}

int
tt_detect_manifest_text(const char *dir, const char *manifest_path, const char *data_dir,
                        tt_buf *out, int *changed, tt_detect_warn_fn warn, void *ctx, tt_error *err)
{
    *changed = 0;
    tt_buf path = {0};
    if (manifest_path ? tt_buf_puts(&path, manifest_path)
                      : tt_buf_printf(&path, "%s/manifest.tsv", dir))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    size_t n = 0;
    char *text = tt_file_read(path.data, &n);
    int rc = 0;
    if (!text && (manifest_path || (errno != ENOENT && errno != ENOTDIR))) {
        tt_error_set(err, TT_EIO, "cannot open manifest");
        rc = tt_error_at(err, path.data, 0, 0);
        tt_buf_free(&path);
        return rc;
    }
    tt_buf_free(&path);
    tt_detector *d = NULL;
    if (!text) {
        struct stat st;
        int sr = stat(dir, &st);
        if (sr != 0 || !S_ISDIR(st.st_mode)) {
            if (sr == 0)
                errno = ENOTDIR;
            tt_error_set(err, TT_EIO, "cannot open the corpus folder");
            return tt_error_at(err, dir, 0, 0);
        }
        *changed = 1;
        if (!(rc = tt_detector_new(&d, data_dir, err)))
            rc = build_from_walk(d, dir, out, warn, ctx, err);
    } else {
        tt_buf_reset(out);
        if ((rc = fill_manifest(NULL, dir, text, n, out, changed, warn, ctx, err)) == 0 &&
            *changed) {
            if (!(rc = tt_detector_new(&d, data_dir, err)))
                rc = fill_manifest(d, dir, text, n, out, changed, warn, ctx, err);
        } else if (!rc) {
            tt_buf_reset(out);
            rc = tt_buf_append(out, text, n) ? tt_error_set(err, TT_ENOMEM, "out of memory") : 0;
        }
    }
    tt_detector_free(d);
    free(text);
    return rc;
}

int
tt_detect_manifest_load(tt_manifest **out, const char *dir, const char *manifest_path,
                        int allow_outside, const char *data_dir, tt_detect_warn_fn warn, void *ctx,
                        tt_error *err)
{
    *out = NULL;
    tt_buf text = {0};
    int changed = 0;
    int rc = tt_detect_manifest_text(dir, manifest_path, data_dir, &text, &changed, warn, ctx, err);
    if (!rc && !changed) {
        tt_buf_free(&text);
        return tt_manifest_load(out, dir, manifest_path, allow_outside, err);
    }
    if (!rc) {
        tt_buf name = {0};
        int have = 0;
        if (manifest_path) {
            rc = tt_buf_puts(&name, manifest_path);
        } else {
            struct stat st;
            tt_buf_printf(&name, "%s/manifest.tsv", dir);
            have = stat(name.data, &st) == 0;
            tt_buf_reset(&name);
            rc = have ? tt_buf_printf(&name, "%s/manifest.tsv", dir)
                      : tt_buf_printf(&name, "%s (no manifest.tsv: detected)", dir);
        }
        if (rc)
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        else
            rc = tt_manifest_parse(out, dir, name.data, text.data ? text.data : "", text.len,
                                   allow_outside, err);
        tt_buf_free(&name);
    }
    tt_buf_free(&text);
    return rc;
}
