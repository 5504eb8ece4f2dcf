/* heading.c - type, number, dates and title from the head of a legal act, by the PCRE2 patterns of
 * lexicons/detect/headings-<lang>.tsv (see tt/heading.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "tt/heading.h"

#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "tt/utf8.h"

#define HEAD_LINES  60
#define HEAD_BYTES  8192
#define MATCH_LIMIT 1000000u

typedef struct rule {
    tt_lang lang;
    int field; /* -1 stop */
    char *value, *example, *expect;
    const char *file;
    uint64_t line;
    pcre2_code *re;
} rule;

typedef struct month {
    tt_lang lang;
    int num;
    char *form; /* lowercase */
    size_t n;
} month;

struct tt_heading {
    rule *r;
    size_t nr, capr;
    month *m;
    size_t nm, capm;
    char *files[TT_LANG_COUNT];
};

static const char *const field_names[TT_HF_COUNT] = {"doc_type", "number", "date", "version_date",
                                                     "title"};

const char *
tt_heading_field_name(int f)
{
    return f >= 0 && f < TT_HF_COUNT ? field_names[f] : "stop";
}

static int
lower(const char *s, size_t n, tt_buf *out)
{
    tt_buf_reset(out);
    for (size_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, n, c);
        if (c < 0)
            continue;
        c = u_tolower(c);
        char b[4];
        size_t k = 0;
        U8_APPEND_UNSAFE(b, k, c);
        if (tt_buf_append(out, b, k))
            return TT_ENOMEM;
    }
    return tt_buf_putc(out, 0) ? TT_ENOMEM : (out->len--, 0);
}

static int syntax(tt_error *err, const char *path, uint64_t line, const char *fmt, ...)
    TT_PRINTF(4, 5);

static int
syntax(tt_error *err, const char *path, uint64_t line, const char *fmt, ...)
{
    char m[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    tt_error_set(err, TT_ESYNTAX, "%s", m);
    return tt_error_at(err, path, line, 0);
}

/* Splits a line into at most k tab-separated fields in place; returns the number found. */
static size_t
split(char *s, char **f, size_t k)
{
    size_t n = 0;
    while (n < k) {
        f[n++] = s;
        char *t = strchr(s, '\t');
        if (!t)
            break;
        *t = 0;
        s = t + 1;
    }
    return n;
}

static int
load_months(tt_heading *h, const char *path, tt_error *err)
{
    size_t n;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read month names");
        return tt_error_at(err, path, 0, 0);
    }
    int rc = 0;
    uint64_t line = 0;
    tt_buf lo = {0};
    for (char *ls = text; ls < text + n && !rc;) {
        char *le = memchr(ls, '\n', (size_t)(text + n - ls));
        if (!le)
            le = text + n;
        *le = 0;
        line++;
        char *cur = ls, *f[4];
        ls = le + 1;
        if (!*cur || *cur == '#')
            continue;
        size_t nf = split(cur, f, 4);
        int num = nf == 3 ? atoi(f[1]) : 0;
        if (nf != 3 || !tt_lang_known(f[0], strlen(f[0])) || num < 1 || num > 12 || !*f[2]) {
            rc = syntax(err, path, line, "expected 'lang<TAB>month 1-12<TAB>form'");
            break;
        }
        if (tt_grow((void **)&h->m, &h->capm, h->nm + 1, sizeof *h->m)) {
            rc = TT_ENOMEM;
            break;
        }
        if ((rc = lower(f[2], strlen(f[2]), &lo)))
            break;
        char *form = strdup(lo.data);
        if (!form) {
            rc = TT_ENOMEM;
            break;
        }
        h->m[h->nm++] = (month){tt_lang_parse(f[0], 2), num, form, lo.len};
    }
    tt_buf_free(&lo);
    free(text);
    return rc == TT_ENOMEM ? tt_error_set(err, TT_ENOMEM, "out of memory") : rc;
}

/* Expands {NAME} from the defines so far (names: [A-Z0-9_]+); other braces ({1,2}) are left alone.
 */
