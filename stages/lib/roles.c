/* roles.c - the role of a hit (text, quoted, note, repealed) from the patterns of
 * <data>/roles/<lang>.tsv, evaluated lazily around the queried positions (see tt/roles.h; the rule
 * file format is in lexicons/README.md, "Roles"). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "tt/roles.h"
#include "tt/utf8.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_NOTE = 1, K_QUOTED, K_TITLE, K_REPEALED };
enum { R_LINE = 1, R_NEXT, R_PAREN, R_REST, R_SENTENCE, R_SPAN, R_ARTICLE };

#define MATCH_LIMIT   100000u
#define DEPTH_LIMIT   1000u
#define REST_MAX_LINE 120   /* a references heading is a short line of its own */
#define BACK_MAX      65536 /* how far back a line start or a previous line is looked for */
#define HEAD_LINES    4 /* an article's heading line and the next non-blank lines read for a repeal \
                         */
#define MAX_SPANS 64    /* quoted spans remembered per sentence */

typedef struct rule {
    int kind, reach;
    pcre2_code *re;
    int group_n; /* number of the named group (?<n>...), or -1 */
    unsigned line;
    char where[64];
    uint8_t first[32]; /* bytes an anchored match can start with (a bitmap; all set when PCRE2 cannot tell) */
    uint32_t lookbehind; /* PCRE2_INFO_MAXLOOKBEHIND: how far before the start offset PCRE2 checks UTF-8 */
    /* the two-byte characters (lead 0xC2..0xDF, bit k: continuation 0x80 + k) an anchored match can start with,
       from PCRE2 itself (second_chars); all set when it cannot tell. Read for well-formed text only. */
    uint64_t second[30];
} rule;

typedef struct ruleset {
    rule *r;
    size_t n;
    /* the rules of kind k and reach e, in file order: r[ord[i]] for i in [from[k * 8 + e], from[k * 8 + e + 1]) */
    uint32_t *ord;
    uint32_t from[K_REPEALED * 8 + 8 + 1];
} ruleset;

typedef struct span {
    size_t a, b; /* content of a quoted span: text[a..b) */
} span;

struct tt_rolefinder {
    ruleset rs[TT_LANG_COUNT];
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    int plain; /* TT_ROLES=plain: PCRE2 checks the UTF-8 of every subject itself (utf_known never used), and
                  every rule whose first byte fits is run (no second_chars filter) */
    int valid; /* the current piece is well-formed UTF-8 (tt_rolefinder_piece_utf8, not plain) */
    tt_lang lang;
    int have_refs;
    uint64_t refs_from;
    /* the current piece */
    const char *text;
    size_t n;
    uint64_t base;
    const tt_tokseq *ts;
    size_t va, vb; /* text[va..vb) is known to be valid UTF-8 (utf_known; va == vb: nothing known) */
    /* caches (positions are piece-relative) */
    int line_ok;
    size_t ls, le;
    tt_role line_role;
    int paren_ok;
    size_t paren_at,
        paren_end; /* last '(' tried; the note it opens ends at paren_end (0 = not a note) */
    size_t pscan,
        popen; /* the current line scanned up to pscan; its last unclosed '(' (SIZE_MAX none) */
    int sent_ok;
    uint32_t sent;
    size_t ra, rb; /* sentence region */
    span spans[MAX_SPANS];
    size_t nspans;
    int trig; /* -1 unknown, 0, 1: an instruction pattern is in the sentence */
    int art_ok;
    uint32_t art;
    int art_repealed;
    /* the rule behind each cached decision, and behind the last role returned (tt_rolefinder_why) */
    const rule *refs_rule, *line_rule_, *paren_rule, *trig_rule, *art_rule;
    const char *why;
};

const char *
tt_role_name(tt_role r)
{
    static const char *const names[TT_NROLES] = {"text", "quoted", "note", "repealed"};
    return (unsigned)r < TT_NROLES ? names[r] : "?";
}

int
tt_role_parse(const char *s, size_t n)
{
    for (int r = 0; r < TT_NROLES; r++)
        if (strlen(tt_role_name((tt_role)r)) == n && memcmp(tt_role_name((tt_role)r), s, n) == 0)
            return r;
    return -1;
}

static const struct {
    const char *kind, *reach;
    int k, r;
} combos[] = {
    {"note", "line", K_NOTE, R_LINE},
    {"note", "next", K_NOTE, R_NEXT},
    {"note", "paren", K_NOTE, R_PAREN},
    {"note", "rest", K_NOTE, R_REST},
    {"quoted", "sentence", K_QUOTED, R_SENTENCE},
    {"title", "span", K_TITLE, R_SPAN},
    {"repealed", "line", K_REPEALED, R_LINE},
    {"repealed", "article", K_REPEALED, R_ARTICLE},
};

