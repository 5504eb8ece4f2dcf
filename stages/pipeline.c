/* pipeline.c - `termtrace` (./pipeline): one command table over the whole pipeline (run, kwic, lexicon,
 * shard, merge, diff) and the stage programs (decode ... export), so the chain runs in one process. */
#include "cli.h"
#include "manifest_cmd.h"
#include "tt/detect.h"
#include "opts.h"
#include "readopts.h"
#include "progress.h"
#include "validate.h"
#include "tt/decode.h"
#include "tt/diff.h"
#include "tt/export.h"
#include "tt/lexicon.h"
#include "tt/roles.h"
#include "tt/manifest.h"
#include "tt/norm.h"
#include "tt/run.h"
#include "tt/suggest.h"
#include "tt/tokenize.h"
#include "tt/utf8.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/uclean.h>
#include <zlib.h>

int tt_decode_main(int argc, char **argv);
int tt_normalize_main(int argc, char **argv);
int tt_tokenize_main(int argc, char **argv);
int tt_match_main(int argc, char **argv);
int tt_count_main(int argc, char **argv);
int tt_export_main(int argc, char **argv);
int tt_report_main(int argc, char **argv);

#define PROG tt_cli_prog()

static const char run_usage[] =
    "Usage: pipeline run --corpus DIR --out DIR [--lexicon PATH] [OPTIONS]\n"
    "Runs decode, normalize, tokenize, match, count and export over every document of DIR/manifest.tsv\n"
    "on all cores, and writes the output folder (outputs.md) atomically.\n"
    "  --corpus DIR        the corpus folder (manifest.tsv inside; without one, every file below it, with\n"
    "                      lang, script and heading fields detected: see `pipeline manifest`)\n"
    "  --manifest FILE     another manifest (paths relative to --corpus)\n"
    "  --lexicon PATH      concept lexicon, a .lex file or a folder of them (default lexicons/diaspora)\n"
    "  --out DIR           output folder (replaced atomically at the end): new, empty, or one a run wrote\n"
    "                      (it holds .termtrace-output); never the corpus, lexicon or data folder (exit 2)\n"
    "  --jobs N            worker threads (default and at most: the cores this process may use, e.g. under\n"
    "                      taskset or a Slurm cpuset); outputs do not depend on N\n"
    "  --cache DIR         per-document cache: a rerun only processes new or changed documents (new, empty,\n"
    "                      or a termtrace cache: .termtrace-cache)\n"
    "  --shard I/K         process shard I of K (0-based; SLURM_ARRAY_TASK_ID) into a partial output\n"
    "  --allow-outside     allow manifest paths outside the corpus folder\n"
    "  --encoding NAME     declare the encoding of every document (the manifest's column wins)\n"
    "  --replace-invalid   replace invalid bytes by U+FFFD (counted) instead of skipping the document\n"
    "  --max-doc-bytes N   limit: skip a document whose text exceeds N bytes (default: none)\n"
    "  --max-gzip-ratio N  limit: skip a gzip file that inflates more than N times (default 1000)\n"
    "  --regex-match-limit N  limit: PCRE2 match limit per token for regex entries (default 100000); a\n"
    "                      token that hits it skips its document, naming the entry\n"
    "  --regex-depth-limit N  limit: PCRE2 depth limit per token (default 1000)\n"
    "  --max-lexicon-entries N  limit: refuse a larger lexicon (default 1000000)\n"
    ;
/* (two strings: C99 compilers need only take 4095 characters in one) */
static const char run_usage_more[] =
    "  --strict-encoding   a declared encoding that decodes clearly worse than the detected one skips the\n"
    "                      document (default: a warning, and docs.tsv `warnings` says so)\n"
    "  --quiet             only errors and warnings (no progress, no summary line)\n"
    "  --progress          the progress line even with --quiet (stderr; every 10 s when stderr is not a\n"
    "                      terminal; $TT_PROGRESS_INTERVAL sets the seconds)\n"
    "  --report            also write report/index.html (one page with the charts; see pipeline report)\n"
    TT_CLI_SEGMENTER_HELP;
/* the rest of run's help (one string would pass the 4095 characters C99 compilers must support) */
static const char run_usage2[] = TT_CLI_READ_HELP TT_CLI_SHARED_HELP
    "Limits (README.md, \"Errors and limits\"): each limit hit names itself and the option above that\n"
    "raises it. Text is processed in 1 MiB pieces (4 MiB at most: a longer token is cut there), so memory\n"
    "grows with the vocabulary and the number of hits of a document, not with its size.\n" TT_EXIT_CODES_HELP;

static void
on_skipped(void *ctx, const char *doc_id, const tt_error *err)
{
    (void)ctx;
    char msg[2400];
    fprintf(stderr, "%s: warning: document '%s' skipped: %s\n", PROG, doc_id,
            tt_error_format(err, msg, sizeof msg));
}

