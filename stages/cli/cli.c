/* cli.c - messages, exit codes and stdout checks for the programs (see cli.h). */
#include "cli.h"

#include "tt/suggest.h"
#include "tt/num.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void
say(const char *prog, const char *sev, const tt_error *err)
{
    char msg[2400];
    tt_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s: %s\n", prog, sev, msg);
}

void
tt_cli_error(const char *prog, const tt_error *err)
{
    say(prog, "error", err);
}

void
tt_cli_warning(const char *prog, const tt_error *err)
{
    say(prog, "warning", err);
}

int
tt_cli_usage(const char *prog, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: error: ", prog);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help'.\n", prog);
    return TT_EXIT_USAGE;
}

int
tt_cli_code(int rc)
{
    switch (rc) {
    case TT_OK: return TT_EXIT_OK;
    case TT_EUSAGE:
    case TT_ESYNTAX: return TT_EXIT_USAGE;
    default: return TT_EXIT_FAIL;
    }
}

int
tt_cli_finish(const char *prog, int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: error: writing output failed: %s\n", prog, strerror(errno));
        return TT_EXIT_FAIL;
    }
    return code;
}

int
tt_cli_segmenter(const char *prog, const char *mode)
{
    if (strcmp(mode, "auto") != 0 && strcmp(mode, "icu") != 0) {
        tt_cli_usage(prog, "--segmenter is 'auto' or 'icu', not '%s'", mode);
        return -1;
    }
    if (setenv("TT_SEGMENTER", mode, 1) != 0) {
        fprintf(stderr, "%s: error: cannot set TT_SEGMENTER: out of memory\n", prog);
        return -1;
    }
    return 0;
}

int
tt_cli_u64(const char *prog, const char *opt, const char *s, uint64_t *v)
{
    /* digits only: no sign, no blank, no "0x", nothing after (tt_num_parse_u64), and it fits in 64 bits */
    if (tt_num_parse_u64(s, strlen(s), v) != 0) {
        tt_cli_usage(prog, "%s needs a whole number, not '%s'", opt, s);
        return -1;
    }
    return 0;
}

int
tt_cli_lexicon_open(const char *prog, const char *path, tt_normalizer **nz, tt_lexicon **lx,
                    tt_matcher **mt)
{
    tt_error err;
    tt_error_clear(&err);
    *nz = NULL;
    *lx = NULL;
    if (mt)
        *mt = NULL;
    tt_lexicon_opts lop = {0};
    int rc = tt_normalizer_new(nz, NULL, &err);
    if (!rc)
        rc = tt_lexicon_load(lx, path, &lop, *nz, &err);
    if (!rc && mt)
        rc = tt_matcher_new(mt, *lx, &err);
    if (!rc)
        return 0;
    tt_cli_error(prog, &err);
    tt_cli_lexicon_close(*nz, *lx, mt ? *mt : NULL);
    *nz = NULL;
    *lx = NULL;
    if (mt)
        *mt = NULL;
    return tt_cli_code(rc);
}

void
tt_cli_lexicon_close(tt_normalizer *nz, tt_lexicon *lx, tt_matcher *mt)
{
    tt_matcher_free(mt);
    tt_lexicon_free(lx);
    tt_normalizer_free(nz);
}

int
tt_cli_unexpected(tt_error *err, const tt_stream_reader *r, const char *kind)
{
    tt_error_set(err, TT_ESYNTAX, "unexpected record in a '%s' stream", kind);
    return tt_error_at(err, r->name, r->line, 0);
}

int
tt_cli_stream_end(const char *prog, int rc, int got, tt_buf *out, tt_error *err)
{
    if (got < 0)
        rc = got;
    if (!rc)
        rc = tt_stream_flush(out, stdout, err);
    if (!rc)
        return TT_EXIT_OK;
    if (rc == TT_ENOMEM && !err->msg[0])
        tt_error_set(err, TT_ENOMEM, "out of memory");
    tt_cli_error(prog, err);
    return TT_EXIT_FAIL;
}

const char *
tt_cli_prog(void)
{
    const char *p = getenv("TT_PROG");
    return p && *p ? p : "termtrace";
}

const char *
tt_cli_subprog(char *buf, size_t n, const char *cmd)
{
    snprintf(buf, n, "%s %s", tt_cli_prog(), cmd);
    return buf;
}

void
tt_cli_getopt_reset(void)
{
    optind = 0;
    opterr = 0;
}

int
tt_cli_badopt(const char *prog, char **argv, const struct option *lo, int o)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (strncmp(arg, "--", 2) != 0) { /* a short option */
        if (o == ':')
            return tt_cli_usage(prog, "option '-%c' needs a value", optopt);
        return tt_cli_usage(prog, "unknown option '-%c'%s", optopt ? optopt : '?',
                            optopt == 'h' ? "" : " (long options start with --)");
    }
    const char *name = arg + 2, *eq = strchr(name, '=');
    size_t nl = eq ? (size_t)(eq - name) : strlen(name);
    const char *names[128];
    size_t nn = 0, nprefix = 0;
    char amb[400] = "";
    for (size_t i = 0; lo[i].name && nn < 128; i++) {
        names[nn++] = lo[i].name;
        if (strlen(lo[i].name) == nl && !strncmp(lo[i].name, name, nl)) {
            if (o == ':' || lo[i].has_arg == required_argument)
                return tt_cli_usage(prog, "option '--%s' needs a value (--%s VALUE)", lo[i].name, lo[i].name);
            return tt_cli_usage(prog, "option '--%s' takes no value", lo[i].name);
        }
        if (!strncmp(lo[i].name, name, nl)) {
            size_t k = strlen(amb);
            snprintf(amb + k, sizeof amb - k, "%s--%s", nprefix++ ? ", " : "", lo[i].name);
        }
    }
    if (nprefix > 1)
        return tt_cli_usage(prog, "option '--%.*s' is ambiguous (%s)", (int)nl, name, amb);
    char word[200];
    snprintf(word, sizeof word, "%.*s", (int)nl, name);
    const char *near = tt_suggest(word, names, nn);
    if (near)
        return tt_cli_usage(prog, "unknown option '--%s'; did you mean '--%s'?", word, near);
    return tt_cli_usage(prog, "unknown option '--%s'", word);
}

int
tt_cli_corpus_arg(const char *prog, const char **corpus, const char **manifest, char *buf, size_t n)
{
    struct stat st;
    if (!*corpus || stat(*corpus, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    if (*manifest)
        return tt_cli_usage(prog, "--corpus names the corpus folder, not a file: give the folder that holds "
                                  "the documents (here --manifest '%s' names the manifest)", *manifest);
    const char *slash = strrchr(*corpus, '/');
    if (!slash)
        snprintf(buf, n, ".");
    else if (slash == *corpus)
        snprintf(buf, n, "/");
    else
        snprintf(buf, n, "%.*s", (int)(slash - *corpus), *corpus);
    *manifest = *corpus;
    *corpus = buf;
    return 0;
}

const char *const tt_cli_langs[4] = {"kk", "uz", "ru", "en"};

int
tt_cli_choice(const char *prog, const char *opt, const char *val, const char *const *choices, size_t n)
{
    char list[400] = "";
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(list);
        snprintf(list + k, sizeof list - k, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", choices[i]);
    }
    const char *near = tt_suggest(val, choices, n);
    if (near)
        return tt_cli_usage(prog, "%s '%s': want %s; did you mean '%s'?", opt, val, list, near);
    return tt_cli_usage(prog, "%s '%s': want %s", opt, val, list);
}