/* The first-byte filter of a rule, from PCRE2's own analysis of the pattern (a fixed first code unit, or its
 * start bitmap): a line whose content starts with another byte is not tried at all. */
static void
first_bytes(rule *ru)
{
    memset(ru->first, 0xff, sizeof ru->first);
    if (ru->reach == R_SENTENCE || ru->reach == R_SPAN)
        return; /* searched, not anchored: a match may start anywhere */
    uint32_t type = 0, unit = 0, caseless = 0;
    const uint8_t *bm = NULL;
    if (pcre2_pattern_info(ru->re, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
        return;
    if (type == 1 && pcre2_pattern_info(ru->re, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 256) {
        pcre2_pattern_info(ru->re, PCRE2_INFO_ALLOPTIONS, &caseless);
        if (caseless & PCRE2_CASELESS)
            return; /* the other case of the unit may start a match too */
        memset(ru->first, 0, sizeof ru->first);
        ru->first[unit >> 3] |= (uint8_t)(1u << (unit & 7));
    } else if (type == 0 && pcre2_pattern_info(ru->re, PCRE2_INFO_FIRSTBITMAP, &bm) == 0 && bm) {
        memcpy(ru->first, bm, sizeof ru->first);
    }
}

/* The second-byte filter of an anchored rule that looks at nothing before its start (no lookbehind, \\b or \\B):
 * for each two-byte character whose lead the first-byte filter lets through, PCRE2 is asked whether a match can
 * begin with it (partial matching on that character alone: "no match" means that every way the pattern can
 * start fails on it, whatever follows). A line of well-formed text whose content starts with another one is not
 * tried. Cyrillic lines all start with 0xD0 or 0xD1: the first byte alone lets almost all of them through. */
static void
second_chars(rule *ru, pcre2_match_data *md)
{
    memset(ru->second, 0xff, sizeof ru->second);
    if (ru->reach == R_SENTENCE || ru->reach == R_SPAN || ru->lookbehind != 0 || !md)
        return;
    for (unsigned lead = 0xC2; lead <= 0xDF; lead++) {
        if (!(ru->first[lead >> 3] & (1u << (lead & 7))))
            continue; /* the first byte says no already */
        uint64_t bits = 0;
        for (unsigned k = 0; k < 64; k++) {
            unsigned char ch[2] = {(unsigned char)lead, (unsigned char)(0x80 + k)};
            int r = pcre2_match(ru->re, ch, 2, 0, PCRE2_PARTIAL_HARD, md, NULL);
            if (r != PCRE2_ERROR_NOMATCH) /* a match, a partial one, or cannot tell */
                bits |= 1ull << k;
        }
        ru->second[lead - 0xC2] = bits;
    }
}

static int
load_lang(tt_rolefinder *f, const char *dir, tt_lang lang, tt_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/roles/%s.tsv", dir, tt_lang_name(lang));
    size_t n = 0;
    char *data = tt_file_read(path, &n);
    if (!data) {
        tt_error_set(err, TT_EIO, "cannot read the role patterns");
        return tt_error_at(err, path, 0, 0);
    }
    int rc = 0;
    unsigned lineno = 0;
    ruleset *rs = &f->rs[lang];
    pcre2_match_data *md = pcre2_match_data_create(32, NULL); /* second_chars' (none: no filter) */
    for (char *p = data, *end = data + n; p < end && !rc;) {
        char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        *e = 0;
        lineno++;
        char *line = p;
        p = e + 1;
        if (e > line && e[-1] == '\r')
            e[-1] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t1 || !t2 || !t2[1]) {
            rc = tt_error_set(err, TT_ESYNTAX,
                              "expected 3 tab-separated columns: kind, reach, pattern");
            tt_error_at(err, path, lineno, 1);
            break;
        }
        *t1 = *t2 = 0;
        int k = 0, r = 0;
        for (size_t i = 0; i < sizeof combos / sizeof combos[0]; i++)
            if (!strcmp(combos[i].kind, line) && !strcmp(combos[i].reach, t1 + 1)) {
                k = combos[i].k;
                r = combos[i].r;
            }
        if (!k) {
            rc = tt_error_set(
                err, TT_ESYNTAX,
                "unknown kind and reach '%s %s' (note line|next|paren|rest, quoted sentence, "
                "title span, repealed line|article)",
                line, t1 + 1);
            tt_error_at(err, path, lineno, 1);
            break;
        }
        const char *pat = t2 + 1;
        uint32_t opts = PCRE2_UTF | PCRE2_UCP;
        if (r != R_SENTENCE && r != R_SPAN)
            opts |= PCRE2_ANCHORED;
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *re =
            pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts, &ec, &eo, NULL);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ec, msg, sizeof msg);
            rc = tt_error_set(err, TT_ESYNTAX,
                              "pattern does not compile: %s (at offset %zu of '%s')", (char *)msg,
                              (size_t)eo, pat);
            tt_error_at(err, path, lineno, (uint64_t)(pat - line) + 1 + (uint64_t)eo);
            break;
        }
        pcre2_jit_compile(
            re, PCRE2_JIT_COMPLETE); /* without JIT (unsupported CPU) the interpreter runs */
        rule *nr = realloc(rs->r, (rs->n + 1) * sizeof *nr);
        if (!nr) {
            pcre2_code_free(re);
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        rs->r = nr;
        rule *ru = &rs->r[rs->n++];
        memset(ru, 0, sizeof *ru);
        ru->kind = k;
        ru->reach = r;
        ru->re = re;
        ru->line = lineno;
        int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "n");
        ru->group_n = g > 0 ? g : -1;
        if (r == R_ARTICLE && g <= 0) {
            rc = tt_error_set(err, TT_ESYNTAX,
                              "a 'repealed article' pattern needs a group (?<n>...) for the article's number");
            tt_error_at(err, path, lineno, (uint64_t)(pat - line) + 1);
            break;
        }
        snprintf(ru->where, sizeof ru->where, "roles/%s.tsv:%u", tt_lang_name(lang), lineno);
        first_bytes(ru);
        if (pcre2_pattern_info(re, PCRE2_INFO_MAXLOOKBEHIND, &ru->lookbehind) != 0)
            ru->lookbehind = UINT32_MAX; /* cannot tell: checked from the subject's start */
        second_chars(ru, md);
    }
    pcre2_match_data_free(md);
    free(data);
    if (!rc && !(rs->ord = malloc((rs->n ? rs->n : 1) * sizeof *rs->ord)))
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    if (!rc) { /* the rules grouped by kind and reach (a counting sort: file order within a group) */
        memset(rs->from, 0, sizeof rs->from);
        for (size_t i = 0; i < rs->n; i++)
            rs->from[rs->r[i].kind * 8 + rs->r[i].reach + 1]++;
        for (size_t k = 1; k < sizeof rs->from / sizeof rs->from[0]; k++)
            rs->from[k] += rs->from[k - 1];
        uint32_t at[sizeof rs->from / sizeof rs->from[0]];
        memcpy(at, rs->from, sizeof at);
        for (size_t i = 0; i < rs->n; i++)
            rs->ord[at[rs->r[i].kind * 8 + rs->r[i].reach]++] = (uint32_t)i;
    }
    return rc;
}

