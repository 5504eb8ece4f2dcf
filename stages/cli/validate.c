/* validate.c - --compare / --group-by / --period checked against the manifest (see validate.h). */
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "tt/suggest.h"

#include "cli.h"

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The year of a document as the exporter derives it: a `year` column, else the first 4 digits of
 * `date`. */
static int
has_col(const tt_manifest *m, const char *name)
{
    return tt_manifest_colindex(m, name) >= 0;
}

long
tt_cli_key_values(const tt_manifest *m, size_t first, size_t last, const char *key,
                  const char ***out, char **store)
{
    *out = NULL;
    *store = NULL;
    long j = tt_manifest_colindex(m, key);
    int year = j < 0 && !strcmp(key, "year") && has_col(m, "date");
    if (j < 0 && !year)
        return -1;
    size_t n = last - first, k = 0;
    const char **v = malloc((n ? n : 1) * sizeof *v);
    char *ys = year ? malloc((n ? n : 1) * 12) : NULL;
    if (!v || (year && !ys)) {
        free(v);
        free(ys);
        return -2;
    }
    for (size_t i = first; i < last; i++) {
        const tt_mdoc *d = tt_manifest_doc(m, i);
        if (year) {
            if (d->year > 0) {
                char *y = ys + 12 * k;
                snprintf(y, 12, "%04d", d->year);
                v[k++] = y;
            }
        } else if (d->values[j][0]) {
            v[k++] = d->values[j];
        }
    }
    qsort(v, k, sizeof *v, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || strcmp(v[u - 1], v[i]) != 0)
            v[u++] = v[i];
    *out = v;
    *store = ys;
    return (long)u;
}

static char *
trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* The manifest's columns (and "year" when derived) for a message. */
static void
columns(const tt_manifest *m, const char **names, size_t *n)
{
    *n = 0;
    for (size_t j = 0; j < tt_manifest_ncols(m) && *n < 255; j++)
        names[(*n)++] = tt_manifest_col(m, j);
    if (!has_col(m, "year") && has_col(m, "date"))
        names[(*n)++] = "year";
}

static int
no_column(const char *prog, const tt_manifest *m, const char *mname, const char *opt,
          const char *key)
{
    const char *names[256];
    size_t n;
    columns(m, names, &n);
    char list[1200];
    tt_suggest_list(list, sizeof list, names, n, 30);
    const char *near = tt_suggest(key, names, n);
    fprintf(stderr, "%s: error: %s: no column '%s' in '%s' (columns: %s)", prog, opt, key, mname,
            list);
    if (near)
        fprintf(stderr, "; did you mean '%s'?", near);
    fputc('\n', stderr);
    return TT_EXIT_USAGE;
}

/* A key of a grouping: must be a column with at least one non-empty value. */
static int
check_key(const char *prog, const tt_manifest *m, const char *mname, size_t first, size_t last,
          const char *opt, const char *key)
{
    const char **v;
    char *ys;
    long n = tt_cli_key_values(m, first, last, key, &v, &ys);
    if (n == -2) {
        fprintf(stderr, "%s: error: out of memory\n", prog);
        return TT_EXIT_FAIL;
    }
    free(v);
    free(ys);
    if (n < 0)
        return no_column(prog, m, mname, opt, key);
    if (n == 0) {
        if (!strcmp(key, "year"))
            fprintf(
                stderr,
                "%s: error: %s: no document has a year: the 'date' column of '%s' is empty (write "
                "YYYY or YYYY-MM-DD)\n",
                prog, opt, mname);
        else
            fprintf(stderr, "%s: error: %s: column '%s' is empty in every row of '%s'\n", prog, opt,
                    key, mname);
        return TT_EXIT_USAGE;
    }
    return 0;
}

