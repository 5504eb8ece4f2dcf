/* progress.h - the progress line of `pipeline run` on stderr, on a terminal and off one (a batch
 * job's log).
 *
 * On a terminal the line is redrawn in place (\r) at most every 0.5 s; elsewhere one line is
 * written every 10 s, so a Slurm log shows how far a run got. $TT_PROGRESS_INTERVAL (seconds, may
 * be 0 or a fraction) sets the interval either way; tests set 0 to get a line per document. The
 * line: pipeline: 120/1000 documents, 35.2/410.0 MB, 12.3 MB/s, ETA 31 s MB are the input files'
 * bytes as stored; the rate and the ETA are measured from the first document done (so loading the
 * lexicon does not count) and the ETA is left out until 2 s and 1 % of the bytes have passed.
 */
#ifndef TT_CLI_PROGRESS_H
#define TT_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct tt_cli_progress {
    const char *prog;
    uint64_t total_bytes; /* bytes of all the run's files (0 if unknown: no MB total, no ETA) */
    int tty;
    double interval, last, t0;
    uint64_t b0;
    int started, drawn;
} tt_cli_progress;

/* Sets up p for stderr (terminal or not) and the environment's interval. */
void tt_cli_progress_init(tt_cli_progress *p, const char *prog, uint64_t total_bytes);
/* The tt_run_callbacks.progress function; ctx is a tt_cli_progress. */
void tt_cli_progress_cb(void *ctx, size_t done, size_t total, uint64_t bytes, double seconds);
/* Ends a redrawn terminal line with a newline. */
void tt_cli_progress_end(tt_cli_progress *p);

#endif
