/* manifest.c - loads and checks a corpus manifest (see tt/manifest.h). */
#include "tt/sha256.h"
#include "tt/manifest.h"

#include "tt/docpolicy.h"

#include "tt/decode.h"
#include "tt/read.h"
#include "tt/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct tt_manifest {
    char **cols;
    size_t ncols;
    tt_mdoc *docs;
    size_t ndocs, capdocs;
    char *pool;  /* all strings, back to back (owned) */
    char sha256[65];
    tt_buf strings; /* building area for pool */
};

/* Strings are first collected as offsets into m->strings, then fixed up to pointers once the pool stops
 * moving. During parsing, pointers hold (offset + 1) cast to char *. */
#define OFF(p) ((size_t)(uintptr_t)(p)-1)

static char *
keep(tt_manifest *m, const char *s, size_t n, int *rc)
{
    size_t off = m->strings.len;
    if (tt_buf_append(&m->strings, s, n) || tt_buf_putc(&m->strings, 0)) {
        *rc = TT_ENOMEM;
        return NULL;
    }
    return (char *)(uintptr_t)(off + 1);
}

static int
cmp_doc(const void *a, const void *b)
{
    return strcmp(((const tt_mdoc *)a)->doc_id, ((const tt_mdoc *)b)->doc_id);
}

static int fail(tt_error *err, const char *name, uint64_t line, uint64_t col, int code, const char *fmt, ...)
    TT_PRINTF(6, 7);

static int
fail(tt_error *err, const char *name, uint64_t line, uint64_t col, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    tt_error_at(err, name, line, col);
    return code;
}

/* The `format` and `html_select` columns (tt/read.h). */
static int
read_columns(tt_mdoc *d, const char *fmt, const char *sel, const char *name, tt_error *err)
{
    int f = tt_format_parse(fmt, strlen(fmt));
    if (f < 0)
        return fail(err, name, d->line, 0, TT_ESYNTAX, "unknown format '%s' (txt, html, docx, odt, pdf, md or empty "
                    "to detect it from the bytes)", fmt);
    d->format = f;
    d->html_select = sel;
    tt_error xe;
    tt_error_clear(&xe);
    if (sel[0] && !tt_read_xpath_ok(sel, &xe))
        return fail(err, name, d->line, 0, TT_ESYNTAX, "html_select: %s", xe.msg);
    return 0;
}