/* One key=value condition of --compare. */
static int
check_cond(const char *prog, const tt_manifest *m, const char *mname, size_t first, size_t last,
           const char *side, const char *key, const char *val)
{
    const char **v;
    char *ys;
    long n = tt_cli_key_values(m, first, last, key, &v, &ys);
    if (n == -2) {
        fprintf(stderr, "%s: error: out of memory\n", prog);
        return TT_EXIT_FAIL;
    }
    int code = 0;
    char opt[400];
    snprintf(opt, sizeof opt, "--compare %s", side);
    if (n < 0) {
        code = no_column(prog, m, mname, opt, key);
    } else if (!bsearch(&val, v, (size_t)n, sizeof *v, cmp_str)) {
        char list[1200];
        tt_suggest_list(list, sizeof list, v, (size_t)n, 30);
        const char *near = tt_suggest(val, v, (size_t)n);
        fprintf(stderr, "%s: error: %s: no document has %s '%s' in '%s' (values: %s)", prog, opt,
                key, val, mname, n ? list : "none: the column is empty");
        if (near)
            fprintf(stderr, "; did you mean '%s'?", near);
        fprintf(stderr, "%s\n",
                near && !strcasecmp(near, val) ? " (values are matched with their case)" : "");
        code = TT_EXIT_USAGE;
    }
    free(v);
    free(ys);
    return code;
}

/* Does document d meet every condition of a side? */
static int
doc_meets(const tt_manifest *m, const tt_mdoc *d, char **keys, char **vals, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long j = tt_manifest_colindex(m, keys[i]);
        char y[16];
        const char *v;
        if (j >= 0) {
            v = d->values[j];
        } else {
            snprintf(y, sizeof y, "%04d", d->year);
            v = d->year > 0 ? y : "";
        }
        if (strcmp(v, vals[i]) != 0)
            return 0;
    }
    return 1;
}

static int
check_compare(const char *prog, const tt_manifest *m, const char *mname, size_t first, size_t last,
              tt_cli_opts *c)
{
    char *s = strdup(c->exp.compare), *out = malloc(strlen(c->exp.compare) + 1);
    if (!s || !out) {
        free(s);
        free(out);
        fprintf(stderr, "%s: error: out of memory\n", prog);
        return TT_EXIT_FAIL;
    }
    int code = 0;
    char *colon = strchr(s, ':');
    if (!colon || strchr(colon + 1, ':')) {
        fprintf(stderr,
                "%s: error: --compare '%s': want A:B with one ':', e.g. country=KZ:country=UZ\n",
                prog, c->exp.compare);
        code = TT_EXIT_USAGE;
    }
    *out = 0;
    char *sides[2] = {s, colon ? colon + 1 : NULL};
    if (colon)
        *colon = 0;
    for (int k = 0; k < 2 && !code; k++) {
        char *keys[16], *vals[16];
        size_t n = 0;
        char *sidecopy = strdup(sides[k]);
        for (char *p = sides[k], *e; p && !code; p = e) {
            e = strchr(p, '+');
            if (e)
                *e++ = 0;
            char *eq = strchr(p, '=');
            if (!eq || n == 16) {
                fprintf(stderr,
                        "%s: error: --compare: side '%s' is not key=value (e.g. country=KZ, or "
                        "country=KZ+year=2020 for both)\n",
                        prog, sidecopy ? sidecopy : "");
                code = TT_EXIT_USAGE;
                break;
            }
            *eq = 0;
            keys[n] = trim(p);
            vals[n] = trim(eq + 1);
            if (!*keys[n] || !*vals[n]) {
                fprintf(stderr, "%s: error: --compare: side '%s' has an empty key or value\n", prog,
                        sidecopy ? sidecopy : "");
                code = TT_EXIT_USAGE;
                break;
            }
            char side[300];
            snprintf(side, sizeof side, "%s=%s", keys[n], vals[n]);
            if (m)
                code = check_cond(prog, m, mname, first, last, side, keys[n], vals[n]);
            n++;
        }
        if (!code && m && n > 1) {
            size_t hit = 0;
            for (size_t i = first; i < last && !hit; i++)
                hit += (size_t)doc_meets(m, tt_manifest_doc(m, i), keys, vals, n);
            if (!hit) {
                fprintf(stderr,
                        "%s: error: --compare: no document meets all of '%s' (each value exists, "
                        "but not "
                        "together)\n",
                        prog, sidecopy ? sidecopy : "");
                code = TT_EXIT_USAGE;
            }
        }
        free(sidecopy);
        if (code)
            break;
        for (size_t i = 0; i < n; i++)
            sprintf(out + strlen(out), "%s%s=%s", i ? "+" : "", keys[i], vals[i]);
        if (k == 0)
            strcat(out, ":");
    }
    const char *c0 = code ? NULL : strchr(out, ':');
    if (c0 && strlen(c0 + 1) == (size_t)(c0 - out) && !strncmp(out, c0 + 1, (size_t)(c0 - out))) {
        fprintf(stderr, "%s: error: --compare %s: both sides are the same group\n", prog, out);
        code = TT_EXIT_USAGE;
    }
    free(s);
    if (code || m) { /* the data check leaves the options as the syntax pass made them */
        free(out);
        return code;
    }
    free(c->compare_owned);
    c->compare_owned = out;
    c->exp.compare = out;
    return 0;
}

