/* cli.h - what the programs (stage binaries and `termtrace`) share and the library must not do: print
 * messages in one format, choose exit codes, check that stdout was written.
 *
 * Message format (style.md convention 7): "tt-decode: error: 'corpus/a.txt': byte 4031: invalid UTF-8 byte 0xC0".
 * Exit codes, the same in every program:
 *   0  success
 *   1  data or i/o failure (an output could not be written, out of memory, a stream that does not parse)
 *   2  usage error, or a manifest or lexicon that does not parse (nothing was read or written)
 *   3  finished, but some documents were skipped (each reported on stderr and in docs.tsv `status`)
 */
#ifndef TT_CLI_H
#define TT_CLI_H

#include "tt/common.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/sha256.h"
#include "tt/stream.h"

#include <unicode/uclean.h>

#define TT_EXIT_OK 0
#define TT_EXIT_FAIL 1
#define TT_EXIT_USAGE 2
#define TT_EXIT_SKIPPED 3

#define TT_EXIT_CODES_HELP                                                                                 \
    "Exit status: 0 success; 1 data or i/o failure; 2 usage error, bad manifest or lexicon;\n"            \
    "3 finished, but some documents were skipped (reported on stderr and in docs.tsv).\n"

/* The name users call the program by: $TT_PROG (./pipeline exports TT_PROG=pipeline), else "termtrace".
 * Every message of termtrace starts with it (or with "NAME COMMAND" for a command's usage errors). */
const char *tt_cli_prog(void);
/* "NAME cmd" (e.g. "pipeline run") into buf; returns buf. */
const char *tt_cli_subprog(char *buf, size_t n, const char *cmd);

/* The getopt_long option string every program uses: ':' first (a missing value returns ':', so it is told
 * apart from an unknown option) and -h for help. Set opterr = 0 (tt_cli_getopt_reset) so getopt prints
 * nothing: tt_cli_badopt says it once, with a suggestion. */
#define TT_CLI_OPTSTRING ":h"
void tt_cli_getopt_reset(void);
/* After getopt_long returned '?' or ':': prints "unknown option '--perod'; did you mean '--period'?", "option
 * '--corpus' needs a value", "option '--quiet' takes no value" or "option '--co' is ambiguous (--corpus,
 * --cooc)", then "Try 'prog --help'.". Returns TT_EXIT_USAGE. */
struct option;
int tt_cli_badopt(const char *prog, char **argv, const struct option *lo, int o);

/* --corpus given the manifest file itself (corpus/manifest.tsv) instead of its folder: the folder becomes the
 * file's parent (written into buf) and the file the manifest. A file together with --manifest is a usage error
 * (printed; returns TT_EXIT_USAGE). Returns 0. */
int tt_cli_corpus_arg(const char *prog, const char **corpus, const char **manifest, char *buf, size_t n);

/* A value of an option that takes one of a few words: prints "--overlap 'longst': want longest or all; did you
 * mean 'longest'?" and "Try 'prog --help'."; returns TT_EXIT_USAGE. */
int tt_cli_choice(const char *prog, const char *opt, const char *val, const char *const *choices, size_t n);
/* The languages termtrace reads, for tt_cli_choice. */
extern const char *const tt_cli_langs[4];

/* "prog: error: <formatted err>" on stderr. */
void tt_cli_error(const char *prog, const tt_error *err);
/* "prog: warning: <formatted err>" on stderr. */
void tt_cli_warning(const char *prog, const tt_error *err);
/* "prog: error: <message>\nTry 'prog --help'." on stderr; returns TT_EXIT_USAGE. */
int tt_cli_usage(const char *prog, const char *fmt, ...) TT_PRINTF(2, 3);
/* Maps a library result to an exit code: 0 -> 0, TT_EUSAGE/TT_ESYNTAX of inputs -> 2, others -> 1. */
int tt_cli_code(int rc);
/* Flushes and closes stdout; returns code, or 1 with a message if stdout could not be written (e.g. /dev/full). */
int tt_cli_finish(const char *prog, int code);
/* Parses an unsigned number option; returns 0 or prints a usage error and returns -1. */
int tt_cli_u64(const char *prog, const char *opt, const char *s, uint64_t *v);
/* --segmenter MODE (auto or icu): sets TT_SEGMENTER for this process (tt/segment.h), so every tokenizer of the
 * run, the lexicon's included, uses it. Returns 0 or prints a usage error and returns -1. */
int tt_cli_segmenter(const char *prog, const char *mode);
#define TT_CLI_SEGMENTER_HELP                                                                             \
    "  --segmenter MODE    word and sentence segmentation: auto (default: the fast UAX #29 paths with ICU 72,\n" \
    "                      ICU alone with any other ICU) or icu (ICU alone); same as TT_SEGMENTER=MODE\n"

/* Loads the normalizer and the lexicon at path, and a matcher when mt is not NULL. On failure prints the error
 * and returns the exit code (everything already freed); returns 0 on success. Free with tt_cli_lexicon_close. */
int tt_cli_lexicon_open(const char *prog, const char *path, tt_normalizer **nz, tt_lexicon **lx,
                        tt_matcher **mt);
void tt_cli_lexicon_close(tt_normalizer *nz, tt_lexicon *lx, tt_matcher *mt);

/* Sets err for a record a stage does not expect in a stream of the given kind; returns TT_ESYNTAX. */
int tt_cli_unexpected(tt_error *err, const tt_stream_reader *r, const char *kind);

/* Ends a stage's read loop: a read error (got < 0) wins, else the rest of out is flushed to stdout; prints the
 * error if any. Returns the exit code (0 or 1). */
int tt_cli_stream_end(const char *prog, int rc, int got, tt_buf *out, tt_error *err);

/* Declares `const char *var`, the name a stage's messages use: "tt-NAME" for the stage program built alone,
 * "pipeline NAME" (tt_cli_subprog) inside termtrace. */
#ifdef TT_STAGE_MAIN
#define TT_STAGE_PROG(var, name) const char *var = "tt-" name
#else
#define TT_STAGE_PROG(var, name)                                                                           \
    char var##_buf_[96];                                                                                   \
    const char *var = tt_cli_subprog(var##_buf_, sizeof var##_buf_, name)
#endif

/* The main() of a stage program built alone (TT_STAGE_MAIN); nothing when linked into termtrace. */
#ifdef TT_STAGE_MAIN
#define TT_STAGE_PROGRAM(fn)                                                                               \
    int main(int argc, char **argv)                                                                        \
    {                                                                                                      \
        int r_ = fn(argc, argv);                                                                           \
        tt_sha256_cleanup();                                                                               \
        u_cleanup();                                                                                       \
        return r_;                                                                                         \
    }
#else
#define TT_STAGE_PROGRAM(fn)
#endif

#endif