static void
on_warning(void *ctx, const tt_error *w)
{
    (void)ctx;
    tt_cli_warning(PROG, w);
}

static void
on_doc_warning(void *ctx, const char *doc_id, const char *what)
{
    (void)ctx;
    fprintf(stderr, "%s: warning: document '%s': %s\n", PROG, doc_id, what);
}

static const char *
default_lexicon(void)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/diaspora", tt_data_dir());
    return path;
}

enum { OPT_STRICT_ENCODING = 900, OPT_PROGRESS }; /* long-only options of run (shared ones: 1000+) */

/* What run's callbacks share (tt_run_callbacks.ctx). */
typedef struct run_ctx {
    tt_cli_progress pg;
    int progress; /* the progress line is on */
    const char *prog;
    tt_cli_opts *co;
    const tt_run_config *cfg;
    int checked; /* on_manifest refused the options: its message is out, tt_run's is not printed */
} run_ctx;

static void
on_progress(void *ctx, size_t done, size_t total, uint64_t bytes, double secs)
{
    tt_cli_progress_cb(&((run_ctx *)ctx)->pg, done, total, bytes, secs);
}

/* The manifest is loaded (or detected): the options' names and values against it, and the bytes the
 * progress line counts down. */
static int
on_manifest(void *ctx, const tt_manifest *m)
{
    run_ctx *rx = ctx;
    const tt_run_config *cfg = rx->cfg;
    size_t first = 0, last = tt_manifest_ndocs(m);
    if (cfg->shard_k)
        tt_manifest_shard(m, cfg->shard_i, cfg->shard_k, &first, &last);
    char mname[4300];
    if (cfg->manifest)
        snprintf(mname, sizeof mname, "%s", cfg->manifest);
    else
        snprintf(mname, sizeof mname, "%s/manifest.tsv", cfg->corpus);
    if (!cfg->manifest && access(mname, F_OK) != 0) /* no manifest: the columns were detected */
        snprintf(mname, sizeof mname, "%s", cfg->corpus);
    int vc = tt_cli_validate(rx->prog, m, mname, first, last, rx->co);
    if (rx->progress) /* the total only the progress line shows */
        rx->pg.total_bytes = tt_cli_manifest_bytes(m, first, last);
    rx->checked = vc != 0;
    return vc;
}

