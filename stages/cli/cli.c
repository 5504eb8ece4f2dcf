/* cli.c - messages, exit codes and stdout checks for the programs (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-') {
        tt_cli_usage(prog, "%s needs a whole number, not '%s'", opt, s);
        return -1;
    }
    *v = x;
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
