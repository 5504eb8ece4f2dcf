/* decode_table.c - the encoding table of lexicons/encodings.tsv (aliases -> glibc iconv names, detection
 * candidates and weights, letters each legacy encoding lacks), tt_encoding_canonical and tt_decode_degraded;
 * and the byte -> code point tables of single-byte encodings, built from glibc iconv (the decoder uses them
 * instead of iconv; detection scores with the candidates' tables, built here when a decoder first asks).
 * decode_detect.c uses this file, never the other way round.
 *
 * The table is read once per process (pthread_once) into static storage and is read-only afterwards, so every
 * thread may use it; it is the module's only static state and never changes after loading. */
#include "decode_impl.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

static tt_enc_table table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;  /* the rows read (load) */
static pthread_once_t detect_once = PTHREAD_ONCE_INIT; /* the candidates' byte tables built (detect_tables) */

static void
fold(const char *s, size_t n, char out[TT_ENC_NAME])
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < TT_ENC_NAME; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '-' || c == '_' || c == '.' || c == ' ')
            continue;
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[k] = '\0';
}

/* Next code point of UTF-8 s[*i..n); returns TT_SBCS_UNDEF on invalid UTF-8. */
static uint32_t
next_cp(const char *s, size_t n, size_t *i)
{
    tt_u8_scan r;
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t len = (*p < 0x80) ? 1 : (*p < 0xE0) ? 2 : (*p < 0xF0) ? 3 : 4;
    if (len > n - *i)
        return TT_SBCS_UNDEF;
    tt_u8_scan_run(p, len, len, 0, &r);
    if (r.pos != len)
        return TT_SBCS_UNDEF;
    uint32_t c = len == 1 ? p[0] : len == 2 ? (p[0] & 0x1Fu) : len == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (size_t k = 1; k < len; k++)
        c = c << 6 | (p[k] & 0x3Fu);
    *i += len;
    return c;
}

static int load_fail(size_t line, const char *fmt, ...) TT_PRINTF(2, 3);

