/* run_inputs.c - what a run's outputs depend on besides its documents (tt/run.h): the data folder's
 * fingerprint (tt_data_sha256), run.json's "inputs" and "options" (tt_run_inputs_json) and the
 * cache key of a configuration (tt_run_cache_key), which the document cache adds each document's
 * bytes to. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tt/fs.h"
#include "tt/json.h"
#include "tt/lexicon.h"
#include "tt/manifest.h"
#include "tt/run.h"
#include "tt/sha256.h"

/* ---- the fingerprint of the linguistic data files ---- */
static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns 0, or -1 when out of memory (a fingerprint that skipped a file would be wrong, and so
 * would every cache key built on it). */
static int
hash_tree(tt_sha256 *h, const char *dir, const char *rel, int depth)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d || depth > 4) {
        if (d)
            closedir(d);
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            names = p;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
        else
            rc = -1;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char sub[2048], full[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", names[i]);
        snprintf(full, sizeof full, "%s/%s", dir, sub);
        struct stat st;
        if (rc || stat(full, &st) != 0) {
            /* out of memory: only free; or gone since the listing */
        } else if (S_ISDIR(st.st_mode)) {
            rc = hash_tree(h, dir, sub, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            size_t nl = strlen(names[i]);
            if (nl > 3 && strcmp(names[i] + nl - 3, ".md") == 0) {
                free(names[i]);
                continue;
            }
            char hex[65];
            int fr = tt_sha256_file(full, hex, NULL);
            if (fr == 0) {
                tt_sha256_update(h, sub, strlen(sub) + 1);
                tt_sha256_update(h, hex, 64);
            } else if (fr == TT_ENOMEM) {
                rc = -1;
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int
tt_data_sha256(const char *dir, char hex[65])
{
    tt_sha256 h;
    tt_sha256_init(&h);
    int hr = hash_tree(&h, dir ? dir : tt_data_dir(), "", 0);
    return tt_sha256_hex(&h, hex) || hr ? TT_ENOMEM : 0;
}

/* The run.json members this driver adds (inputs, options); "execution" is added by the exporter's
 * callback. */
int
tt_run_inputs_json(tt_buf *b, const tt_run_config *cfg, const tt_manifest *m, const tt_lexicon *lx,
                   const char *data_sha)
{
    int rc = tt_buf_puts(b, "\"inputs\": {");
    rc = rc || tt_json_member_str(b, "corpus", cfg->corpus);
    rc = rc || tt_buf_puts(b, ", ") ||
         tt_json_member_str(b, "manifest_sha256", tt_manifest_sha256(m));
    rc = rc || tt_buf_puts(b, ", ") || tt_json_member_str(b, "lexicon", cfg->lexicon);
    rc = rc || tt_buf_puts(b, ", ") ||
         tt_json_member_str(b, "lexicon_sha256", tt_lexicon_sha256(lx));
    rc = rc || tt_buf_puts(b, ", ") || tt_json_member_str(b, "data_sha256", data_sha);
    rc = rc || tt_buf_puts(b, "}, \"options\": {");
    rc = rc || tt_buf_puts(b, cfg->options_json ? cfg->options_json : "");
    rc = rc || tt_buf_puts(b, "}");
    return rc ? TT_ENOMEM : 0;
}

int
tt_run_cache_key(const tt_run_config *cfg, const tt_lexicon *lx, const char *data_sha, char hex[65],
                 tt_error *err)
{
    tt_buf k = {0};
    const tt_count_opts *co = &cfg->run.count;
    int kb = tt_buf_printf(&k,
                           "%s|%d|%s|%s|%s|overlap=%d|vocab=%d|stem=%d|ngrams=%d|kwic=%zu|repl=%d|"
                           "strictenc=%d|enc=%s|all=%d|",
                           TT_VERSION, TT_FORMAT_VERSION, tt_lexicon_sha256(lx), data_sha, "",
                           (int)cfg->run.overlap, co->vocab, co->stem, co->ngrams, co->kwic_chars,
                           cfg->run.decode.replace_invalid, cfg->run.decode.strict_encoding,
                           cfg->run.decode.encoding ? cfg->run.decode.encoding : "", co->count_all);
    for (size_t i = 0; i < co->ncontexts; i++)
        kb |= tt_buf_printf(&k, "%s,", co->contexts[i].name);
    /* the vocabulary's collocate contexts, stop words and the replacement stop list's bytes */
    kb |= tt_buf_printf(&k, "|coll=");
    for (size_t i = 0; co->vocab && i < co->ncoll; i++)
        kb |= tt_buf_printf(&k, "%s,", co->coll[i].name);
    kb |= tt_buf_printf(&k, "|vstop=%d|stop=", co->vocab_stop);
    if (co->vocab && co->stop_file) {
        size_t sn;
        char *st = tt_file_read(co->stop_file, &sn);
        if (!st) {
            tt_buf_free(&k);
            int e = errno;
            tt_error_set(err, TT_EIO, "cannot read the stop list (--stop FILE)");
            err->sys_errno = e;
            return tt_error_at(err, co->stop_file, 0, 0);
        }
        char sthex[65];
        kb |= tt_sha256_buf(st, sn, sthex);
        free(st);
        kb |= tt_buf_puts(&k, sthex);
    }
    /* limits change which documents are skipped */
    kb |= tt_buf_printf(
        &k, "|maxdoc=%llu|gzratio=%llu|re=%llu,%u", (unsigned long long)cfg->run.decode.max_bytes,
        (unsigned long long)cfg->run.decode.max_gunzip_ratio,
        (unsigned long long)cfg->regex_match_limit, (unsigned)cfg->regex_depth_limit);
    /* document readers (tt/read.h): the format forced, the HTML selection and the container limits
     */
    const tt_decode_opts *dc = &cfg->run.decode;
    kb |= tt_buf_printf(
        &k, "|fmt=%d|sel=%s|rl=%llu,%llu,%llu,%llu,%llu,%llu", dc->format,
        dc->html_select ? dc->html_select : "", (unsigned long long)dc->read.max_input,
        (unsigned long long)dc->read.max_zip_entries, (unsigned long long)dc->read.max_unzipped,
        (unsigned long long)dc->read.max_zip_ratio, (unsigned long long)dc->read.max_depth,
        (unsigned long long)dc->read.max_pages);
    kb |= tt_sha256_buf(k.data, k.len, hex);
    tt_buf_free(&k);
    if (kb) /* a shortened key could match another configuration's cache entries */
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}