static int
cmd_run(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "run");
    static const struct option lo[] = {
        {"corpus", 1, 0, 'c'},          {"manifest", 1, 0, 'm'},       {"lexicon", 1, 0, 'L'},
        {"out", 1, 0, 'o'},             {"jobs", 1, 0, 'j'},           {"cache", 1, 0, 'C'},
        {"shard", 1, 0, 's'},           {"allow-outside", 0, 0, 'a'},  {"encoding", 1, 0, 'e'},
        {"replace-invalid", 0, 0, 'r'}, {"max-doc-bytes", 1, 0, 'M'},  {"max-gzip-ratio", 1, 0, 'G'},
        {"regex-match-limit", 1, 0, 'X'}, {"regex-depth-limit", 1, 0, 'D'}, {"max-lexicon-entries", 1, 0, 'E'},
        {"quiet", 0, 0, 'q'},           {"progress", 0, 0, OPT_PROGRESS}, {"strict-encoding", 0, 0, OPT_STRICT_ENCODING},
        {"help", 0, 0, 'h'},            {"segmenter", 1, 0, 'S'},      {"report", 0, 0, 'P'},
        TT_CLI_SHARED_OPTIONS,          TT_CLI_READ_OPTIONS,
        {0, 0, 0, 0}};
    tt_run_config cfg;
    memset(&cfg, 0, sizeof cfg);
    tt_cli_opts co;
    tt_cli_opts_init(&co);
    int quiet = 0, progress = 0, o;
    uint64_t v;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        int h = tt_cli_opt(prog, o, optarg, &co);
        if (h == 0)
            h = tt_cli_read_opt(prog, o, optarg, &cfg.run.decode);
        if (h < 0)
            return TT_EXIT_USAGE;
        if (h)
            continue;
        switch (o) {
        case 'c': cfg.corpus = optarg; break;
        case 'm': cfg.manifest = optarg; break;
        case 'L': cfg.lexicon = optarg; break;
        case 'o': cfg.out = optarg; break;
        case 'C': cfg.cache = optarg; break;
        case 'a': cfg.allow_outside = 1; break;
        case 'e': cfg.run.decode.encoding = optarg; break;
        case 'r': cfg.run.decode.replace_invalid = 1; break;
        case 'q': quiet = 1; break;
        case 'P': cfg.report = 1; break;
        case OPT_PROGRESS: progress = 1; break;
        case OPT_STRICT_ENCODING: cfg.run.decode.strict_encoding = 1; break;
        case 'S':
            if (tt_cli_segmenter(prog, optarg))
                return TT_EXIT_USAGE;
            break;
        case 'j':
            if (tt_cli_u64(prog, "--jobs", optarg, &v))
                return TT_EXIT_USAGE;
            if (v < 1 || v > 1024)
                return tt_cli_usage(prog, "--jobs is 1 to 1024");
            cfg.jobs = (unsigned)v;
            break;
        case 'M':
            if (tt_cli_u64(prog, "--max-doc-bytes", optarg, &cfg.run.decode.max_bytes))
                return TT_EXIT_USAGE;
            break;
        case 'G':
            if (tt_cli_u64(prog, "--max-gzip-ratio", optarg, &cfg.run.decode.max_gunzip_ratio))
                return TT_EXIT_USAGE;
            break;
        case 'X':
            if (tt_cli_u64(prog, "--regex-match-limit", optarg, &cfg.regex_match_limit))
                return TT_EXIT_USAGE;
            if (cfg.regex_match_limit == 0 || cfg.regex_match_limit > UINT32_MAX)
                return tt_cli_usage(prog, "--regex-match-limit is 1 to %u", (unsigned)UINT32_MAX);
            break;
        case 'D':
            if (tt_cli_u64(prog, "--regex-depth-limit", optarg, &v))
                return TT_EXIT_USAGE;
            if (v == 0 || v > UINT32_MAX)
                return tt_cli_usage(prog, "--regex-depth-limit is 1 to %u", (unsigned)UINT32_MAX);
            cfg.regex_depth_limit = (uint32_t)v;
            break;
        case 'E':
            if (tt_cli_u64(prog, "--max-lexicon-entries", optarg, &v))
                return TT_EXIT_USAGE;
            if (v == 0 || v > SIZE_MAX)
                return tt_cli_usage(prog, "--max-lexicon-entries must be at least 1");
            cfg.max_lexicon_entries = (size_t)v;
            break;
        case 's': {
            unsigned i, k;
            char c;
            if (sscanf(optarg, "%u/%u%c", &i, &k, &c) != 2 || k == 0 || i >= k)
                return tt_cli_usage(prog, "--shard is I/K with 0 <= I < K, not '%s'", optarg);
            cfg.shard_i = i;
            cfg.shard_k = k;
            break;
        }
        case 'h':
            fputs(run_usage, stdout);
            fputs(run_usage_more, stdout);
            fputs(run_usage2, stdout);
            return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (optind < argc)
        return tt_cli_usage(prog, "unexpected argument '%s'", argv[optind]);
    if (!cfg.corpus || !cfg.out)
        return tt_cli_usage(prog, "--corpus and --out are required");
    if (cfg.report && cfg.shard_k)
        return tt_cli_usage(prog, "--report applies to a whole run, not a shard: run 'pipeline report OUT' "
                                  "after 'pipeline merge'");
    if (cfg.run.decode.encoding && !tt_encoding_canonical(cfg.run.decode.encoding))
        return tt_cli_usage(prog, "unknown encoding '%s'", cfg.run.decode.encoding);
    char corpus_dir[4200];
    if (tt_cli_corpus_arg(prog, &cfg.corpus, &cfg.manifest, corpus_dir, sizeof corpus_dir))
        return TT_EXIT_USAGE;
    /* The syntax of the options that name columns and values now; the names themselves once the
     * manifest is loaded or detected (on_manifest), before the lexicon is loaded or a document read. */
    int vc = tt_cli_validate(prog, NULL, NULL, 0, 0, &co);
    if (vc) {
        tt_cli_opts_free(&co);
        return tt_cli_finish(prog, vc);
    }
    int rc0 = tt_cli_opts_done(prog, &co);
    if (rc0) {
        tt_cli_opts_free(&co);
        return rc0 == -2 ? TT_EXIT_FAIL : TT_EXIT_USAGE;
    }
    if (!cfg.lexicon)
        cfg.lexicon = default_lexicon();
    cfg.run.overlap = co.overlap;
    cfg.run.count = co.count;
    /* tests only (tests/README.md): smaller pieces show that no result depends on where the text is cut */
    const char *ps = getenv("TT_PIECE_SIZE");
    if (ps && tt_cli_u64(prog, "TT_PIECE_SIZE", ps, &v) == 0 && v >= 1024)
        cfg.run.piece_size = (size_t)v;
    cfg.exp = co.exp;
    cfg.options_json = co.json;
    run_ctx rx = {.prog = prog, .co = &co, .cfg = &cfg};
    tt_cli_progress_init(&rx.pg, PROG, 0);
    tt_run_callbacks cb = {on_skipped, NULL, &rx, on_warning, on_doc_warning, on_manifest};
    if (progress || !quiet)
        cb.progress = on_progress;
    rx.progress = cb.progress != NULL;
    tt_run_result res;
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_run(&cfg, &cb, &res, &err);
    tt_cli_progress_end(&rx.pg);
    int code;
    if (rc < 0) {
        if (!rx.checked) /* else on_manifest has said why */
            tt_cli_error(PROG, &err);
        code = tt_cli_code(rc);
    } else if (quiet) {
        code = rc == 1 ? TT_EXIT_SKIPPED : TT_EXIT_OK;
    } else {
        fprintf(stderr, "%s: %zu documents (%zu ok, %zu skipped, %zu from cache), %.1f MB in %.2f s -> %s\n",
                PROG, res.docs, res.ok, res.skipped, res.cached, (double)res.bytes / 1e6, res.seconds,
                cfg.out);
        code = rc == 1 ? TT_EXIT_SKIPPED : TT_EXIT_OK;
    }
    tt_cli_opts_free(&co);
    return tt_cli_finish(PROG, code);
}