int
tt_rolefinder_new(tt_rolefinder **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    tt_rolefinder *f = calloc(1, sizeof *f);
    if (!f)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    const char *dir = data_dir ? data_dir : tt_data_dir();
    int rc = 0;
    static const tt_lang langs[] = {TT_LANG_KK, TT_LANG_UZ, TT_LANG_RU, TT_LANG_EN};
    for (size_t i = 0; i < 4 && !rc; i++)
        rc = load_lang(f, dir, langs[i], err);
    if (!rc) {
        f->md = pcre2_match_data_create(32, NULL);
        f->mc = pcre2_match_context_create(NULL);
        f->js = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
        if (!f->md || !f->mc || !f->js)
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (rc) {
        tt_rolefinder_free(f);
        return rc;
    }
    const char *mode = getenv("TT_ROLES");
    f->plain = mode && strcmp(mode, "plain") == 0;
    pcre2_set_match_limit(f->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(f->mc, DEPTH_LIMIT);
    pcre2_jit_stack_assign(f->mc, NULL, f->js);
    *out = f;
    return 0;
}

void
tt_rolefinder_free(tt_rolefinder *f)
{
    if (!f)
        return;
    for (int l = 0; l < TT_LANG_COUNT; l++) {
        for (size_t i = 0; i < f->rs[l].n; i++)
            pcre2_code_free(f->rs[l].r[i].re);
        free(f->rs[l].r);
        free(f->rs[l].ord);
    }
    pcre2_match_data_free(f->md);
    pcre2_match_context_free(f->mc);
    pcre2_jit_stack_free(f->js);
    free(f);
}

size_t
tt_rolefinder_nrules(const tt_rolefinder *f, tt_lang lang)
{
    return (unsigned)lang < TT_LANG_COUNT ? f->rs[lang].n : 0;
}

void
tt_rolefinder_begin(tt_rolefinder *f, tt_lang lang)
{
    f->lang = (unsigned)lang < TT_LANG_COUNT ? lang : TT_LANG_OTHER;
    f->have_refs = 0;
    f->refs_from = 0;
    f->text = NULL;
    f->n = 0;
    f->va = f->vb = 0;
    f->valid = 0;
    f->ts = NULL;
    f->line_ok = f->paren_ok = f->sent_ok = f->art_ok = 0;
}

/* PCRE2_NO_UTF_CHECK when what pcre2_match would check of the subject text[from..len) from offset `at` is known to
 * be valid UTF-8, else 0 (PCRE2 checks, and reports a bad subject as before). PCRE2 checks from `at`, moved back
 * by the rule's longest lookbehind in characters (not before `from`), to len, and that `at` starts a character
 * (pcre2_match.c). That check costs far more than the JIT match itself (it was 61 of 73 M instructions of
 * pcre2_match on the 10 MB bench corpus): several rules run over the same line, parenthesis or sentence, each
 * checking all of it. Here a subject is checked once (tt_utf8_check: the same well-formed UTF-8), and the valid
 * stretch text[va..vb) is remembered and grown, so the next rules over the same text need no check. A part of
 * it whose ends fall on character starts is valid too. */
static uint32_t
utf_known(tt_rolefinder *f, const rule *ru, size_t from, size_t len, size_t at)
{
    const unsigned char *t = (const unsigned char *)f->text;
    if (f->plain || at > len || (at < len && (t[at] & 0xC0) == 0x80))
        return 0;
    size_t cs = at;
    if (at > from)
        for (uint32_t i = ru->lookbehind; i > 0 && cs > from; i--) {
            cs--;
            while (cs > from && (t[cs] & 0xC0) == 0x80)
                cs--;
        }
    if (cs == len)
        return PCRE2_NO_UTF_CHECK; /* nothing to check */
    if ((t[cs] & 0xC0) == 0x80)
        return 0; /* starts inside a character: PCRE2 reports it */
    if (f->va <= cs && len <= f->vb && (len == f->vb || (t[len] & 0xC0) != 0x80))
        return PCRE2_NO_UTF_CHECK;
    if (tt_utf8_check(f->text + cs, len - cs) != len - cs)
        return 0;
    if (f->va < f->vb && cs <= f->vb && f->va <= len) { /* overlapping or adjacent: the union is valid */
        f->va = cs < f->va ? cs : f->va;
        f->vb = len > f->vb ? len : f->vb;
    } else {
        f->va = cs;
        f->vb = len;
    }
    return PCRE2_NO_UTF_CHECK;
}

/* Runs rule ru on the subject text[from..len) from offset at (so that ^ is `from`). Returns 1
 * (match:
 * [*m0, *m1) in text), 0 (none) or TT_EPCRE. */
static int
run_from(tt_rolefinder *f, const rule *ru, size_t from, size_t len, size_t at, size_t *m0,
         size_t *m1, tt_error *err)
{
    unsigned char c = at < len ? (unsigned char)f->text[at] : 0;
    if (at < len && !(ru->first[c >> 3] & (1u << (c & 7))))
        return 0; /* cannot start here */
    if (f->valid && c >= 0xC2 && c <= 0xDF && at + 1 < len &&
        !((ru->second[c - 0xC2] >> ((unsigned char)f->text[at + 1] & 0x3F)) & 1))
        return 0; /* nor with this character (well-formed text: the next byte is its second) */
    int r = pcre2_match(ru->re, (PCRE2_SPTR)(f->text + from), len - from, at - from,
                        utf_known(f, ru, from, len, at), f->md, f->mc);
    if (r == PCRE2_ERROR_NOMATCH)
        return 0;
    if (r < 0) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(r, msg, sizeof msg);
        return tt_error_set(err, TT_EPCRE, "role pattern %s: %s at byte %llu of the document",
                            ru->where, (char *)msg, (unsigned long long)(f->base + at));
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(f->md);
    if (m0)
        *m0 = from + ov[0];
    if (m1)
        *m1 = from + ov[1];
    return 1;
}

/* Runs rule ru on text[0..len) from offset at: 1 (match [*m0, *m1)), 0 (none) or TT_EPCRE. */
static int
run(tt_rolefinder *f, const rule *ru, size_t len, size_t at, size_t *m0, size_t *m1, tt_error *err)
{
    return run_from(f, ru, 0, len, at, m0, m1, err);
}

/* First byte of a line's content: after spaces, tabs, NBSP, a BOM and Markdown marks (> * _ # |).
 */
static size_t
skip_prefix(const char *s, size_t a, size_t b)
{
    while (a < b) {
        unsigned char c = (unsigned char)s[a];
        if (c == ' ' || c == '\t' || c == '\r' || c == '>' || c == '*' || c == '_' || c == '#' ||
            c == '|')
            a++;
        else if (c == 0xC2 && a + 1 < b && (unsigned char)s[a + 1] == 0xA0)
            a += 2;
        else if (c == 0xEF && a + 2 < b && (unsigned char)s[a + 1] == 0xBB &&
                 (unsigned char)s[a + 2] == 0xBF)
            a += 3;
        else
            break;
    }
    return a;
}

/* Line end (position of '\n' or the piece's end) of the line holding a. */
static size_t
line_end(const tt_rolefinder *f, size_t a)
{
    const char *e = a < f->n ? memchr(f->text + a, '\n', f->n - a) : NULL;
    return e ? (size_t)(e - f->text) : f->n;
}

/* Line start of the line holding a, looking back at most BACK_MAX bytes (and not before lo). */
static size_t
line_start(const tt_rolefinder *f, size_t a, size_t lo)
{
    if (a - lo > BACK_MAX)
        lo = a - BACK_MAX;
    const char *nl = a > lo ? memrchr(f->text + lo, '\n', a - lo) : NULL;
    if (nl)
        return (size_t)(nl - f->text) + 1;
    while (lo < a && ((unsigned char)f->text[lo] & 0xC0) == 0x80)
        lo++; /* a cut line starts at a character */
    return lo;
}

/* Does a rule of this kind and reach match at c, the content start of a line that ends at b? */
static int
line_rule_at(tt_rolefinder *f, int kind, int reach, size_t c, size_t b, const rule **hit, tt_error *err)
{
    const ruleset *rs = &f->rs[f->lang];
    size_t g = (size_t)kind * 8 + (size_t)reach;
    if (c >= b)
        return 0;
    for (size_t i = rs->from[g]; i < rs->from[g + 1]; i++) {
        const rule *ru = &rs->r[rs->ord[i]];
        int r = run(f, ru, b, c, NULL, NULL, err);
        if (r) {
            if (hit)
                *hit = ru;
            return r;
        }
    }
    return 0;
}

/* Does a rule of this kind and reach match at the content start of line [a, b)? */
static int
line_rule(tt_rolefinder *f, int kind, int reach, size_t a, size_t b, const rule **hit,
          tt_error *err)
{
    const ruleset *rs = &f->rs[f->lang];
    size_t g = (size_t)kind * 8 + (size_t)reach;
    if (rs->from[g] == rs->from[g + 1])
        return 0; /* no rule of this kind and reach */
    return line_rule_at(f, kind, reach, skip_prefix(f->text, a, b), b, hit, err);
}

static int
piece(tt_rolefinder *f, const char *text, size_t n, uint64_t base, const tt_tokseq *ts, int valid,
      tt_error *err)
{
    f->text = text;
    f->n = n;
    f->va = 0;
    f->valid = valid && !f->plain;
    f->vb = f->valid ? n : 0; /* the caller vouches for all of it (utf_known) */
    f->base = base;
    f->ts = ts;
    f->line_ok = f->paren_ok = f->sent_ok = f->art_ok = 0;
    if (f->have_refs)
        return 0;
    const ruleset *rs = &f->rs[f->lang];
    int any = 0;
    for (size_t i = 0; i < rs->n; i++)
        any |= rs->r[i].reach == R_REST;
    if (!any)
        return 0;
    for (size_t a = 0; a < n;) {
        size_t b = line_end(f, a);
        size_t c = skip_prefix(text, a, b);
        if (c < b && b - c <= REST_MAX_LINE) {
            int r = line_rule_at(f, K_NOTE, R_REST, c, b, &f->refs_rule, err);
            if (r < 0)
                return r;
            if (r) {
                f->have_refs = 1;
                f->refs_from = base + a;
                return 0;
            }
        }
        a = b + 1;
    }
    return 0;
}

int
tt_rolefinder_piece(tt_rolefinder *f, const char *text, size_t n, uint64_t base,
                    const tt_tokseq *ts, tt_error *err)
{
    return piece(f, text, n, base, ts, 0, err);
}

int
tt_rolefinder_piece_utf8(tt_rolefinder *f, const char *text, size_t n, uint64_t base, const tt_tokseq *ts,
                         tt_error *err)
{
    return piece(f, text, n, base, ts, 1, err);
}

static int
blank(const tt_rolefinder *f, size_t a, size_t b)
{
    size_t c = skip_prefix(f->text, a, b);
    return c >= b;
}

/* The role the line [ls, le) gives by itself: a note line, the line after a `next` note, a repealed
 * line. */
static int
line_role(tt_rolefinder *f, tt_error *err)
{
    int r;
    f->line_role = TT_ROLE_TEXT;
    if ((r = line_rule(f, K_NOTE, R_LINE, f->ls, f->le, &f->line_rule_, err)) ||
        (r = line_rule(f, K_NOTE, R_NEXT, f->ls, f->le, &f->line_rule_, err))) {
        if (r > 0)
            f->line_role = TT_ROLE_NOTE;
        return r < 0 ? r : 0;
    }
    /* the previous non-blank line opens a note that takes the next line (Примечание ИЗПИ!) */
    size_t e = f->ls;
    while (e > 0 && f->text[e - 1] == '\n') {
        size_t s = line_start(f, e - 1, 0);
        if (!blank(f, s, e - 1)) {
            if ((r = line_rule(f, K_NOTE, R_NEXT, s, e - 1, &f->line_rule_, err)) > 0)
                f->line_role = TT_ROLE_NOTE;
            if (r)
                return r < 0 ? r : 0;
            break;
        }
        e = s;
        if (f->ls - e > BACK_MAX)
            break;
    }
    if ((r = line_rule(f, K_REPEALED, R_LINE, f->ls, f->le, &f->line_rule_, err)) > 0)
        f->line_role = TT_ROLE_REPEALED;
    return r < 0 ? r : 0;
}

/* A parenthesis note ("(см. редакцию от ...)") around position p of the current line? */
static int
paren_note(tt_rolefinder *f, size_t p, int *yes, tt_error *err)
{
    *yes = 0;
    /* one forward scan per line (positions come in order): the last '(' not closed before p */
    if (f->pscan < f->ls || f->pscan > p) {
        f->pscan = f->ls;
        f->popen = SIZE_MAX;
    }
    if (f->pscan < p) { /* the new bytes only: the last '(' in them, closed or not; else a ')' closes */
        const char *t = f->text, *o = memrchr(t + f->pscan, '(', p - f->pscan);
        if (o)
            f->popen = memchr(o + 1, ')', (size_t)(t + p - (o + 1))) ? SIZE_MAX : (size_t)(o - t);
        else if (f->popen != SIZE_MAX && memchr(t + f->pscan, ')', p - f->pscan))
            f->popen = SIZE_MAX;
        f->pscan = p;
    }
    if (f->popen == SIZE_MAX)
        return 0;
    size_t at = f->popen;
    if (!f->paren_ok || f->paren_at != at) {
        f->paren_ok = 1;
        f->paren_at = at;
        f->paren_end = 0;
        const ruleset *rs = &f->rs[f->lang];
        for (size_t i = 0; i < rs->n; i++) {
            const rule *ru = &rs->r[i];
            if (ru->kind != K_NOTE || ru->reach != R_PAREN)
                continue;
            size_t m1;
            int r = run(f, ru, f->le, at, NULL, &m1, err);
            if (r < 0)
                return r;
            if (r) {
                f->paren_end = m1;
                f->paren_rule = ru;
                break;
            }
        }
    }
    *yes = f->paren_end > p;
    return 0;
}

static int
is_open_punct(const char *s, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == '[') {
        *len = 1;
        return 1;
    }
    if (c == 0xC2 &&
        ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xA0)) { /* « NBSP */
        *len = 2;
        return 1;
    }
    if (c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9E)) { /* “ „ */
        *len = 3;
        return 1;
    }
    return 0;
}