static int
expand(const char *pat, char **dn, char **dv, size_t nd, tt_buf *out, const char **unknown)
{
    tt_buf_reset(out);
    for (const char *p = pat; *p;) {
        if (*p == '{' && p[1] >= 'A' && p[1] <= 'Z' &&
            !(p - pat >= 2 && (p[-1] == 'p' || p[-1] == 'P') && p[-2] == '\\')) {
            const char *e = p + 1;
            while ((*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '_')
                e++;
            if (*e == '}') {
                size_t k = (size_t)(e - p - 1), i;
                for (i = 0; i < nd; i++)
                    if (strlen(dn[i]) == k && !memcmp(dn[i], p + 1, k))
                        break;
                if (i == nd) {
                    *unknown = p;
                    return TT_ESYNTAX;
                }
                if (tt_buf_puts(out, dv[i]))
                    return TT_ENOMEM;
                p = e + 1;
                continue;
            }
        }
        if (tt_buf_putc(out, *p++))
            return TT_ENOMEM;
    }
    return 0;
}

static int
load_rules(tt_heading *h, tt_lang lang, const char *path, tt_error *err)
{
    size_t n;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read heading patterns");
        return tt_error_at(err, path, 0, 0);
    }
    if (!(h->files[lang] = strdup(path))) {
        free(text);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    char *dn[64], *dv[64];
    size_t nd = 0;
    int rc = 0;
    uint64_t line = 0;
    tt_buf pat = {0}, ex = {0};
    for (char *ls = text; ls < text + n && !rc;) {
        char *le = memchr(ls, '\n', (size_t)(text + n - ls));
        if (!le)
            le = text + n;
        *le = 0;
        line++;
        char *cur = ls, *f[5];
        ls = le + 1;
        if (!*cur || *cur == '#')
            continue;
        size_t nf = split(cur, f, 5);
        if (nf < 3) {
            rc = syntax(err, path, line,
                        "expected 'kind<TAB>value<TAB>pattern<TAB>example<TAB>expect'");
            break;
        }
        const char *unknown = NULL;
        int er = expand(f[2], dn, dv, nd, &pat, &unknown);
        if (er == TT_ESYNTAX) {
            rc = syntax(err, path, line, "unknown name in '%.40s' (define it on an earlier row)",
                        unknown);
            break;
        }
        if (er) {
            rc = TT_ENOMEM;
            break;
        }
        if (!strcmp(f[0], "define")) {
            if (nd == 64) {
                rc = syntax(err, path, line, "more than 64 defines");
                break;
            }
            if (!(dn[nd] = strdup(f[1])) || !(dv[nd] = strdup(pat.data ? pat.data : ""))) {
                free(dn[nd]);
                rc = TT_ENOMEM;
                break;
            }
            nd++;
            continue;
        }
        int field = -2;
        if (!strcmp(f[0], "stop"))
            field = -1;
        for (int k = 0; k < TT_HF_COUNT; k++)
            if (!strcmp(f[0], field_names[k]))
                field = k;
        if (field == -2) {
            rc = syntax(
                err, path, line,
                "unknown kind '%s' (define, stop, doc_type, number, date, version_date, title)",
                f[0]);
            break;
        }
        if (field == TT_HF_DOC_TYPE && !*f[1]) {
            rc = syntax(err, path, line, "a doc_type row needs its value (law, code, decree ...)");
            break;
        }
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat.data, pat.len,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MULTILINE |
                                           PCRE2_DUPNAMES | PCRE2_MATCH_INVALID_UTF,
                                       &ec, &eo, NULL);
        if (!re) {
            PCRE2_UCHAR m[256];
            pcre2_get_error_message(ec, m, sizeof m);
            tt_error_set(err, TT_ESYNTAX, "pattern does not compile at offset %zu: %s", (size_t)eo,
                         (char *)m);
            rc = tt_error_at(err, path, line, 0);
            break;
        }
        tt_buf_reset(&ex);
        if (nf >= 4 && tt_tsv_unescape(&ex, f[3], strlen(f[3]))) {
            pcre2_code_free(re);
            rc = syntax(err, path, line, "bad escape in the example (\\n \\t \\\\ only)");
            break;
        }
        if (tt_grow((void **)&h->r, &h->capr, h->nr + 1, sizeof *h->r)) {
            pcre2_code_free(re);
            rc = TT_ENOMEM;
            break;
        }
        rule *r = &h->r[h->nr];
        memset(r, 0, sizeof *r);
        r->re = re;
        r->lang = lang;
        r->field = field;
        r->file = h->files[lang];
        r->line = line;
        r->value = strdup(f[1]);
        r->example = strdup(ex.data ? ex.data : "");
        r->expect = strdup(nf >= 5 ? f[4] : "");
        h->nr++;
        if (!r->value || !r->example || !r->expect)
            rc = TT_ENOMEM;
    }
    for (size_t i = 0; i < nd; i++) {
        free(dn[i]);
        free(dv[i]);
    }
    tt_buf_free(&pat);
    tt_buf_free(&ex);
    free(text);
    return rc == TT_ENOMEM ? tt_error_set(err, TT_ENOMEM, "out of memory") : rc;
}