/* ---- kwic ---- */
static size_t
chars(const char *s)
{
    return tt_utf8_chars(s, strlen(s));
}

/* Is `name` in the first column of OUT/file (or file.gz)? Prints the error (with the nearest) and returns the
 * exit code when not; 0 when it is, or when the file cannot be read (the hits.tsv open says why). */
static int
check_name(const char *prog, const char *out, const char *file, const char *opt, const char *what,
           const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", out, file);
    if (access(path, R_OK) != 0)
        snprintf(path, sizeof path, "%s/%s.gz", out, file);
    gzFile f = gzopen(path, "rb");
    if (!f)
        return 0;
    tt_buf names = {0}, line = {0};
    char chunk[8192];
    size_t n = 0;
    int found = 0, header = 1, bad = 0;
    while (!found && gzgets(f, chunk, sizeof chunk)) {
        bad |= tt_buf_puts(&line, chunk);
        if (!line.len || line.data[line.len - 1] != '\n')
            continue;
        char *tab = strchr(line.data, '\t');
        size_t k = tab ? (size_t)(tab - line.data) : line.len - 1;
        if (!header) {
            found = strlen(name) == k && !memcmp(line.data, name, k);
            bad |= tt_buf_append(&names, line.data, k) || tt_buf_putc(&names, 0);
            n++;
        }
        header = 0;
        tt_buf_reset(&line);
    }
    gzclose(f);
    int code = 0;
    if (!found && !bad) {
        const char **v = calloc(n ? n : 1, sizeof *v);
        if (v) {
            const char *p = names.data;
            for (size_t i = 0; i < n; i++, p += strlen(p) + 1)
                v[i] = p;
            const char *near = tt_suggest(name, v, n);
            char list[1200];
            tt_suggest_list(list, sizeof list, v, n, 20);
            fprintf(stderr, "%s: error: %s '%s': no such %s in '%s' (%s)", prog, opt, name, what, path,
                    n ? list : "it is empty");
            if (near)
                fprintf(stderr, "; did you mean '%s'?", near);
            fputc('\n', stderr);
            free(v);
            code = TT_EXIT_USAGE;
        }
    }
    tt_buf_free(&names);
    tt_buf_free(&line);
    return code;
}