/* Quote characters: 1 opening, 2 closing, 3 ASCII '"' (either); *len gets the byte length. */
static int
quote_at(const char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    *len = 1;
    if (c == '"')
        return 3;
    if (c == 0xC2 && i + 1 < n) {
        *len = 2;
        if ((unsigned char)s[i + 1] == 0xAB)
            return 1; /* « */
        if ((unsigned char)s[i + 1] == 0xBB)
            return 2; /* » */
    }
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
        *len = 3;
        unsigned char d = (unsigned char)s[i + 2];
        if (d == 0x9C || d == 0x9E)
            return 1; /* “ „ (an “ after „ closes: handled by depth) */
        if (d == 0x9D)
            return 2; /* ” */
    }
    *len = 1;
    return 0;
}

/* The first position in s[i..b) of a byte a quote can start with ('"', 0xC2, 0xE2), or b: eight bytes at a
 * time while none of them holds one. */
static size_t
quote_lead(const char *s, size_t i, size_t b)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    for (; i + 8 <= b; i += 8) {
        uint64_t x, q, c, e;
        memcpy(&x, s + i, 8);
        q = x ^ (ones * '"');
        c = x ^ (ones * 0xC2);
        e = x ^ (ones * 0xE2);
        if ((((q - ones) & ~q) | ((c - ones) & ~c) | ((e - ones) & ~e)) & high)
            break; /* one of them is in these eight bytes */
    }
    while (i < b && s[i] != '"' && (unsigned char)s[i] != 0xC2 && (unsigned char)s[i] != 0xE2)
        i++;
    return i;
}

