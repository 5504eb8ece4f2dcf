/* measures.c - association and keyness measures (see tt/measures.h). */
#include "tt/measures.h"

#include <math.h>

static double
xlogx_over(double o, double e)
{
    return (o > 0 && e > 0) ? o * log(o / e) : 0.0;
}

void
tt_assoc_compute(double o11, double fa, double fb, double n, tt_assoc *out)
{
    double minn = fa + fb - o11;
    if (n < minn)
        n = minn;
    if (n < 1)
        n = 1;
    double e11 = fa * fb / n;
    out->pmi = (o11 > 0 && e11 > 0) ? log2(o11 / e11) : 0.0;
    out->log_dice = (fa + fb > 0 && o11 > 0) ? 14.0 + log2(2.0 * o11 / (fa + fb)) : 0.0;
    out->t_score = o11 > 0 ? (o11 - e11) / sqrt(o11) : 0.0;
    double o12 = fa - o11, o21 = fb - o11, o22 = n - fa - fb + o11;
    double r1 = fa, r2 = n - fa, c1 = fb, c2 = n - fb;
    out->g2 = 2.0 * (xlogx_over(o11, r1 * c1 / n) + xlogx_over(o12, r1 * c2 / n) + xlogx_over(o21, r2 * c1 / n) +
                     xlogx_over(o22, r2 * c2 / n));
}

void
tt_assoc_window(double o11, double fc, double span, double ft, double n, tt_assoc *out)
{
    tt_assoc_compute(o11, span, ft, n, out);
    out->log_dice = (fc + ft > 0 && o11 > 0) ? 14.0 + log2(2.0 * o11 / (fc + ft)) : 0.0;
}

void
tt_keyness_compute(double a, double b, double ta, double tb, tt_keyness *out)
{
    out->g2 = out->chi2 = out->log_ratio = out->pct_diff = 0.0;
    out->p_value = 1.0;
    if (ta <= 0 || tb <= 0)
        return;
    double n = ta + tb;
    double e1 = ta * (a + b) / n, e2 = tb * (a + b) / n;
    out->g2 = 2.0 * (xlogx_over(a, e1) + xlogx_over(b, e2));
    if (out->g2 < 0)
        out->g2 = 0;
    double den = (a + b) * (n - a - b) * ta * tb;
    if (den > 0) {
        double d = a * (tb - b) - b * (ta - a);
        out->chi2 = n * d * d / den;
    }
    if (a + b > 0) {
        double aa = a > 0 ? a : 0.5, bb = b > 0 ? b : 0.5;
        out->log_ratio = log2((aa / ta) / (bb / tb));
        out->pct_diff = 100.0 * (a / ta - bb / tb) / (bb / tb);
    }
    out->p_value = erfc(sqrt(out->g2 / 2.0));
}