static int
valid_date(const char *s, int *year)
{
    size_t n = strlen(s);
    if (n == 0) {
        *year = 0;
        return 1;
    }
    if (n != 4 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    *year = atoi(s);
    if (n == 10) {
        int mo = atoi(s + 5), d = atoi(s + 8);
        if (mo < 1 || mo > 12 || d < 1 || d > 31)
            return 0;
    }
    return 1;
}

/* The real paths outside() has resolved: the corpus folder's (once) and the last document folder's, so that a
 * manifest of thousands of documents in a few folders costs one lstat per document instead of a realpath (a
 * readlink per path component); the lstat is an fstatat relative to the folder's descriptor, which spares the
 * kernel the walk down the folder's path for each document (1,004 documents: 1.0 -> 0.7 ms). */
typedef struct realcache {
    int have_dir;        /* 1: dir_real is set; -1: dir does not resolve */
    char dir_real[PATH_MAX];
    char parent[PATH_MAX]; /* the last document folder asked (as written), "" = none */
    int parent_ok;
    int parent_fd; /* O_PATH descriptor of parent, or -1 (then lstat of the whole path) */
    char parent_real[PATH_MAX];
} realcache;

/* realpath(fullpath) through the cache: the folder's real path (cached) + the file name when the file itself
 * is not a symbolic link; realpath itself otherwise. 0 when it does not resolve (missing). *size: the file's size
 * when the lstat found a regular file, else left as it is. */
static int
real_of(realcache *rc, const char *fullpath, char out[PATH_MAX], int64_t *size)
{
    const char *slash = strrchr(fullpath, '/');
    size_t pl = slash ? (size_t)(slash - fullpath) : 0;
    struct stat st;
    if (!slash || pl == 0 || pl >= PATH_MAX || !slash[1] || !strcmp(slash + 1, ".") || !strcmp(slash + 1, ".."))
        return realpath(fullpath, out) != NULL;
    if (strlen(rc->parent) != pl || memcmp(rc->parent, fullpath, pl) != 0) {
        memcpy(rc->parent, fullpath, pl);
        rc->parent[pl] = 0;
        rc->parent_ok = realpath(rc->parent, rc->parent_real) != NULL;
        if (rc->parent_fd >= 0)
            close(rc->parent_fd);
        rc->parent_fd = open(rc->parent, O_PATH | O_DIRECTORY | O_CLOEXEC);
    }
    if ((rc->parent_fd >= 0 ? fstatat(rc->parent_fd, slash + 1, &st, AT_SYMLINK_NOFOLLOW) : lstat(fullpath, &st)) !=
            0 ||
        S_ISLNK(st.st_mode))
        return realpath(fullpath, out) != NULL;
    if (S_ISREG(st.st_mode))
        *size = (int64_t)st.st_size;
    if (!rc->parent_ok)
        return realpath(fullpath, out) != NULL;
    int n = snprintf(out, PATH_MAX, "%s/%s", strcmp(rc->parent_real, "/") ? rc->parent_real : "", slash + 1);
    return n > 0 && n < PATH_MAX ? 1 : realpath(fullpath, out) != NULL;
}

/* Checks that path stays inside dir: not absolute, no ".." component, and (if the file exists) its real path
 * is under dir's real path. Returns NULL if fine, else a reason. *size as real_of. */
static const char *
outside(realcache *rc, const char *dir, const char *path, const char *fullpath, int64_t *size)
{
    if (path[0] == '/')
        return "absolute path";
    for (const char *p = path; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return "path leaves the corpus folder ('..')";
        p += n + (e != NULL);
    }
    char rf[PATH_MAX];
    if (!real_of(rc, fullpath, rf, size))
        return NULL; /* missing: reported per document when it is read */
    if (!rc->have_dir)
        rc->have_dir = realpath(dir, rc->dir_real) ? 1 : -1;
    if (rc->have_dir < 0)
        return NULL;
    const char *rd = rc->dir_real;
    size_t n = strlen(rd);
    if (strncmp(rf, rd, n) != 0 || (rf[n] != '/' && rf[n] != 0))
        return "path resolves outside the corpus folder (symbolic link)";
    return NULL;
}

int
tt_manifest_parse(tt_manifest **out, const char *dir, const char *name, const char *text, size_t n,
                  int allow_outside, tt_error *err)
{
    *out = NULL;
    int rc = 0;
    tt_manifest *m = calloc(1, sizeof *m);
    if (!m)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (tt_sha256_buf(text, n, m->sha256)) {
        free(m);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    size_t bad = tt_utf8_check(text, n);
    if (bad != n) {
        uint64_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        tt_error_set(err, TT_ESYNTAX, "invalid UTF-8 (byte 0x%02X at byte %zu): the manifest must be UTF-8",
                     (unsigned char)text[bad], bad);
        tt_error_at(err, name, line, 0);
        tt_manifest_free(m);
        return TT_ESYNTAX;
    }
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        n -= 3;
    }
    long c_id = -1, c_path = -1, c_lang = -1, c_script = -1, c_date = -1, c_enc = -1, c_fmt = -1, c_sel = -1;
    size_t pos = 0;
    uint64_t line = 0;
    tt_buf field = {0};
    char **vals = NULL;
    while (pos < n && rc == 0) {
        const char *ls = text + pos;
        const char *le = memchr(ls, '\n', n - pos);
        size_t ll = le ? (size_t)(le - ls) : n - pos;
        pos += ll + (le != NULL);
        line++;
        if (ll && ls[ll - 1] == '\r')
            ll--;
        if (ll == 0 || (ls[0] == '#' && line > 1))
            continue;
        /* split */
        size_t nf = 1;
        for (size_t i = 0; i < ll; i++)
            nf += ls[i] == '\t';
        if (m->ncols == 0) {
            m->cols = calloc(nf, sizeof *m->cols);
            if (!m->cols) {
                rc = TT_ENOMEM;
                break;
            }
            m->ncols = nf;
        } else if (nf != m->ncols) {
            rc = fail(err, name, line, 0, TT_ESYNTAX, "row has %zu fields, the header has %zu", nf,
                      m->ncols);
            break;
        }
        if (!vals && m->ncols)
            vals = calloc(m->ncols, sizeof *vals);
        if (!vals) {
            rc = TT_ENOMEM;
            break;
        }
        size_t fs = 0, k = 0;
        for (size_t i = 0; i <= ll && rc == 0; i++) {
            if (i < ll && ls[i] != '\t')
                continue;
            tt_buf_reset(&field);
            int ur = tt_tsv_unescape(&field, ls + fs, i - fs);
            if (ur == TT_ENOMEM) {
                rc = TT_ENOMEM;
                break;
            }
            if (ur) {
                rc = fail(err, name, line, tt_utf8_chars(ls, fs) + 1, TT_ESYNTAX,
                          "bad escape in field (only \\t \\n \\r \\\\ are allowed)");
                break;
            }
            vals[k] = keep(m, field.data ? field.data : "", field.len, &rc);
            k++;
            fs = i + 1;
        }
        if (rc)
            break;
        if (m->cols[0] == NULL) { /* header row */
            for (size_t j = 0; j < m->ncols; j++) {
                m->cols[j] = vals[j];
                const char *cn = m->strings.data + OFF(vals[j]);
                for (size_t i = 0; i < j; i++)
                    if (strcmp(cn, m->strings.data + OFF(m->cols[i])) == 0) {
                        rc = fail(err, name, line, 0, TT_ESYNTAX, "duplicate column '%s'", cn);
                        break;
                    }
                if (!rc && tt_docs_column_reserved(cn)) {
                    rc = fail(err, name, line, 0, TT_ESYNTAX,
                              "column '%s' is a name docs.tsv writes itself (sha256, bytes, tokens, sentences, "
                              "articles, status, script_used): rename the column (e.g. 'source_%s')",
                              cn, cn);
                    break;
                }
                if (!strcmp(cn, "doc_id"))
                    c_id = (long)j;
                else if (!strcmp(cn, "path"))
                    c_path = (long)j;
                else if (!strcmp(cn, "lang"))
                    c_lang = (long)j;
                else if (!strcmp(cn, "script"))
                    c_script = (long)j;
                else if (!strcmp(cn, "date"))
                    c_date = (long)j;
                else if (!strcmp(cn, "encoding"))
                    c_enc = (long)j;
                else if (!strcmp(cn, "format"))
                    c_fmt = (long)j;
                else if (!strcmp(cn, "html_select"))
                    c_sel = (long)j;
            }
            const char *miss = c_id < 0 ? "doc_id" : c_path < 0 ? "path" : c_lang < 0 ? "lang" : NULL;
            const char *h0 = m->strings.data + OFF(m->cols[0]);
            int csv = m->ncols == 1 && (strchr(h0, ',') || strchr(h0, ';'));
            if (!rc && miss && csv)
                rc = fail(err, name, line, 0, TT_ESYNTAX,
                          "missing required column '%s': the header has no tab but has %s, so the file looks "
                          "like CSV; save it as tab-separated text (TSV)",
                          miss, strchr(h0, ',') ? "commas" : "semicolons");
            else if (!rc && miss)
                rc = fail(err, name, line, 0, TT_ESYNTAX, "missing required column '%s'", miss);
            continue;
        }
        if (m->ndocs == m->capdocs) {
            size_t cap = m->capdocs ? 2 * m->capdocs : 64;
            tt_mdoc *d = realloc(m->docs, cap * sizeof *d);
            if (!d) {
                rc = TT_ENOMEM;
                break;
            }
            m->docs = d;
            m->capdocs = cap;
        }
        tt_mdoc *d = &m->docs[m->ndocs++];
        memset(d, 0, sizeof *d);
        d->line = line;
        d->values = (const char *const *)vals;
        vals = NULL;
    }
    tt_buf_free(&field);
    free(vals);
    if (!rc && m->ncols == 0)
        rc = fail(err, name, 1, 0, TT_ESYNTAX, "empty manifest: no header row");
    if (rc) {
        if (rc == TT_ENOMEM)
            tt_error_set(err, TT_ENOMEM, "out of memory");
        tt_manifest_free(m);
        return rc;
    }
    /* Fix offsets up into pointers into the final pool. */
    m->pool = tt_buf_detach(&m->strings, NULL);
    for (size_t j = 0; j < m->ncols; j++)
        m->cols[j] = m->pool + OFF(m->cols[j]);
    tt_buf full = {0};
    realcache *rcache = allow_outside ? NULL : calloc(1, sizeof *rcache);
    if (rcache)
        rcache->parent_fd = -1;
    if (!allow_outside && !rcache)
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->ndocs && !rc; i++) {
        tt_mdoc *d = &m->docs[i];
        char **v = (char **)d->values;
        for (size_t j = 0; j < m->ncols; j++)
            v[j] = m->pool + OFF(v[j]);
        d->doc_id = v[c_id];
        d->path = v[c_path];
        const char *lang = v[c_lang];
        d->encoding = c_enc >= 0 ? v[c_enc] : "";
        d->date = c_date >= 0 ? v[c_date] : "";
        if (!d->doc_id[0]) {
            rc = fail(err, name, d->line, 0, TT_ESYNTAX, "empty doc_id");
            break;
        }
        if (!d->path[0]) {
            rc = fail(err, name, d->line, 0, TT_ESYNTAX, "empty path for doc_id '%s'", d->doc_id);
            break;
        }
        if (!tt_lang_known(lang, strlen(lang)) && strcmp(lang, "und") != 0) {
            rc = fail(err, name, d->line, 0, TT_ESYNTAX, "unknown lang '%s' (kk, uz, ru, en, or und)", lang);
            break;
        }
        d->lang = tt_lang_parse(lang, strlen(lang));
        if (c_script >= 0) {
            int s = tt_script_parse(v[c_script], strlen(v[c_script]));
            if (s < 0) {
                rc = fail(err, name, d->line, 0, TT_ESYNTAX,
                          "unknown script '%s' (Cyrl, Latn, Latn-2017, Latn-2018, Latn-2021 or empty)",
                          v[c_script]);
                break;
            }
            d->script = (tt_script)s;
        }
        if (!valid_date(d->date, &d->year)) {
            rc = fail(err, name, d->line, 0, TT_ESYNTAX, "bad date '%s' (YYYY or YYYY-MM-DD)", d->date);
            break;
        }
        if (d->encoding[0] && !tt_encoding_canonical(d->encoding)) {
            rc = fail(err, name, d->line, 0, TT_ESYNTAX, "unknown encoding '%s'", d->encoding);
            break;
        }
        if ((rc = read_columns(d, c_fmt >= 0 ? v[c_fmt] : "", c_sel >= 0 ? v[c_sel] : "", name, err)))
            break;
        tt_buf_reset(&full);
        if (tt_buf_printf(&full, "%s/%s", dir, d->path)) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        d->size = -1;
        const char *why = allow_outside ? NULL : outside(rcache, dir, d->path, full.data, &d->size);
        if (why) {
            char msg[1200];
            snprintf(msg, sizeof msg, "%s: '%s' (use --allow-outside to permit it)", why, d->path);
            rc = fail(err, name, d->line, 0, TT_ESYNTAX, "%s", msg);
            break;
        }
        /* fullpath is kept in the values array's spare slot: allocate it separately */
        char *fp = strdup(full.data);
        if (!fp) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        d->fullpath = fp;
    }
    tt_buf_free(&full);
    if (rcache && rcache->parent_fd >= 0)
        close(rcache->parent_fd);
    free(rcache);
    if (!rc && m->ndocs > 1) {
        qsort(m->docs, m->ndocs, sizeof *m->docs, cmp_doc);
        for (size_t i = 1; i < m->ndocs; i++)
            if (strcmp(m->docs[i - 1].doc_id, m->docs[i].doc_id) == 0) {
                uint64_t l1 = m->docs[i - 1].line, l2 = m->docs[i].line;
                char msg[64];
                snprintf(msg, sizeof msg, " (also on line %llu)",
                         (unsigned long long)(l1 < l2 ? l1 : l2));
                tt_error_set(err, TT_ESYNTAX, "duplicate doc_id '%s'%s", m->docs[i].doc_id, msg);
                tt_error_at(err, name, l1 > l2 ? l1 : l2, 0);
                rc = TT_ESYNTAX;
                break;
            }
    }
    if (rc) {
        tt_manifest_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int
tt_manifest_load(tt_manifest **out, const char *dir, const char *manifest_path, int allow_outside,
                 tt_error *err)
{
    *out = NULL;
    tt_buf path = {0}, text = {0};
    int rc = 0;
    if (manifest_path)
        rc = tt_buf_puts(&path, manifest_path);
    else
        rc = tt_buf_printf(&path, "%s/manifest.tsv", dir);
    if (rc)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    int opened;
    rc = tt_file_append(path.data, &text, &opened);
    if (rc == TT_ENOMEM) {
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    } else if (rc) {
        tt_error_set(err, TT_EIO, opened ? "cannot read manifest" : "cannot open manifest");
        tt_error_at(err, path.data, 0, 0);
    }
    if (!rc)
        rc = tt_manifest_parse(out, dir, path.data, text.data ? text.data : "", text.len, allow_outside,
                               err);
    tt_buf_free(&path);
    tt_buf_free(&text);
    return rc;
}

void
tt_manifest_free(tt_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->ndocs; i++) {
        free((void *)m->docs[i].values);
        free((void *)m->docs[i].fullpath);
    }
    free(m->docs);
    free(m->cols);
    free(m->pool);
    tt_buf_free(&m->strings);
    free(m);
}

size_t
tt_manifest_ncols(const tt_manifest *m)
{
    return m->ncols;
}

const char *
tt_manifest_col(const tt_manifest *m, size_t j)
{
    return j < m->ncols ? m->cols[j] : NULL;
}

long
tt_manifest_colindex(const tt_manifest *m, const char *name)
{
    for (size_t j = 0; j < m->ncols; j++)
        if (strcmp(m->cols[j], name) == 0)
            return (long)j;
    return -1;
}

size_t
tt_manifest_ndocs(const tt_manifest *m)
{
    return m->ndocs;
}

const tt_mdoc *
tt_manifest_doc(const tt_manifest *m, size_t i)
{
    return i < m->ndocs ? &m->docs[i] : NULL;
}

const char *
tt_manifest_sha256(const tt_manifest *m)
{
    return m->sha256;
}

void
tt_manifest_shard(const tt_manifest *m, unsigned i, unsigned k, size_t *first, size_t *last)
{
    if (k == 0 || i >= k) {
        *first = *last = 0;
        return;
    }
    *first = (size_t)((uint64_t)m->ndocs * i / k);
    *last = (size_t)((uint64_t)m->ndocs * (i + 1) / k);
}
