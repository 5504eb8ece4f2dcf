/* tokenize_heading.c - the line scan of a piece: paragraph breaks (a blank line; a line break before a
 * heading) and legal article and chapter headings at the start of a line (<data>/headings.tsv).
 *
 * Speed (the same events as trying every expression on every line that starts with a capital or a digit):
 * - A line is a region of the piece (uregex_setRegion; the piece is given to each expression once per call)
 *   instead of ICU's whole text (uregex_setText per line). The bounds are opaque (nothing outside the line is
 *   seen, for \b or a lookaround) and anchoring (^ and $ at the line's ends), so it reads the same.
 * - Before an expression runs on a line, caches say what ICU answered on a prefix of the line alone: the first
 *   character, then the first word + the spaces after it + the next character, and where that leaves
 *   expressions undecided, the first two words (+ spaces + a character); a line shorter than that is looked up
 *   whole (a heading on a line of its own, "81 modda", "XII bob", recurs). An expression that fails on a prefix
 *   without having read to its end (uregex_hitEnd) fails on every line that starts with it; one that matches
 *   without reading to the end matches every such line the same way (its match is kept: an article heading
 *   "12-бап." needs no ICU call once its prefix is known). The word prefixes rule out most lines for the
 *   chapter expressions that start with \w+, which the first character cannot; they recur (a corpus of 744,000
 *   such lines has 12,000 different first-word prefixes), so each is probed once and then looked up.
 * TT_HEADINGS=plain (tk->heading_plain) turns all of this off, ICU's text set to each line alone: the reference
 * the unit test compares with (tests/unit/test_headings.c). */
#include "tokenize_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* the prefix cache: PFX_SETS sets of PFX_WAYS entries, the most recently used first */
enum { PFX_MAX = 24, PFX_SETS = 4096, PFX_WAYS = 4 };
struct tk_hpfx {
    UChar key[PFX_MAX];
    uint8_t n; /* key length in UTF-16 units, 0 = empty */
    uint8_t lang;
    uint8_t whole; /* the key is a whole line, not a prefix of longer ones */
    /* the first expression that matched the prefix without ICU reading to its end (-1: none), and its match
       from the line's start: end, group 1's start and end (-1 where ICU said -1) */
    int8_t sure, me, s1, e1;
    uint32_t mask; /* the expressions that may match */
};

static void probe_prefix(tt_tokenizer *tk, tt_lang lang, int32_t p, int32_t k, uint32_t hm, struct tk_hpfx *e);

/* Bit h of the result: heading expression h of lang can match a line that starts with c = u[p]. */
static uint32_t
heading_mask(tt_tokenizer *tk, tt_lang lang, int32_t p)
{
    UChar c = tk->u[p];
    size_t nh = tk->nheads[lang];
    if (nh == 0)
        return 0;
    if (nh > 32 || U16_IS_SURROGATE(c))
        return ~(uint32_t)0;
    struct hprobe *pr = &tk->hprobe[lang][c & 255];
    if (pr->valid && pr->c == c)
        return pr->mask;
    struct tk_hpfx e;
    e.whole = 0;
    probe_prefix(tk, lang, p, 1, ~(uint32_t)0, &e);
    pr->c = c;
    pr->valid = 1;
    pr->mask = e.mask;
    return pr->mask;
}

/* The length of a prefix the prefix cache asks about: the line's first `words` words, the spaces after each and
 * the next character; le - p with *whole set when that is the whole line u[p..le); 0 when either is more than
 * PFX_MAX units. */
static int32_t
word_prefix(const UChar *u, int32_t p, int32_t le, int words, int *whole)
{
    *whole = 0;
    int32_t i = p;
    for (int w = 0; w < words; w++) {
        while (i < le && !tk_is_hspace(u[i]))
            i++;
        while (i < le && tk_is_hspace(u[i]))
            i++;
    }
    if (i < le)
        i += U16_IS_LEAD(u[i]) && i + 1 < le && U16_IS_TRAIL(u[i + 1]) ? 2 : 1;
    if (i >= le) {
        *whole = 1;
        i = le;
    }
    return i - p > PFX_MAX ? 0 : i - p;
}