static int
load_fail(size_t line, const char *fmt, ...)
{
    table.code = TT_ESYNTAX;
    char m[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    snprintf(table.msg, sizeof table.msg, "line %zu: %s", line, m);
    return -1;
}

/* Splits line into tab-separated fields (in place). */
static size_t
split(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static const char *
find_iconv(const char *name)
{
    char key[TT_ENC_NAME];
    fold(name, strlen(name), key);
    for (size_t i = 0; i < table.nalias; i++)
        if (strcmp(table.alias[i].key, key) == 0)
            return table.alias[i].iconv;
    return NULL;
}

/* "А-я Ё U+0080-U+009F" -> ranges with weight w. */
static int
parse_items(char *s, int w, size_t line)
{
    char *save = NULL;
    for (char *it = strtok_r(s, " ", &save); it; it = strtok_r(NULL, " ", &save)) {
        uint32_t lo, hi;
        size_t n = strlen(it), i = 0;
        if (strncmp(it, "U+", 2) == 0) {
            char *end;
            lo = (uint32_t)strtoul(it + 2, &end, 16);
            hi = lo;
            if (strncmp(end, "-U+", 3) == 0)
                hi = (uint32_t)strtoul(end + 3, &end, 16);
            if (*end)
                return load_fail(line, "bad code point item '%s'", it);
        } else {
            lo = hi = next_cp(it, n, &i);
            if (i < n && it[i] == '-' && i + 1 < n) {
                i++;
                hi = next_cp(it, n, &i);
            }
            if (lo == TT_SBCS_UNDEF || hi == TT_SBCS_UNDEF || i != n)
                return load_fail(line, "bad item '%s' (a character, a range A-B or U+XXXX)", it);
        }
        if (hi < lo)
            return load_fail(line, "empty range '%s'", it);
        if (table.nscore == TT_ENC_MAX_SCORE)
            return load_fail(line, "too many score items (%s)", "limit 256");
        table.score[table.nscore++] = (tt_enc_range){lo, hi, w};
    }
    return 0;
}

static int
parse_line(char *line, size_t ln)
{
    char *f[8];
    size_t nf = split(line, f, 8);
    if (strcmp(f[0], "alias") == 0) {
        if (nf != 3 || !*f[1] || !*f[2] || strlen(f[1]) >= TT_ENC_NAME || strlen(f[2]) >= TT_ENC_NAME)
            return load_fail(ln, "%s row needs: alias NAME ICONV (names under 40 bytes)", "an alias");
        if (table.nalias == TT_ENC_MAX_ALIAS)
            return load_fail(ln, "too many aliases (%s)", "limit 512");
        const char *had = find_iconv(f[1]);
        if (had && strcmp(had, f[2]) != 0)
            return load_fail(ln, "alias '%s' maps to %s and to %s", f[1], had, f[2]);
        if (had)
            return 0; /* the same name spelt another way ("UTF8" and "UTF-8" fold alike) */
        tt_enc_alias *a = &table.alias[table.nalias];
        fold(f[1], strlen(f[1]), a->key);
        snprintf(a->iconv, sizeof a->iconv, "%s", f[2]);
        table.nalias++;
    } else if (strcmp(f[0], "detect") == 0) {
        const char *c = nf == 2 ? find_iconv(f[1]) : NULL;
        if (!c || strcmp(c, f[1]) != 0)
            return load_fail(ln, "detect row needs a canonical name defined by an earlier alias row ('%s')",
                             nf >= 2 ? f[1] : "");
        if (table.ndetect == TT_ENC_MAX_DETECT)
            return load_fail(ln, "too many detect rows (%s)", "limit 16");
        table.detect[table.ndetect++] = c;
    } else if (strcmp(f[0], "score") == 0) {
        char *end;
        long w = nf == 3 ? strtol(f[1], &end, 10) : 0;
        if (nf != 3 || !*f[1] || *end || w < -1000 || w > 1000)
            return load_fail(ln, "%s row needs: score WEIGHT ITEMS", "a score");
        return parse_items(f[2], (int)w, ln);
    } else if (strcmp(f[0], "lacks") == 0) {
        if (nf != 4)
            return load_fail(ln, "%s row needs: lacks ICONV LANG LETTERS", "a lacks");
        const char *c = find_iconv(f[1]);
        if (!c || strcmp(c, f[1]) != 0)
            return load_fail(ln, "lacks row needs a canonical name defined by an earlier alias row ('%s')", f[1]);
        if (!tt_lang_known(f[2], strlen(f[2])))
            return load_fail(ln, "unknown language '%s'", f[2]);
        if (table.nlacks == TT_ENC_MAX_LACKS)
            return load_fail(ln, "too many lacks rows (%s)", "limit 128");
        tt_enc_lacks *l = &table.lacks[table.nlacks];
        memcpy(l->iconv, c, strlen(c) + 1); /* c is shorter than TT_ENC_NAME */
        l->lang = tt_lang_parse(f[2], strlen(f[2]));
        size_t n = strlen(f[3]);
        for (size_t i = 0; i < n;) {
            uint32_t cp = next_cp(f[3], n, &i);
            if (cp == TT_SBCS_UNDEF || l->nletters == TT_ENC_MAX_LETTERS)
                return load_fail(ln, "bad or too many letters in '%s'", f[3]);
            l->letters[l->nletters++] = cp;
        }
        table.nlacks++;
    } else {
        return load_fail(ln, "unknown row kind '%s' (alias, detect, score, lacks)", f[0]);
    }
    return 0;
}

int
tt_sbcs_build(tt_sbcs *t, const char *iconv_name)
{
    iconv_t cd = iconv_open("UTF-32LE", iconv_name);
    if (cd == (iconv_t)-1)
        return TT_EUSAGE;
    int single = 1;
    for (int b = 0; b < 256 && single; b++) {
        char in = (char)b, outb[32];
        char *ip = &in, *op = outb;
        size_t il = 1, ol = sizeof outb;
        iconv(cd, NULL, NULL, NULL, NULL);
        t->cp[b] = TT_SBCS_UNDEF;
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno != EILSEQ)
                single = 0;
            continue;
        }
        if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1 || il != 0 || sizeof outb - ol != 4) {
            single = 0;
            continue;
        }
        const unsigned char *u = (const unsigned char *)outb;
        uint32_t cp = (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
        if (cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF))
            t->cp[b] = cp;
    }
    iconv_close(cd);
    if (!single)
        return 0;
    t->ascii_identity = 1;
    for (int b = 0; b < 256; b++) {
        uint32_t c = t->cp[b];
        unsigned char *o = t->u8[b];
        if (b < 0x80 && c != (uint32_t)b)
            t->ascii_identity = 0;
        if (c == TT_SBCS_UNDEF) {
            t->u8len[b] = 0;
        } else if (c < 0x80) {
            o[0] = (unsigned char)c, t->u8len[b] = 1;
        } else if (c < 0x800) {
            o[0] = (unsigned char)(0xC0 | c >> 6), o[1] = (unsigned char)(0x80 | (c & 0x3F));
            t->u8len[b] = 2;
        } else if (c < 0x10000) {
            o[0] = (unsigned char)(0xE0 | c >> 12), o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            o[2] = (unsigned char)(0x80 | (c & 0x3F));
            t->u8len[b] = 3;
        } else {
            o[0] = (unsigned char)(0xF0 | c >> 18), o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)), o[3] = (unsigned char)(0x80 | (c & 0x3F));
            t->u8len[b] = 4;
        }
    }
    return 1;
}