/* The current sentence (of token t): its region and quoted spans. */
static void
sentence_spans(tt_rolefinder *f, size_t t)
{
    const tt_tokseq *ts = f->ts;
    uint32_t s = ts->tok[t].sent;
    size_t t0 = t, t1 = t;
    while (t0 > 0 && ts->tok[t0 - 1].sent == s)
        t0--;
    while (t1 + 1 < ts->ntok && ts->tok[t1 + 1].sent == s)
        t1++;
    size_t a = (size_t)(ts->tok[t0].start - f->base), b = (size_t)(ts->tok[t1].end - f->base);
    size_t lo = t0 > 0 ? (size_t)(ts->tok[t0 - 1].end - f->base) : 0;
    size_t hi = t1 + 1 < ts->ntok ? (size_t)(ts->tok[t1 + 1].start - f->base) : f->n;
    /* widen over the opening quotes and spaces before the first token, the closing marks after the
     * last */
    for (;;) {
        size_t k = 0;
        int moved = 0;
        for (size_t l = 1; l <= 3 && a >= lo + l && !moved; l++)
            if (is_open_punct(f->text, a - l, &k) && k == l) {
                a -= l;
                moved = 1;
            }
        if (!moved)
            break;
    }
    while (b < hi && f->text[b] != '\n') {
        size_t k;
        int q = quote_at(f->text, b, hi, &k);
        unsigned char c = (unsigned char)f->text[b];
        if (q == 2 || q == 3 || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
            c == '?' || c == ')' || c == ']' || c == ' ')
            b += q ? k : 1;
        else
            break;
    }
    f->sent_ok = 1;
    f->sent = s;
    f->ra = a;
    f->rb = b;
    f->nspans = 0;
    f->trig = -1;
    int depth = 0, ascii = 0, low = 0; /* low: the span opened with „, which “ closes */
    size_t open = 0, aopen = 0;
    for (size_t i = a; i < b;) {
        unsigned char c0 = (unsigned char)f->text[i];
        if (c0 != '"' && c0 != 0xC2 && c0 != 0xE2) { /* no quote starts with another byte */
            i = quote_lead(f->text, i + 1, b);
            continue;
        }
        size_t k;
        int q = quote_at(f->text, i, b, &k);
        if (q == 1 && low && depth == 1 && k == 3 && (unsigned char)f->text[i + 2] == 0x9C)
            q = 2;
        if (q == 1) {
            if (!depth++) {
                open = i + k;
                low = k == 3 && (unsigned char)f->text[i + 2] == 0x9E;
            }
        } else if (q == 2) {
            if (depth && !--depth && f->nspans < MAX_SPANS)
                f->spans[f->nspans++] = (span){open, i};
        } else if (q == 3 && !depth) {
            if (!ascii) {
                ascii = 1;
                aopen = i + 1;
            } else {
                ascii = 0;
                if (f->nspans < MAX_SPANS)
                    f->spans[f->nspans++] = (span){aopen, i};
            }
        }
        i += k;
    }
}