int
tt_heading_new(tt_heading **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    if (!data_dir)
        data_dir = tt_data_dir();
    tt_heading *h = calloc(1, sizeof *h);
    if (!h)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    tt_buf p = {0};
    int rc = tt_buf_printf(&p, "%s/detect/months.tsv", data_dir)
                 ? tt_error_set(err, TT_ENOMEM, "out of memory")
                 : load_months(h, p.data, err);
    for (int l = 1; l < TT_LANG_COUNT && !rc; l++) {
        tt_buf_reset(&p);
        if (tt_buf_printf(&p, "%s/detect/headings-%s.tsv", data_dir, tt_lang_name((tt_lang)l)))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        else
            rc = load_rules(h, (tt_lang)l, p.data, err);
    }
    tt_buf_free(&p);
    if (rc) {
        tt_heading_free(h);
        return rc;
    }
    *out = h;
    return 0;
}

void
tt_heading_free(tt_heading *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nr; i++) {
        pcre2_code_free(h->r[i].re);
        free(h->r[i].value);
        free(h->r[i].example);
        free(h->r[i].expect);
    }
    for (size_t i = 0; i < h->nm; i++)
        free(h->m[i].form);
    for (int l = 0; l < TT_LANG_COUNT; l++)
        free(h->files[l]);
    free(h->r);
    free(h->m);
    free(h);
}

size_t
tt_heading_nrules(const tt_heading *h)
{
    return h->nr;
}

int
tt_heading_rule(const tt_heading *h, size_t i, tt_heading_rule_info *info)
{
    *info = (tt_heading_rule_info){0};
    if (i >= h->nr)
        return -1;
    const rule *r = &h->r[i];
    *info = (tt_heading_rule_info){r->lang,   r->field, r->value, r->example,
                                   r->expect, r->file,  r->line};
    return 0;
}

/* Month number of a word (digits, or a month name of lang: exact for ru and en, the longest listed
 * form that begins the word for kk and uz), 0 if none. */
static int
month_of(const tt_heading *h, tt_lang lang, const char *s, size_t n)
{
    if (n && n <= 2 && s[0] >= '0' && s[0] <= '9') {
        int v = 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            v = v * 10 + (s[i] - '0');
        }
        return v >= 1 && v <= 12 ? v : 0;
    }
    tt_buf lo = {0};
    if (lower(s, n, &lo)) {
        tt_buf_free(&lo);
        return 0;
    }
    int prefix = lang == TT_LANG_KK || lang == TT_LANG_UZ, best = 0;
    size_t bestn = 0;
    for (size_t i = 0; i < h->nm; i++) {
        const month *m = &h->m[i];
        if (m->lang != lang || m->n > lo.len || memcmp(m->form, lo.data, m->n))
            continue;
        if ((prefix || m->n == lo.len) && m->n > bestn) {
            best = m->num;
            bestn = m->n;
        }
    }
    tt_buf_free(&lo);
    return best;
}