static int
cmd_kwic(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "kwic");
    static const struct option lo[] = {{"out", 1, 0, 'o'},  {"concept", 1, 0, 'c'}, {"doc", 1, 0, 'd'},
                                       {"role", 1, 0, 'r'}, {"help", 0, 0, 'h'},    {0, 0, 0, 0}};
    const char *out = NULL, *concept = NULL, *doc = NULL, *role = NULL;
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        switch (o) {
        case 'o': out = optarg; break;
        case 'c': concept = optarg; break;
        case 'd': doc = optarg; break;
        case 'r':
            if (tt_role_parse(optarg, strlen(optarg)) < 0)
                return tt_cli_usage(prog, "--role is text, quoted, note or repealed, not '%s'", optarg);
            role = optarg;
            break;
        case 'h':
            fputs("Usage: pipeline kwic --out DIR [--concept ID] [--doc DOC_ID] [--role ROLE]\n"
                  "Prints a concordance line for every hit in DIR/hits.tsv:\n"
                  "doc_id, start offset, role, left context, [the hit as written], right context.\n"
                  "  --role ROLE  only hits of this role: text (the document uses the word; what the counts\n"
                  "               take), quoted (quoted as a word), note (editorial note, references), repealed\n"
                  "A --concept or --doc that the run does not have (concepts.tsv, docs.tsv) is an error\n"
                  "that lists what exists and names the nearest.\n" TT_EXIT_CODES_HELP,
                  stdout);
            return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (!out)
        return tt_cli_usage(prog, "--out is required");
    int vc = 0;
    if (concept)
        vc = check_name(prog, out, "concepts.tsv", "--concept", "concept", concept);
    if (!vc && doc)
        vc = check_name(prog, out, "docs.tsv", "--doc", "document", doc);
    if (vc)
        return tt_cli_finish(prog, vc);
    char path[4200];
    snprintf(path, sizeof path, "%s/hits.tsv", out);
    if (access(path, R_OK) != 0)
        snprintf(path, sizeof path, "%s/hits.tsv.gz", out);
    gzFile f = gzopen(path, "rb");
    if (!f) {
        tt_error e;
        tt_error_clear(&e);
        tt_error_set(&e, TT_EIO, "cannot open (is this a termtrace output folder?)");
        tt_error_at(&e, path, 0, 0);
        tt_cli_error(PROG, &e);
        return TT_EXIT_FAIL;
    }
    tt_buf line = {0}, un = {0};
    char chunk[8192];
    int header = 1;
    long nhits = 0;
    /* columns by name (format 2 adds role, and later page, after right) */
    enum { C_DOC, C_CONCEPT, C_START, C_SURFACE, C_LEFT, C_RIGHT, C_ROLE, NC };
    static const char *const names[NC] = {"doc_id", "concept_id", "start", "surface", "left", "right", "role"};
    int col[NC];
    for (int k = 0; k < NC; k++)
        col[k] = -1;
    while (gzgets(f, chunk, sizeof chunk)) {
        tt_buf_puts(&line, chunk);
        if (line.len == 0 || line.data[line.len - 1] != '\n')
            continue;
        line.data[--line.len] = 0;
        char *fl[32];
        size_t nf = 0;
        char *p = line.data;
        fl[nf++] = p;
        for (; *p && nf < 32; p++)
            if (*p == '\t') {
                *p = 0;
                fl[nf++] = p + 1;
            }
        if (header) {
            header = 0;
            for (size_t i = 0; i < nf; i++)
                for (int k = 0; k < NC; k++)
                    if (!strcmp(fl[i], names[k]))
                        col[k] = (int)i;
            tt_buf_reset(&line);
            continue;
        }
        int ok = 1;
        for (int k = 0; k < NC; k++)
            ok &= col[k] >= 0 && (size_t)col[k] < nf;
        if (ok && (!concept || !strcmp(fl[col[C_CONCEPT]], concept)) && (!doc || !strcmp(fl[col[C_DOC]], doc)) &&
            (!role || !strcmp(fl[col[C_ROLE]], role))) {
            const char *show[3] = {fl[col[C_LEFT]], fl[col[C_SURFACE]], fl[col[C_RIGHT]]};
            char *dec[3];
            for (int k = 0; k < 3; k++) {
                tt_buf_reset(&un);
                tt_tsv_unescape(&un, show[k], strlen(show[k]));
                dec[k] = strdup(un.data ? un.data : "");
            }
            size_t pad = chars(dec[0]) < 40 ? 40 - chars(dec[0]) : 0;
            printf("%s\t%s\t%s\t%*s%s [%s] %s\n", fl[col[C_DOC]], fl[col[C_START]], fl[col[C_ROLE]], (int)pad, "",
                   dec[0], dec[1], dec[2]);
            for (int k = 0; k < 3; k++)
                free(dec[k]);
            nhits++;
        }
        tt_buf_reset(&line);
    }
    gzclose(f);
    tt_buf_free(&line);
    tt_buf_free(&un);
    if (col[C_ROLE] < 0) {
        tt_error e;
        tt_error_clear(&e);
        tt_error_set(&e, TT_EFORMAT, "no role column: an output of format version 1; rerun the pipeline");
        tt_error_at(&e, path, 1, 0);
        tt_cli_error(PROG, &e);
        return TT_EXIT_FAIL;
    }
    fprintf(stderr, "%s: %ld hits\n", PROG, nhits);
    return tt_cli_finish(prog, 0);
}

