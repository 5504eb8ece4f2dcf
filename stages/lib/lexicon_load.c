/* lexicon_load.c - loading a lexicon: a .lex/.yaml/.liwc file or a folder of them (in byte order), each
 * dispatched to its parser, the SHA-256 fingerprint of the files, and the loader's tools (normalizer,
 * tokenizer, Snowball stemmers). The top of the lexicon's own modules (lexicon_check.c aside). */
#include "lexicon_priv.h"

#include "tt/sha256.h"
#include "tt/tokenize.h"

#include <dirent.h>
#include <errno.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The file at path appended to b, with the lexicon's messages. */
static int
read_file(const char *path, tt_buf *b, tt_error *err)
{
    int opened;
    int rc = tt_file_append(path, b, &opened);
    if (rc == TT_ENOMEM)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (!rc)
        return 0;
    if (!opened) {
        tt_error_set(err, TT_EIO, "cannot open lexicon: %s", strerror(errno));
        err->sys_errno = errno;
    } else {
        tt_error_set(err, TT_EIO, "cannot read lexicon");
    }
    tt_error_at(err, path, 0, 0);
    return TT_EIO;
}

static int
ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static int
parse_any(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err)
{
    if (ends_with(path, ".yml") || ends_with(path, ".yaml"))
        return lx_parse_yaml(ld, path, s, n, err);
    if (ends_with(path, ".dic"))
        return lx_parse_liwc(ld, path, s, n, err);
    return lx_parse_lex(ld, path, s, n, err);
}

static int
cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_begin(tt_lexicon **out, lx_loader *ld, const tt_lexicon_opts *opts, tt_normalizer *nz, tt_error *err)
{
    *out = NULL;
    memset(ld, 0, sizeof *ld);
    tt_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (opts)
        lx->opts = *opts;
    if (!lx->opts.match_limit)
        lx->opts.match_limit = 100000;
    if (!lx->opts.depth_limit)
        lx->opts.depth_limit = 1000;
    if (!lx->opts.max_entries)
        lx->opts.max_entries = 1000000;
    snprintf(lx->data_dir, sizeof lx->data_dir, "%s", lx->opts.data_dir ? lx->opts.data_dir : tt_data_dir());
    lx->opts.data_dir = lx->data_dir;
    ld->lx = lx;
    ld->nz = nz;
    if (nz) {
        /* multiword texts are tokenized as documents are; without the tokenizer's data, fall back */
        tt_error e2;
        tt_error_clear(&e2);
        if (tt_tokenizer_new(&ld->tk, lx->data_dir, &e2) != 0)
            ld->tk = NULL;
    }
    return 0;
}

static void
load_end(lx_loader *ld)
{
    tt_tokenizer_free(ld->tk);
    for (int i = 0; i < TT_LANG_COUNT; i++)
        if (ld->sb[i])
            sb_stemmer_delete(ld->sb[i]);
    tt_buf_free(&ld->tmp);
    tt_buf_free(&ld->tmp2);
}

int
tt_lexicon_load(tt_lexicon **out, const char *path, const tt_lexicon_opts *opts, tt_normalizer *nz,
                tt_error *err)
{
    lx_loader ld;
    int rc = load_begin(out, &ld, opts, nz, err);
    if (rc)
        return rc;
    struct stat st;
    char **names = NULL;
    size_t nnames = 0;
    if (stat(path, &st) != 0) {
        rc = tt_error_set(err, TT_EIO, "cannot open lexicon: %s", strerror(errno));
        err->sys_errno = errno;
        tt_error_at(err, path, 0, 0);
    } else if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            rc = tt_error_set(err, TT_EIO, "cannot read lexicon folder: %s", strerror(errno));
            tt_error_at(err, path, 0, 0);
        }
        struct dirent *de;
        while (rc == 0 && d && (de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.' || !(ends_with(de->d_name, ".lex") || ends_with(de->d_name, ".yml") ||
                                          ends_with(de->d_name, ".yaml") || ends_with(de->d_name, ".dic")))
                continue;
            char **nn = realloc(names, (nnames + 1) * sizeof *nn);
            if (!nn || !(nn[nnames] = lx_sdup(de->d_name))) {
                if (nn)
                    names = nn;
                rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                break;
            }
            names = nn;
            nnames++;
        }
        if (d)
            closedir(d);
        if (rc == 0 && nnames == 0) {
            rc = tt_error_set(err, TT_EIO, "no .lex, .yml, .yaml or .dic file in the lexicon folder");
            tt_error_at(err, path, 0, 0);
        }
        if (nnames)
            qsort(names, nnames, sizeof *names, cmpstr);
    }
    tt_sha256 sh;
    tt_sha256_init(&sh);
    tt_buf data = {0}, fp = {0};
    for (size_t i = 0; rc == 0 && i < (names ? nnames : 1); i++) {
        tt_buf_reset(&data);
        tt_buf_reset(&fp);
        const char *name = path;
        if (names) {
            tt_buf_printf(&fp, "%s/%s", path, names[i]);
            name = fp.data;
        }
        if ((rc = read_file(name, &data, err)))
            break;
        const char *base = names ? names[i] : (strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
        uint64_t len = data.len;
        tt_sha256_update(&sh, base, strlen(base) + 1);
        tt_sha256_update(&sh, &len, sizeof len);
        tt_sha256_update(&sh, data.data, data.len);
        rc = parse_any(&ld, name, data.data, data.len, err);
    }
    tt_buf_free(&data);
    tt_buf_free(&fp);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    load_end(&ld);
    if (rc)
        tt_sha256_discard(&sh);
    else if (tt_sha256_hex(&sh, ld.lx->sha256))
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    if (rc) {
        tt_lexicon_free(ld.lx);
        return rc;
    }
    *out = ld.lx;
    return 0;
}

int
tt_lexicon_load_mem(tt_lexicon **out, const char *name, const char *data, size_t n,
                    const tt_lexicon_opts *opts, tt_normalizer *nz, tt_error *err)
{
    lx_loader ld;
    int rc = load_begin(out, &ld, opts, nz, err);
    if (rc)
        return rc;
    rc = parse_any(&ld, name, data, n, err);
    load_end(&ld);
    if (rc) {
        tt_lexicon_free(ld.lx);
        return rc;
    }
    tt_sha256 sh;
    tt_sha256_init(&sh);
    uint64_t len = n;
    tt_sha256_update(&sh, name, strlen(name) + 1);
    tt_sha256_update(&sh, &len, sizeof len);
    tt_sha256_update(&sh, data, n);
    if (tt_sha256_hex(&sh, ld.lx->sha256)) {
        tt_lexicon_free(ld.lx);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    *out = ld.lx;
    return 0;
}