static int
check_period(const char *prog, const tt_manifest *m, const char *mname, size_t first, size_t last,
             tt_cli_opts *c)
{
    const char *p = c->exp.period;
    if (strcmp(p, "year") != 0 && strcmp(p, "5y") != 0 && !isdigit((unsigned char)p[0])) {
        static const char *const kinds[] = {"year", "5y"};
        const char *near = tt_suggest(p, kinds, 2);
        fprintf(
            stderr,
            "%s: error: --period '%s': want year, 5y or increasing break years (1991,2000,2020)",
            prog, p);
        if (near)
            fprintf(stderr, "; did you mean '%s'?", near);
        fputc('\n', stderr);
        return TT_EXIT_USAGE;
    }
    if (!m)
        return 0;
    if (!has_col(m, "year") && !has_col(m, "date")) {
        fprintf(
            stderr,
            "%s: error: --period: '%s' has no 'date' column (nor 'year'): add the documents' dates "
            "(YYYY or YYYY-MM-DD)\n",
            prog, mname);
        return TT_EXIT_USAGE;
    }
    return check_key(prog, m, mname, first, last, "--period", "year");
}

int
tt_cli_validate(const char *prog, const tt_manifest *m, const char *mname, size_t first,
                size_t last, tt_cli_opts *c)
{
    int code = 0;
    for (size_t g = 0; g < c->ngroup && !code; g++) {
        /* keys joined by '+' (commas already turned into '+'); white space around each key removed
         */
        char *spec = m ? strdup(c->group_owned[g]) : c->group_owned[g], *w = spec;
        if (!spec) {
            fprintf(stderr, "%s: error: out of memory\n", prog);
            return TT_EXIT_FAIL;
        }
        for (char *p = spec, *e; p && !code; p = e) {
            e = strchr(p, '+');
            if (e)
                *e++ = 0;
            char *key = trim(p);
            if (!*key) {
                fprintf(stderr,
                        "%s: error: --group-by: an empty key (write KEYS as country,year)\n", prog);
                code = TT_EXIT_USAGE;
                break;
            }
            if (m)
                code = check_key(prog, m, mname, first, last, "--group-by", key);
            size_t kl = strlen(key);
            if (w != spec)
                *w++ = '+';
            memmove(w, key, kl);
            w += kl;
        }
        *w = 0;
        if (m)
            free(spec);
    }
    if (!code && c->exp.compare)
        code = check_compare(prog, m, mname, first, last, c);
    if (!code && c->exp.period)
        code = check_period(prog, m, mname, first, last, c);
    return code;
}

uint64_t
tt_cli_manifest_bytes(const tt_manifest *m, size_t first, size_t last)
{
    uint64_t sum = 0;
    for (size_t i = first; i < last; i++) {
        const tt_mdoc *d = tt_manifest_doc(m, i);
        struct stat st;
        if (d->size >= 0) /* the manifest's load has seen it */
            sum += (uint64_t)d->size;
        else if (stat(d->fullpath, &st) == 0 && S_ISREG(st.st_mode))
            sum += (uint64_t)st.st_size;
    }
    return sum;
}