static int
group(pcre2_match_data *md, const rule *r, const char *s, const char *name, const char **p,
      size_t *n)
{
    /* duplicate names (alternative date forms): the first group of that name that is set */
    uint32_t es = 0;
    pcre2_pattern_info(r->re, PCRE2_INFO_NAMEENTRYSIZE, &es);
    PCRE2_SPTR first, last;
    if (pcre2_substring_nametable_scan(r->re, (PCRE2_SPTR)name, &first, &last) < 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t novec = pcre2_get_ovector_count(md);
    for (PCRE2_SPTR e = first; e <= last; e += es) {
        uint32_t g = (uint32_t)(e[0] << 8 | e[1]);
        if (g < novec && ov[2 * g] != PCRE2_UNSET) {
            *p = s + ov[2 * g];
            *n = ov[2 * g + 1] - ov[2 * g];
            return 1;
        }
    }
    return 0;
}

/* The number the leading digits of p[0..n) make (at most 9 of them; -1 when p does not start with a digit). A
 * group of the match is not NUL-terminated where the text ends: atoi would read past it (found by fuzz_detect). */
static int
digits_of(const char *p, size_t n)
{
    int v = -1;
    for (size_t i = 0; i < n && i < 9 && p[i] >= '0' && p[i] <= '9'; i++)
        v = (v < 0 ? 0 : v * 10) + (p[i] - '0');
    return v;
}

static int
valid_ymd(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
           !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* Fills out from one match of rule r; returns 1 if the match gives a value. */
static int
take(const tt_heading *h, const rule *r, pcre2_match_data *md, const char *s, char *out, size_t cap)
{
    const char *p;
    size_t n;
    switch (r->field) {
    case TT_HF_DOC_TYPE:
        snprintf(out, cap, "%s", r->value);
        return 1;
    case TT_HF_NUMBER:
    case TT_HF_TITLE:
        if (!group(md, r, s, r->field == TT_HF_NUMBER ? "n" : "t", &p, &n))
            return 0;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '.' || p[n - 1] == '\t'))
            n--;
        while (n && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        if (!n)
            return 0;
        if (n >= cap)
            n = tt_utf8_floor(p, cap - 1);
        memcpy(out, p, n);
        out[n] = 0;
        for (size_t i = 0; i < n; i++) /* a title may run over a line break: a field value is one line */
            if ((unsigned char)out[i] < 0x20)
                out[i] = ' ';
        return 1;
    default: {
        const char *yp, *mp, *dp;
        size_t yn, mn, dn;
        if (!group(md, r, s, "y", &yp, &yn) || !group(md, r, s, "m", &mp, &mn) ||
            !group(md, r, s, "d", &dp, &dn))
            return 0;
        int y = digits_of(yp, yn), d = digits_of(dp, dn), m = month_of(h, r->lang, mp, mn);
        if (!valid_ymd(y, m, d))
            return 0;
        snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
        return 1;
    }
    }
}

/* Length of the head of s[0..n): up to the first line a stop rule matches, 60 non-empty lines or 8
 * KiB. */
static int
head_len(const tt_heading *h, tt_lang lang, const char *s, size_t n, pcre2_match_data *md,
         size_t *out)
{
    size_t lim = n < HEAD_BYTES ? n : tt_utf8_floor(s, HEAD_BYTES);
    size_t ok = tt_utf8_check(s, lim);
    if (ok < lim)
        lim = ok;
    size_t pos = 0, lines = 0;
    while (pos < lim && lines < HEAD_LINES) {
        const char *e = memchr(s + pos, '\n', lim - pos);
        size_t le = e ? (size_t)(e - s) : lim;
        int blank = 1;
        for (size_t i = pos; i < le; i++)
            if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
                blank = 0;
        if (!blank) {
            for (size_t i = 0; i < h->nr; i++) {
                const rule *r = &h->r[i];
                if (r->lang != lang || r->field != -1)
                    continue;
                int rc = pcre2_match(r->re, (PCRE2_SPTR)(s + pos), le - pos, 0, 0, md, NULL);
                if (rc >= 0) {
                    *out = pos;
                    return 0;
                }
                if (rc != PCRE2_ERROR_NOMATCH)
                    return TT_EPCRE;
            }
            lines++;
        }
        pos = le + (e != NULL);
    }
    *out = pos < lim ? pos : lim;
    return 0;
}

int
tt_heading_extract(const tt_heading *h, tt_lang lang, const char *s, size_t n,
                   tt_heading_result *res, tt_error *err)
{
    memset(res, 0, sizeof *res);
    for (int f = 0; f < TT_HF_COUNT; f++)
        res->row[f] = -1;
    if (lang == TT_LANG_OTHER || lang >= TT_LANG_COUNT)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (!md || !mc) {
        pcre2_match_data_free(md);
        pcre2_match_context_free(mc);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    pcre2_set_match_limit(mc, MATCH_LIMIT);
    size_t hl = 0;
    int rc = head_len(h, lang, s, n, md, &hl);
    res->head_bytes = hl;
    for (size_t i = 0; i < h->nr && !rc; i++) {
        const rule *r = &h->r[i];
        if (r->lang != lang || r->field < 0 || res->row[r->field] >= 0)
            continue;
        for (PCRE2_SIZE start = 0; start <= hl;) {
            int m = pcre2_match(r->re, (PCRE2_SPTR)s, hl, start, 0, md, mc);
            if (m == PCRE2_ERROR_NOMATCH)
                break;
            if (m < 0) {
                PCRE2_UCHAR msg[200];
                pcre2_get_error_message(m, msg, sizeof msg);
                tt_error_set(err, TT_EPCRE, "heading pattern failed: %s", (char *)msg);
                rc = tt_error_at(err, r->file, r->line, 0);
                break;
            }
            if (take(h, r, md, s, res->value[r->field], sizeof res->value[r->field])) {
                res->row[r->field] = (long)i;
                break;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            while (start < hl && ((unsigned char)s[start] & 0xC0) == 0x80)
                start++;
        }
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    return rc;
}

int
tt_heading_stop_matches(const tt_heading *h, size_t i, const char *s, size_t n)
{
    if (i >= h->nr)
        return TT_EUSAGE;
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    if (!md)
        return TT_ENOMEM;
    int rc = pcre2_match(h->r[i].re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : TT_EPCRE;
}