/* Probes the expressions of lang whose bit is set in hm on the prefix u[p..p+k) into e (mask, sure). A match
 * that ICU found without reading to the prefix's end is the match on any line that starts with the prefix:
 * every path it tried before (and the one that matched) was decided by characters inside the prefix. When the
 * prefix is the whole line (e->whole), what ICU found is the line's answer as it is. */
static void
probe_prefix(tt_tokenizer *tk, tt_lang lang, int32_t p, int32_t k, uint32_t hm, struct tk_hpfx *e)
{
    e->mask = 0;
    e->sure = -1;
    for (size_t h = 0; h < tk->nheads[lang] && h < 32; h++) {
        if (!(hm >> h & 1))
            continue;
        URegularExpression *re = tk->heads[lang][h].re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setRegion(re, p, p + k, &st);
        UBool m = U_SUCCESS(st) ? uregex_lookingAt(re, -1, &st) : 0;
        UBool more = e->whole ? 0 : U_SUCCESS(st) ? uregex_hitEnd(re, &st) : 1;
        if (!(m || more || U_FAILURE(st)))
            continue; /* cannot match */
        e->mask |= 1u << h;
        if (!m || more || e->sure >= 0)
            continue;
        int32_t me = uregex_end(re, 0, &st), s1 = uregex_start(re, 1, &st), e1 = uregex_end(re, 1, &st);
        if (U_SUCCESS(st) && me >= p) {
            e->sure = (int8_t)h;
            e->me = (int8_t)(me - p);
            e->s1 = (int8_t)(s1 < 0 ? -1 : s1 - p);
            e->e1 = (int8_t)(e1 < 0 ? -1 : e1 - p);
        }
    }
}

/* The set of the prefix cache that holds u[p..p+k) (tk->hpfx allocated). */
static inline struct tk_hpfx *
pfx_set(tt_tokenizer *tk, tt_lang lang, const UChar *u, int32_t p, int32_t k, int whole)
{
    uint32_t hash = 2166136261u ^ (uint32_t)lang ^ (uint32_t)whole << 8;
    for (int32_t j = 0; j < k; j++)
        hash = (hash ^ u[p + j]) * 16777619u;
    return &tk->hpfx[(hash ^ hash >> 15) % PFX_SETS * PFX_WAYS];
}

/* The prefix cache's answer for u[p..p+k) (word_prefix; the whole line when `whole`) into *out: 1, or 0 when
 * there is no memory for the cache. hm (the expressions asked) must be a function of the prefix. */
static int
prefix_lookup(tt_tokenizer *tk, tt_lang lang, int32_t p, int32_t k, int whole, uint32_t hm, struct tk_hpfx *out)
{
    const UChar *u = tk->u;
    if (!tk->hpfx && !(tk->hpfx = calloc((size_t)PFX_SETS * PFX_WAYS, sizeof *tk->hpfx)))
        return 0;
    struct tk_hpfx *set = pfx_set(tk, lang, u, p, k, whole);
    for (int w = 0; w < PFX_WAYS; w++) {
        if (set[w].n == k && set[w].lang == lang && set[w].whole == whole &&
            memcmp(set[w].key, u + p, sizeof(UChar) * (size_t)k) == 0) {
            *out = set[w];
            memmove(set + 1, set, sizeof *set * (size_t)w);
            set[0] = *out;
            return 1;
        }
    }
    memmove(set + 1, set, sizeof *set * (PFX_WAYS - 1));
    memcpy(set[0].key, u + p, sizeof(UChar) * (size_t)k);
    set[0].n = (uint8_t)k;
    set[0].lang = (uint8_t)lang;
    set[0].whole = (uint8_t)whole;
    probe_prefix(tk, lang, p, k, hm, &set[0]);
    *out = set[0];
    return 1;
}

/* ICU's index x (or -1) as a position in tk->u, the line being at `base` in ICU's text and at p in tk->u. */
static int32_t
at_line(int32_t x, int32_t base, int32_t p)
{
    return x < 0 ? x : x - base + p;
}

