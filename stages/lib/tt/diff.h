/* tt/diff.h - what changed between two output folders (`pipeline diff OLD NEW`): documents, concept rates and
 * surface forms. Reads the folders' files only; writes a TSV to a caller-owned stream. */
#ifndef TT_DIFF_H
#define TT_DIFF_H

#include "tt/common.h"

#include <stdio.h>

/* `pipeline diff OLD NEW`: compares two output folders (plain or --gzip) and writes a TSV to out with the
 * header "change  doc_id  concept_id  form  old  new" and rows, in this order:
 *   doc_added / doc_removed        (doc_id; from docs.tsv; byte order)
 *   rate                           (concept_id, old and new corpus rate per 10,000 tokens = sum of counts in
 *                                   tf.tsv * 10000 / sum of docs.tsv tokens; every concept of either run whose
 *                                   rate changed, largest absolute change first, ties by concept_id)
 *   form_added / form_removed      (concept_id, form: the distinct (concept, form) pairs of forms.tsv when both
 *                                   folders have one, else of hits.tsv's surface column; byte order)
 * Errors: TT_EIO (a folder or file missing, with the path), TT_ESYNTAX (a file without its expected columns),
 * TT_ENOMEM. Memory grows with the distinct documents, concepts and forms of the two runs. */
int tt_export_diff(const char *old_dir, const char *new_dir, FILE *out, tt_error *err);

#endif