/* ---- lexicon check / explain ---- */
static int
cmd_lexicon(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "lexicon");
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs("Usage: pipeline lexicon check PATH\n"
              "       pipeline lexicon explain WORD --lang L [--lexicon PATH]\n"
              "check: validates a lexicon and prints, for each entry, its match form and the forms it\n"
              "generates, with a warning for each entry that can never match.\n"
              "explain: which entries match WORD (as a token of a document in language L) and why; WORD\n"
              "may be a passage, then each word's role in it is shown where it is not text (quoted, note,\n"
              "repealed: lexicons/roles/L.tsv) with the rule that decided it.\n" TT_EXIT_CODES_HELP,
              stdout);
        return tt_cli_finish(prog, argc < 2 ? TT_EXIT_USAGE : 0);
    }
    const char *sub = argv[1], *lexicon = NULL, *word = NULL, *lang = "kk";
    static const struct option lo[] = {
        {"lexicon", 1, 0, 'L'}, {"lang", 1, 0, 'l'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    static const char *const subs[] = {"check", "explain"};
    if (strcmp(sub, "check") != 0 && strcmp(sub, "explain") != 0) {
        const char *near = tt_suggest(sub, subs, 2);
        return tt_cli_usage(prog, "unknown subcommand '%s'%s%s%s (check or explain)", sub,
                            near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    }
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc - 1, argv + 1, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        if (o == 'L')
            lexicon = optarg;
        else if (o == 'l')
            lang = optarg;
        else if (o == 'h')
            return cmd_lexicon(2, (char *[]){argv[0], "--help", NULL});
        else
            return tt_cli_badopt(prog, argv + 1, lo, o);
    }
    if (optind < argc - 1)
        word = argv[1 + optind];
    int check = !strcmp(sub, "check");
    if (check) {
        if (!lexicon)
            lexicon = word;
        if (!lexicon)
            return tt_cli_usage(prog, "check needs a lexicon PATH");
    } else {
        if (!word)
            return tt_cli_usage(prog, "explain needs a WORD");
        if (!lexicon)
            lexicon = default_lexicon();
        if (!tt_lang_known(lang, strlen(lang)))
            return tt_cli_choice(prog, "--lang", lang, tt_cli_langs, 4);
    }
    tt_error err;
    tt_error_clear(&err);
    tt_normalizer *nz = NULL;
    tt_tokenizer *tk = NULL;
    tt_lexicon *lx = NULL;
    tt_matcher *mt = NULL;
    tt_rolefinder *rf = NULL;
    int rc = tt_cli_lexicon_open(prog, lexicon, &nz, &lx, &mt);
    if (rc)
        return tt_cli_finish(prog, rc);
    tt_buf out = {0};
    tt_tokseq ts;
    tt_tokseq_init(&ts);
    size_t nwarn = 0;
    if (!rc && check) {
        rc = tt_lexicon_check(lx, mt, &out, &nwarn, &err);
    } else if (!rc) {
        tt_lang l = tt_lang_parse(lang, strlen(lang));
        rc = tt_tokenizer_new(&tk, NULL, &err);
        if (!rc)
            rc = tt_tokenize(tk, nz, l, TT_SCRIPT_ANY, word, strlen(word), 0, NULL, NULL, &ts, &err);
        /* WORD may be a passage: each word's role in it (lexicons/roles/) is shown where it is not text */
        if (!rc)
            rc = tt_rolefinder_new(&rf, NULL, &err);
        if (!rc) {
            tt_rolefinder_begin(rf, l);
            rc = tt_rolefinder_piece(rf, word, strlen(word), 0, &ts, &err);
        }
        for (size_t i = 0; !rc && i < ts.ntok; i++) {
            const tt_token *t = &ts.tok[i];
            tt_role role;
            tt_buf_printf(&out, "%.*s -> match form '%.*s'\n", (int)(t->end - t->start), word + t->start,
                          (int)t->match_len, ts.forms.data + t->match_off);
            if (!(rc = tt_rolefinder_role(rf, i, &role, &err)) && role != TT_ROLE_TEXT)
                tt_buf_printf(&out, "role here: %s (%s): a hit of it is listed, not counted (--count all counts it)\n",
                              tt_role_name(role), tt_rolefinder_why(rf));
            if (!rc)
                rc = tt_matcher_explain(mt, l, ts.forms.data + t->match_off, t->match_len, &out, &err);
        }
    }
    int code = 0;
    if (rc) {
        tt_cli_error(PROG, &err);
        code = tt_cli_code(rc);
    } else {
        fwrite(out.data, 1, out.len, stdout);
        if (check)
            fprintf(stderr, "%s: %s: %zu concepts, %zu entries, %zu warnings\n", PROG, lexicon,
                    tt_lexicon_nconcepts(lx), tt_lexicon_nentries(lx), nwarn);
    }
    tt_buf_free(&out);
    tt_tokseq_free(&ts);
    tt_tokenizer_free(tk);
    tt_rolefinder_free(rf);
    tt_cli_lexicon_close(nz, lx, mt);
    return tt_cli_finish(prog, code);
}

/* ---- shard / merge / diff ---- */
static int
cmd_shard(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "shard");
    static const struct option lo[] = {{"corpus", 1, 0, 'c'}, {"shards", 1, 0, 'k'}, {"out", 1, 0, 'o'},
                                       {"allow-outside", 0, 0, 'a'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *corpus = NULL, *out = NULL;
    uint64_t k = 0;
    int allow = 0, o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        switch (o) {
        case 'c': corpus = optarg; break;
        case 'o': out = optarg; break;
        case 'a': allow = 1; break;
        case 'k':
            if (tt_cli_u64(prog, "--shards", optarg, &k))
                return TT_EXIT_USAGE;
            break;
        case 'h':
            fputs("Usage: pipeline shard --corpus DIR --shards K [--out DIR]\n"
                  "Splits the manifest into K parts (contiguous blocks of the doc_id order, the same blocks\n"
                  "`pipeline run --shard I/K` processes). Prints one line per shard (shard, documents, bytes);\n"
                  "with --out also writes DIR/manifest-I.tsv for each shard.\n" TT_EXIT_CODES_HELP,
                  stdout);
            return tt_cli_finish(prog, 0);
        default: return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (!corpus || k < 1 || k > 100000)
        return tt_cli_usage(prog, "--corpus and --shards K (1 to 100000) are required");
    const char *mfile = NULL;
    char corpus_dir[4200];
    if (tt_cli_corpus_arg(prog, &corpus, &mfile, corpus_dir, sizeof corpus_dir))
        return TT_EXIT_USAGE;
    tt_error err;
    tt_error_clear(&err);
    tt_manifest *m = NULL;
    int rc = tt_detect_manifest_load(&m, corpus, mfile, allow, NULL, on_warning, NULL, &err);
    if (rc) {
        tt_cli_error(PROG, &err);
        return tt_cli_finish(prog, tt_cli_code(rc));
    }
    int code = 0;
    for (unsigned i = 0; i < k && !code; i++) {
        size_t a, b;
        tt_manifest_shard(m, i, (unsigned)k, &a, &b);
        FILE *f = NULL;
        char path[4200];
        if (out) {
            snprintf(path, sizeof path, "%s/manifest-%u.tsv", out, i);
            f = fopen(path, "w");
            if (!f) {
                tt_error_set(&err, TT_EIO, "cannot write");
                tt_error_at(&err, path, 0, 0);
                tt_cli_error(PROG, &err);
                code = TT_EXIT_FAIL;
                break;
            }
            for (size_t j = 0; j < tt_manifest_ncols(m); j++)
                fprintf(f, "%s%s", j ? "\t" : "", tt_manifest_col(m, j));
            fputc('\n', f);
        }
        uint64_t bytes = 0;
        for (size_t d = a; d < b; d++) {
            const tt_mdoc *md = tt_manifest_doc(m, d);
            FILE *g = fopen(md->fullpath, "rb");
            if (g) {
                fseek(g, 0, SEEK_END);
                long sz = ftell(g);
                bytes += sz > 0 ? (uint64_t)sz : 0;
                fclose(g);
            }
            for (size_t j = 0; f && j < tt_manifest_ncols(m); j++) {
                tt_buf e = {0};
                tt_buf_put_tsv(&e, md->values[j], strlen(md->values[j]));
                fprintf(f, "%s%s", j ? "\t" : "", e.data ? e.data : "");
                tt_buf_free(&e);
            }
            if (f)
                fputc('\n', f);
        }
        if (f && fclose(f) != 0)
            code = TT_EXIT_FAIL;
        printf("%u/%u\t%zu\t%llu\n", i, (unsigned)k, b - a, (unsigned long long)bytes);
    }
    tt_manifest_free(m);
    return tt_cli_finish(prog, code);
}

static int
cmd_merge(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "merge");
    static const struct option lo[] = {{"out", 1, 0, 'o'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *out = NULL;
    int o;
    tt_cli_getopt_reset();
    while ((o = getopt_long(argc, argv, TT_CLI_OPTSTRING, lo, NULL)) != -1) {
        if (o == 'o') {
            out = optarg;
        } else if (o == 'h') {
            fputs("Usage: pipeline merge PART... --out DIR\n"
                  "Merges the partial outputs of `pipeline run --shard I/K` (all K of them) into exactly\n"
                  "what one run over the whole corpus writes.\n" TT_EXIT_CODES_HELP,
                  stdout);
            return tt_cli_finish(prog, 0);
        } else {
            return tt_cli_badopt(prog, argv, lo, o);
        }
    }
    if (!out || optind >= argc)
        return tt_cli_usage(prog, "PART... and --out DIR are required");
    tt_error err;
    tt_error_clear(&err);
    tt_run_result res;
    int rc = tt_merge((const char *const *)argv + optind, (size_t)(argc - optind), out, &res, &err);
    if (rc < 0) {
        tt_cli_error(PROG, &err);
        return tt_cli_finish(prog, tt_cli_code(rc));
    }
    fprintf(stderr, "%s: merged %d parts: %zu documents (%zu skipped) -> %s\n", PROG, argc - optind, res.docs,
            res.skipped, out);
    return tt_cli_finish(prog, rc == 1 ? TT_EXIT_SKIPPED : 0);
}

static int
cmd_diff(int argc, char **argv)
{
    char progb[96];
    const char *prog = tt_cli_subprog(progb, sizeof progb, "diff");
    int help = argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
    if (argc != 3 || argv[1][0] == '-') {
        if (!help && argc > 1 && argv[1][0] == '-')
            return tt_cli_usage(prog, "unknown option '%s' (diff takes two output folders)", argv[1]);
        if (!help)
            return tt_cli_usage(prog, "diff needs two output folders: OLD_OUT NEW_OUT");
        fputs("Usage: pipeline diff OLD_OUT NEW_OUT\n"
              "Prints as TSV what changed between two runs: documents added and removed, concepts whose\n"
              "rate changed most, forms that appeared or vanished.\n" TT_EXIT_CODES_HELP,
              stdout);
        return tt_cli_finish(prog, 0);
    }
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_export_diff(argv[1], argv[2], stdout, &err);
    if (rc) {
        tt_cli_error(PROG, &err);
        return tt_cli_finish(prog, tt_cli_code(rc));
    }
    return tt_cli_finish(prog, 0);
}

static int cmd_help(int argc, char **argv);

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *what;
} commands[] = {
    {"run", cmd_run, "run the whole pipeline over a corpus into an output folder"},
    {"kwic", cmd_kwic, "concordance lines for the hits of a run"},
    {"lexicon", cmd_lexicon, "check a lexicon, or explain which entry matches a word"},
    {"manifest", tt_manifest_cmd_main, "draft the manifest of a corpus folder: language, script, heading fields"},
    {"shard", cmd_shard, "split a corpus into K shards (for a Slurm job array)"},
    {"merge", cmd_merge, "merge the partial outputs of K shards"},
    {"diff", cmd_diff, "what changed between two output folders"},
    {"report", tt_report_main, "report/index.html: one page with the charts of an output folder"},
    {"decode", tt_decode_main, "stage 1: bytes in any encoding -> UTF-8 text stream"},
    {"normalize", tt_normalize_main, "stage 2: NFC text as written, script detection"},
    {"tokenize", tt_tokenize_main, "stage 3: words, sentences, articles, match forms"},
    {"match", tt_match_main, "stage 4: lexicon hits"},
    {"count", tt_count_main, "stage 5: per-document counts (docres)"},
    {"export", tt_export_main, "stage 6: the output folder"},
    {"help", cmd_help, "this list"},
};

static int
cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("termtrace %s - concept counts, co-occurrence and KWIC over multilingual legal corpora\n\n"
           "Usage: pipeline COMMAND [OPTIONS]   (pipeline COMMAND --help for each)\n\n",
           TT_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].what);
    printf("\nThe stages also exist as programs (build/release/bin/tt-decode ...), each reading stdin and\n"
           "writing stdout in the stream formats of stages/README.md. Every command and stage takes -h.\n"
           "Messages start with the name you called (./pipeline: 'pipeline'; $TT_PROG sets it);\n"
           "README.md, \"Messages\", lists each with its cause and fix.\n\n" TT_EXIT_CODES_HELP);
    return tt_cli_finish(PROG, 0);
}

int
main(int argc, char **argv)
{
    int r;
    if (argc < 2) {
        r = tt_cli_usage(PROG, "no command");
    } else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        r = cmd_help(argc, argv);
    } else if (!strcmp(argv[1], "--version")) {
        printf("termtrace %s (output format %d)\n", TT_VERSION, TT_FORMAT_VERSION);
        r = tt_cli_finish(PROG, 0);
    } else {
        r = -1;
        for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
            if (!strcmp(argv[1], commands[i].name)) {
                r = commands[i].fn(argc - 1, argv + 1);
                break;
            }
        if (r < 0) {
            const char *names[sizeof commands / sizeof *commands];
            for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
                names[i] = commands[i].name;
            const char *near = tt_suggest(argv[1], names, sizeof commands / sizeof *commands);
            if (argv[1][0] == '-')
                r = tt_cli_usage(PROG, "unknown option '%s' (options follow the command: %s COMMAND --help)",
                                 argv[1], PROG);
            else if (near)
                r = tt_cli_usage(PROG, "unknown command '%s'; did you mean '%s'?", argv[1], near);
            else
                r = tt_cli_usage(PROG, "unknown command '%s'", argv[1]);
        }
    }
    tt_sha256_cleanup();
    u_cleanup();
    return r;
}