/* Tries expression h on the line u[p..le): 1 (a heading: *hend, *lbs, *lbe set), 0 (not one), or TT_EICU. */
static int
try_heading(tt_tokenizer *tk, URegularExpression *re, int32_t p, int32_t le, int32_t *hend, int32_t *lbs,
            int32_t *lbe, tt_error *err)
{
    const UChar *u = tk->u;
    UErrorCode st = U_ZERO_ERROR;
    int32_t base = 0; /* where ICU's text has the line */
    if (tk->heading_plain) {
        uregex_setText(re, u + p, le - p, &st);
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
        if (!uregex_lookingAt(re, 0, &st) || U_FAILURE(st))
            return 0;
    } else {
        base = p;
        uregex_setRegion(re, p, le, &st);
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
        if (!uregex_lookingAt(re, -1, &st) || U_FAILURE(st))
            return 0;
    }
    int32_t me = at_line(uregex_end(re, 0, &st), base, p) - p;
    UChar after = p + me < le ? u[p + me] : 0;
    if (after && !(after == '.' || after == ':' || tk_is_hspace(after) || tk_is_hyphen(after) || after == 0x2013 ||
                   after == 0x2014))
        return 0;
    *lbs = at_line(uregex_start(re, 1, &st), base, p);
    *lbe = at_line(uregex_end(re, 1, &st), base, p);
    if (U_FAILURE(st) || *lbs < p || *lbe <= *lbs)
        return 0;
    *hend = p + me;
    return 1;
}

/* try_heading with the match the prefix cache holds (e->sure) instead of ICU's. */
static int
sure_heading(const tt_tokenizer *tk, const struct tk_hpfx *e, int32_t p, int32_t le, int32_t *hend, int32_t *lbs,
             int32_t *lbe)
{
    int32_t me = e->me;
    UChar after = p + me < le ? tk->u[p + me] : 0;
    if (after && !(after == '.' || after == ':' || tk_is_hspace(after) || tk_is_hyphen(after) || after == 0x2013 ||
                   after == 0x2014))
        return 0;
    *lbs = e->s1 < 0 ? -1 : p + e->s1;
    *lbe = e->e1 < 0 ? -1 : p + e->e1;
    if (*lbs < p || *lbe <= *lbs)
        return 0;
    *hend = p + me;
    return 1;
}

/* 1 if a line whose first character (after spaces) is u[p] may be a heading: a capital letter or a digit. */
static inline int
may_head(const tt_tokenizer *tk, UChar c)
{
    return c < 0x530 ? (c >= '0' && c <= '9') || tk->ccase[c] & CASE_UPPER : u_isdigit(c) || u_isupper(c) ||
                                                                              u_istitle(c);
}

/* Prefetches the prefix cache's set of each line's first-word prefix, for the lines the scan will look up: the
 * cache (about 1 MB) is read at random, once per line, and the loads would otherwise wait on memory one after
 * another. Only the memory system sees this pass. */
static void
prefetch_prefixes(tt_tokenizer *tk, tt_lang lang, int32_t len, const int32_t *nl, size_t nnl)
{
    const UChar *u = tk->u;
    for (size_t i = 0; i <= nnl; i++) {
        int32_t ls = i ? nl[i - 1] + 1 : 0, le = i < nnl ? nl[i] : len, p = ls;
        while (p < le && (tk_is_hspace(u[p]) || u[p] == 0xFEFF))
            p++;
        if (p >= le || !may_head(tk, u[p]))
            continue;
        struct hprobe *pr = &tk->hprobe[lang][u[p] & 255];
        if (pr->valid && pr->c == u[p] && !pr->mask)
            continue; /* no expression can match a line that starts with this character */
        int whole;
        int32_t k = word_prefix(u, p, le, 1, &whole);
        if (tk->npl >= tk->cappl && tt_grow((void **)&tk->pl, &tk->cappl, tk->npl + 1, sizeof *tk->pl))
            return; /* no memory: the scan measures the prefixes itself */
        tk->pl[tk->npl++] = (struct tk_pline){p, k, whole};
        if (!k)
            continue;
        const char *set = (const char *)pfx_set(tk, lang, u, p, k, whole);
        for (size_t b = 0; b < sizeof(struct tk_hpfx) * PFX_WAYS; b += 64)
            __builtin_prefetch(set + b);
    }
}