/* Fills t->detect_sbcs/wt/cls for the detect candidates. Returns 0 or -1 with msg set. */
static int
prepare_detect(tt_enc_table *t, char *msg, size_t cap)
{
    for (size_t c = 0; c < t->ndetect; c++) {
        if (tt_sbcs_build(&t->detect_sbcs[c], t->detect[c]) != 1) {
            snprintf(msg, cap, "detect encoding '%s' is not a single-byte encoding of this iconv", t->detect[c]);
            return -1;
        }
        for (int b = 0; b < 256; b++) {
            uint32_t cp = t->detect_sbcs[c].cp[b];
            UChar32 u = cp == TT_SBCS_UNDEF ? 0xFFFD : (UChar32)cp;
            t->detect_wt[c][b] = tt_enc_weight(t, (uint32_t)u);
            t->detect_cls[c][b] = u_islower(u) ? 1 : u_isupper(u) ? 2 : 0;
        }
    }
    return 0;
}

static void
load(void)
{
    snprintf(table.path, sizeof table.path, "%s/encodings.tsv", tt_data_dir());
    FILE *fp = fopen(table.path, "r");
    if (!fp) {
        table.code = TT_EIO;
        snprintf(table.msg, sizeof table.msg, "cannot read the encoding table: %s", strerror(errno));
        return;
    }
    char line[4096];
    size_t ln = 0;
    while (fgets(line, sizeof line, fp)) {
        ln++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (parse_line(line, ln) < 0)
            break;
    }
    if (!table.code && ferror(fp)) {
        table.code = TT_EIO;
        snprintf(table.msg, sizeof table.msg, "cannot read the encoding table: %s", strerror(errno));
    }
    fclose(fp);
    if (!table.code && table.ndetect == 0) {
        table.code = TT_ESYNTAX;
        snprintf(table.msg, sizeof table.msg, "no detect rows");
    }
}

/* The detection candidates' byte tables: 256 iconv conversions per candidate, ten gconv modules loaded. Only a
 * decoder needs them (a worker, when it opens its first document), not the name lookups of a manifest check,
 * which run on the main thread before any document is read (0.5 ms of that path). */
static int detect_code; /* TT_ESYNTAX when a candidate is no single-byte encoding (detect_msg says which) */
static char detect_msg[sizeof table.msg];

static void
detect_tables(void)
{
    if (!table.code && prepare_detect(&table, detect_msg, sizeof detect_msg) < 0)
        detect_code = TT_ESYNTAX; /* not table.code: the name lookups read it meanwhile */
}

/* The table as read (rows only) or, with detect, also with the candidates' tables: 0 or its load error. */
static int
get(const tt_enc_table **out, int detect, tt_error *err)
{
    pthread_once(&table_once, load);
    if (detect)
        pthread_once(&detect_once, detect_tables);
    *out = &table;
    int code = table.code ? table.code : detect ? detect_code : 0;
    if (code) {
        if (err)
            err->sys_errno = 0;
        tt_error_set(err, code, "%s", table.code ? table.msg : detect_msg);
        tt_error_at(err, table.path, 0, 0);
        return code;
    }
    return 0;
}

const tt_sbcs *
tt_enc_detect_sbcs(const tt_enc_table *t, const char *canonical)
{
    for (size_t i = 0; i < t->ndetect; i++)
        if (strcmp(t->detect[i], canonical) == 0)
            return &t->detect_sbcs[i];
    return NULL;
}

int
tt_enc_table_get(const tt_enc_table **out, tt_error *err)
{
    return get(out, 1, err);
}

int
tt_enc_weight(const tt_enc_table *t, uint32_t cp)
{
    for (size_t i = 0; i < t->nscore; i++)
        if (cp >= t->score[i].lo && cp <= t->score[i].hi)
            return t->score[i].weight;
    return 0;
}

void
tt_decode_warm(void)
{
    const tt_enc_table *t;
    (void)get(&t, 1, NULL);
}

const char *
tt_encoding_canonical(const char *name)
{
    const tt_enc_table *t;
    if (!name || get(&t, 0, NULL) != 0)
        return NULL;
    return find_iconv(name);
}

int
tt_decode_degraded(tt_lang lang, const char *encoding)
{
    const tt_enc_table *t;
    if (!encoding || get(&t, 0, NULL) != 0)
        return 0;
    const char *c = find_iconv(encoding);
    if (!c)
        c = encoding;
    for (size_t i = 0; i < t->nlacks; i++)
        if (t->lacks[i].lang == lang && t->lacks[i].nletters && strcmp(t->lacks[i].iconv, c) == 0)
            return 1;
    return 0;
}