/* Is position p (in token t) inside a quoted span that an instruction or a title makes `quoted`? */
static int
quoted_at(tt_rolefinder *f, size_t t, size_t p, int *yes, tt_error *err)
{
    *yes = 0;
    if (!f->sent_ok || f->sent != f->ts->tok[t].sent)
        sentence_spans(f, t);
    const span *sp = NULL;
    for (size_t i = 0; i < f->nspans && !sp; i++)
        if (f->spans[i].a <= p && p < f->spans[i].b)
            sp = &f->spans[i];
    if (!sp)
        return 0;
    const ruleset *rs = &f->rs[f->lang];
    if (f->trig < 0) {
        f->trig = 0;
        for (size_t i = 0; i < rs->n && !f->trig; i++) {
            const rule *ru = &rs->r[i];
            if (ru->kind != K_QUOTED)
                continue;
            int r = run(f, ru, f->rb, f->ra, NULL, NULL, err);
            if (r < 0)
                return r;
            f->trig = r;
            f->trig_rule = ru;
        }
    }
    if (f->trig) {
        f->why = f->trig_rule->where;
        *yes = 1;
        return 0;
    }
    for (size_t i = 0; i < rs->n; i++) {
        const rule *ru = &rs->r[i];
        if (ru->kind != K_TITLE)
            continue;
        int r = run_from(f, ru, sp->a, sp->b, sp->a, NULL, NULL,
                         err); /* the span alone: ^ and $ are its ends */
        if (r < 0)
            return r;
        if (r) {
            f->why = ru->where;
            *yes = 1;
            return 0;
        }
    }
    return 0;
}

