/* tt/report.h - report/index.html: one self-contained page (no network, no external file) with the
 * charts of a run, each chart also as report/<name>.svg, built from the files of an output folder
 * (outputs.md).
 *
 * The report is made from the folder's files alone (docs.tsv, concepts.tsv, tf.tsv,
 * groups/KEYS.tsv, series.tsv, forms.tsv, keyness.tsv, cooc.<context>.tsv, hits.tsv, run.json;
 * plain or .gz), so `pipeline run --report` (which calls it on the temporary output folder before
 * it is renamed into place) and `pipeline report OUT` (on a finished folder) share one code path
 * and give byte-identical pages. Columns are read by name, so files that gain columns (hits.tsv
 * `role` and `page`, forms.tsv `form`/`match_form` and group keys, series.tsv keys, keyness.tsv
 * `group_a`/`group_b`) are read the same way and the new columns are used when present.
 *
 * Sections, each only when the run has its data: the corpus at a glance; concept counts and rates
 * per country (bars); terms over time per concept and country (lines per 10,000 tokens, documents
 * per period under the axis); replacement over time (pairs of related concepts where one falls as
 * the other rises, e.g. oralman -> kandas, with their forms); keyness between the compared groups
 * (diverging bars, significance); the co-occurrence heat map (log-Dice) of one context; a
 * concordance browser (a deterministic, evenly spaced sample of at most kwic_per_concept lines per
 * concept; the page says how many hits were left out and points to hits.tsv); the provenance of the
 * run (run.json without its `execution` member, so two runs of the same inputs give the same page).
 *
 * Output is deterministic (byte-identical for the same folder and options). Every text is escaped
 * for HTML and SVG. Memory grows with the number of concepts, groups, periods and documents and
 * with the sample, never with the number of hits (hits.tsv is streamed twice).
 *
 * Ownership: the functions borrow their arguments; nothing is returned for the caller to free.
 */
#ifndef TT_REPORT_H
#define TT_REPORT_H

#include <stddef.h>

#include "tt/common.h"

typedef struct tt_report_opts {
    size_t kwic_per_concept; /* concordance lines kept per concept; 0 = 200 */
    const char *context; /* co-occurrence context of the heat map (e.g. "sentence"); NULL = window5
                            if the run has it, else sentence, else the run's first context */
} tt_report_opts;

/* Reads the output folder out_dir and writes index.html and the SVG files into the existing, empty
 * folder report_dir (each file written atomically, tt/atomic.h). Errors: TT_EIO (a file that cannot
 * be read or written, with its path; docs.tsv, concepts.tsv and run.json are required), TT_ESYNTAX
 * (docs.tsv or concepts.tsv without their key column, a bad escape in a file, or a run.json that
 * does not parse, with the path), TT_EUSAGE (an unknown context), TT_ENOMEM. An optional file of
 * another shape (without the columns a section needs) is not an error: the page says so under its
 * title and leaves that section out. */
int tt_report_write(const char *out_dir, const char *report_dir, const tt_report_opts *opts,
                    tt_error *err);

/* `pipeline run --report`: creates out_dir/report (out_dir is the run's temporary output folder,
 * which the run renames into place afterwards, so the run stays atomic) and writes the report into
 * it. Errors: TT_EIO (the folder cannot be created), and those of tt_report_write. */
int tt_report_create(const char *out_dir, const tt_report_opts *opts, tt_error *err);

/* `pipeline report OUT`: checks that out_dir is the output folder of a run (it holds run.json
 * written by termtrace, and docs.tsv), refusing anything else (TT_EUSAGE naming the folder and
 * why), then writes out_dir/report through a temporary folder (out_dir/report.tmp-PID) swapped into
 * place at the end, so a failure leaves a previous report untouched. Errors: those of
 * tt_report_write. */
int tt_report_install(const char *out_dir, const tt_report_opts *opts, tt_error *err);

#endif
