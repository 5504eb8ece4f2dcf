/* tt/measures.h - association measures for co-occurrence counts and keyness measures for two sub-corpora.
 *
 * Pure functions on counts; the formulas (with their sources) are in stages/50-count/docres.md, section
 * "Association measures" and "Keyness". Logarithms: pmi, log_dice and log_ratio in base 2; g2 uses ln.
 */
#ifndef TT_MEASURES_H
#define TT_MEASURES_H

typedef struct tt_assoc {
    double pmi;      /* log2(O11 * N / (fa * fb)) */
    double log_dice; /* 14 + log2(2 * O11 / (fa + fb)) */
    double t_score;  /* (O11 - E11) / sqrt(O11), E11 = fa * fb / N */
    double g2;       /* 2 * sum O_ij ln(O_ij / E_ij) over the 2x2 table (terms with O_ij <= 0 are 0) */
} tt_assoc;

/* o11 = co-occurrence count of a and b (> 0), fa / fb = diagonal counts of a and b (> 0), n = number of
 * contexts. n is raised to max(n, fa + fb - o11, 1) so the 2x2 table has no negative cell (only window
 * contexts, where o11 counts pairs of hits, can need it). For a == b pass o11 = fa = fb. */
void tt_assoc_compute(double o11, double fa, double fb, double n, tt_assoc *out);

/* Collocates in a window (collocates.tsv, context windowN): o11 = tokens of the term within the windows of
 * the concept's hits, fc = the concept's hits, span = token positions within those windows (R1), ft = the
 * term's corpus frequency, n = tokens. log_dice = 14 + log2(2 o11 / (fc + ft)) (Rychlý 2008, as Sketch
 * Engine); pmi, t_score and g2 come from the 2x2 table of token positions (in a window of the concept or not)
 * x (the term or not): E11 = span * ft / n (Evert 2008, surface co-occurrence), i.e. tt_assoc_compute(o11,
 * span, ft, n). */
void tt_assoc_window(double o11, double fc, double span, double ft, double n, tt_assoc *out);

typedef struct tt_keyness {
    double g2;        /* log-likelihood (Rayson & Garside 2000), 2 terms, always >= 0 */
    double chi2;      /* Pearson chi-square of the 2x2 table, no continuity correction */
    double log_ratio; /* log2((a / ta) / (b / tb)), a zero count taken as 0.5 (Hardie 2014); 0 if a = b = 0 */
    double pct_diff;  /* 100 * (a / ta - b / tb) / (b / tb), b = 0 taken as 0.5 (Gabrielatos & Marchi 2012);
                         0 if a = b = 0 */
    double p_value;   /* P(chi2 with 1 df >= g2) = erfc(sqrt(g2 / 2)) */
} tt_keyness;

/* a, b = counts of one concept in sub-corpora A and B; ta, tb = their token counts. When ta or tb is 0 every
 * measure is 0 and p_value 1. */
void tt_keyness_compute(double a, double b, double ta, double tb, tt_keyness *out);

#endif