/* The article number in a label or a captured string: its first run of digits with -digit or .digit
 * parts. */
static size_t
number_in(const char *s, size_t n, const char **out)
{
    size_t i = 0;
    while (i < n && !(s[i] >= '0' && s[i] <= '9'))
        i++;
    size_t a = i;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || ((s[i] == '-' || s[i] == '.') && i + 1 < n &&
                                                      s[i + 1] >= '0' && s[i + 1] <= '9')))
        i++;
    *out = s + a;
    return i - a;
}

/* Is article a (of token t) one the text says was repealed: a repeal pattern on its heading line or on one of
 * the next non-blank lines, naming its number (group n)? The heading line is found by its label as written
 * ("Статья 17", "17-бап"), looking back line by line from the token (SIMD memrchr; cached per article). */
static int
article_repealed(tt_rolefinder *f, size_t t, int *yes, tt_error *err)
{
    const tt_tokseq *ts = f->ts;
    uint32_t a = ts->tok[t].article;
    *yes = 0;
    if (!a)
        return 0;
    if (f->art_ok && f->art == a) {
        *yes = f->art_repealed;
        return 0;
    }
    f->art_ok = 1;
    f->art = a;
    f->art_repealed = 0;
    const char *label = tt_tokseq_article_label(ts, a), *num;
    size_t L = strlen(label), nl = number_in(label, L, &num);
    if (!L || !nl)
        return 0;
    /* the heading line: the last line at or before the token whose content starts with the label */
    size_t e = (size_t)(ts->tok[t].start - f->base), ls;
    for (;;) {
        const char *q = e ? memrchr(f->text, '\n', e) : NULL;
        ls = q ? (size_t)(q - f->text) + 1 : 0;
        size_t le = line_end(f, ls), c = skip_prefix(f->text, ls, le);
        if (le - c >= L && !memcmp(f->text + c, label, L)) {
            size_t x = c + L; /* "Статья 1" is not the heading "Статья 17" or "Статья 1-1" */
            int more = x < le && ((f->text[x] >= '0' && f->text[x] <= '9') ||
                                  (f->text[x] == '-' && x + 1 < le && f->text[x + 1] >= '0' && f->text[x + 1] <= '9'));
            if (!more)
                break;
        }
        if (!ls)
            return 0; /* the heading is in an earlier piece */
        e = ls - 1;
    }
    const ruleset *rs = &f->rs[f->lang];
    for (int k = 0; k < HEAD_LINES && ls < f->n;) {
        size_t le = line_end(f, ls);
        if (!blank(f, ls, le)) {
            k++;
            size_t c = skip_prefix(f->text, ls, le);
            for (size_t i = 0; i < rs->n; i++) {
                const rule *ru = &rs->r[i];
                if (ru->kind != K_REPEALED || ru->reach != R_ARTICLE)
                    continue;
                int r = run(f, ru, le, c, NULL, NULL, err);
                if (r < 0)
                    return r;
                if (!r)
                    continue;
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(f->md);
                const char *g = NULL;
                size_t gl = 0;
                if (ov[2 * ru->group_n] != PCRE2_UNSET)
                    gl = number_in(f->text + ov[2 * ru->group_n], ov[2 * ru->group_n + 1] - ov[2 * ru->group_n],
                                   &g);
                if (!g || gl != nl || memcmp(g, num, gl) != 0)
                    continue; /* names another article (or the one after an empty heading) */
                f->art_repealed = 1;
                f->art_rule = ru;
                *yes = 1;
                return 0;
            }
        }
        ls = le + 1;
    }
    return 0;
}