/* Line scan: paragraph breaks (a blank line; a line break before a heading) and headings. */
int
tk_scan_lines(tt_tokenizer *tk, tt_lang lang, int32_t len, tt_error *err)
{
    const UChar *u = tk->u;
    int plain = tk->heading_plain;
    tk->nev = 0;
    for (size_t h = 0; !plain && len > 0 && h < tk->nheads[lang]; h++) {
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(tk->heads[lang][h].re, u, len, &st); /* each line is a region of it */
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
    }
    int prev_blank = 0;
    size_t np = 0;
    size_t nnl;
    const int32_t *nl = tt_segment_lines(tk->seg, &nnl);
    tk->npl = 0;
    if (!plain && tk->hpfx && tk->nheads[lang] && tk->nheads[lang] <= 32)
        prefetch_prefixes(tk, lang, len, nl, nnl);
    size_t pc = 0; /* the next entry of tk->pl */
    for (int32_t ls = 0; ls < len;) {
        while (np < nnl && nl[np] < ls)
            np++;
        int32_t le = np < nnl ? nl[np] : len; /* the next line break (tt_segment_prepare) */
        int32_t p = ls;
        while (p < le && (tk_is_hspace(u[p]) || u[p] == 0xFEFF))
            p++;
        if (p == le) {
            prev_blank = 1;
        } else {
            int kind = 0;
            int32_t hend = 0, lbs = 0, lbe = 0;
            /* headings start with a capital letter or a digit; only then ask the regular expressions */
            uint32_t hm = 0;
            if (may_head(tk, u[p])) /* below U+0530 the only digits are 0-9 */
                hm = plain ? ~(uint32_t)0 : heading_mask(tk, lang, p);
            /* the prefix cache: the first word (+ spaces + a character); when that leaves expressions to run,
               the first two words; a line shorter than that, whole */
            struct tk_hpfx pe;
            int have = 0, whole = 0;
            for (int words = 1; words <= 2 && !whole && !plain && hm && tk->nheads[lang] <= 32; words++) {
                int32_t k;
                while (pc < tk->npl && tk->pl[pc].p < p)
                    pc++;
                if (words == 1 && pc < tk->npl && tk->pl[pc].p == p) { /* measured by the prefetch pass */
                    k = tk->pl[pc].k;
                    whole = tk->pl[pc].whole;
                } else {
                    k = word_prefix(u, p, le, words, &whole);
                }
                if (!k || !prefix_lookup(tk, lang, p, k, whole, hm, &pe))
                    break;
                have = 1;
                hm = pe.mask;
                if (!(hm & ~(pe.sure >= 0 ? 1u << pe.sure : 0)))
                    break; /* nothing left for ICU to decide */
            }
            for (size_t h = 0; hm && h < tk->nheads[lang] && !kind; h++) {
                if (h < 32 && !(hm >> h & 1))
                    continue; /* cannot match a line that starts this way */
                int r = have && (int)h == pe.sure
                            ? sure_heading(tk, &pe, p, le, &hend, &lbs, &lbe)
                            : try_heading(tk, tk->heads[lang][h].re, p, le, &hend, &lbs, &lbe, err);
                if (r < 0)
                    return r;
                if (r)
                    kind = tk->heads[lang][h].kind;
            }
            if (kind || prev_blank) {
                if (tt_grow((void **)&tk->ev, &tk->capev, tk->nev + 1, sizeof(event)))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                event *e = &tk->ev[tk->nev++];
                e->pos = p;
                e->kind = kind;
                e->hend = kind ? hend : 0;
                e->ls = kind ? lbs : 0;
                e->le = kind ? lbe : 0;
            }
            prev_blank = 0;
        }
        ls = le;
        if (ls < len && u[ls] == '\r' && ls + 1 < len && u[ls + 1] == '\n')
            ls++;
        if (ls < len)
            ls++;
    }
    tk->end_blank = prev_blank;
    return 0;
}