int
tt_rolefinder_role(tt_rolefinder *f, size_t t, tt_role *role, tt_error *err)
{
    *role = TT_ROLE_TEXT;
    f->why = "";
    if (!f->ts || t >= f->ts->ntok || f->lang == TT_LANG_OTHER)
        return 0;
    const tt_token *tk = &f->ts->tok[t];
    if (tk->start < f->base || tk->start - f->base > f->n)
        return 0;
    size_t p = (size_t)(tk->start - f->base);
    int yes, r;
    if ((r = quoted_at(f, t, p, &yes, err)))
        return r;
    if (yes) {
        *role = TT_ROLE_QUOTED;
        return 0;
    }
    if (f->have_refs && tk->start >= f->refs_from) {
        *role = TT_ROLE_NOTE;
        f->why = f->refs_rule ? f->refs_rule->where : "";
        return 0;
    }
    if (!f->line_ok || p < f->ls || p > f->le) {
        size_t from = f->line_ok && p > f->le ? f->le + 1 : 0;
        f->ls = line_start(f, p, from > p ? p : from);
        f->le = line_end(f, p);
        f->line_ok = 1;
        f->pscan = f->ls;
        f->popen = SIZE_MAX;
        if ((r = line_role(f, err)))
            return r;
    }
    if (f->line_role == TT_ROLE_NOTE) {
        *role = TT_ROLE_NOTE;
        f->why = f->line_rule_->where;
        return 0;
    }
    if ((r = paren_note(f, p, &yes, err)))
        return r;
    if (yes) {
        *role = TT_ROLE_NOTE;
        f->why = f->paren_rule->where;
        return 0;
    }
    if (f->line_role == TT_ROLE_REPEALED) {
        *role = TT_ROLE_REPEALED;
        f->why = f->line_rule_->where;
        return 0;
    }
    if ((r = article_repealed(f, t, &yes, err)))
        return r;
    if (yes) {
        *role = TT_ROLE_REPEALED;
        f->why = f->art_rule->where;
    }
    return 0;
}

const char *
tt_rolefinder_why(const tt_rolefinder *f)
{
    return f->why ? f->why : "";
}
