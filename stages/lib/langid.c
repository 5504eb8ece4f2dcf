/* langid.c - language and script of a text by votes of its words against hand-curated profiles (see
 * tt/langid.h; data: lexicons/detect/lang-*.tsv). */
#include "tt/langid.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "tt/utf8.h"

typedef struct item {
    char *s; /* lowercase UTF-8 */
    size_t n;
    int w;
} item;

typedef struct ilist {
    item *v;
    size_t n, cap;
} ilist;

typedef struct letter {
    UChar32 c;
    int w;
} letter;

typedef struct profile {
    char code[8];
    char name[32];
    int cyrl, latn;     /* scripts it is written in */
    int und;            /* support und */
    int fallback;       /* 1: takes a Cyrillic text in which no word voted (fallback Cyrl) */
    UChar32 markers[8]; /* a long Cyrillic text without any of these is not this language */
    size_t nmarkers;
    tt_lang lang;
    letter *letters;
    size_t nletters, capletters;
    ilist words, suffixes, ngrams;
    size_t maxsuf; /* longest suffix in bytes */
} profile;

struct tt_langid {
    profile p[TT_LANGID_MAXPROF];
    size_t np;
};

static int
cmp_item(const void *a, const void *b)
{
    const item *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

static int
cmp_letter(const void *a, const void *b)
{
    const letter *x = a, *y = b;
    return (x->c > y->c) - (x->c < y->c);
}

static int
is_apos(UChar32 c)
{
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == '`' ||
           c == 0x02B9;
}

/* Lowercases s[0..n) into out, apostrophes folded to '. */
static int
fold(const char *s, size_t n, tt_buf *out)
{
    tt_buf_reset(out);
    for (size_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, n, c);
        if (c < 0)
            continue;
        c = is_apos(c) ? '\'' : u_tolower(c);
        char b[4];
        size_t k = 0;
        U8_APPEND_UNSAFE(b, k, c);
        if (tt_buf_append(out, b, k))
            return TT_ENOMEM;
    }
    return 0;
}

static int
ilist_add(ilist *l, const char *s, size_t n, int w)
{
    if (tt_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return TT_ENOMEM;
    char *c = malloc(n + 1);
    if (!c)
        return TT_ENOMEM;
    memcpy(c, s, n);
    c[n] = 0;
    l->v[l->n].s = c;
    l->v[l->n].n = n;
    l->v[l->n].w = w;
    l->n++;
    return 0;
}

static const item *
ilist_find(const ilist *l, const char *s, size_t n)
{
    item k = {(char *)(uintptr_t)s, n, 0};
    return l->n ? bsearch(&k, l->v, l->n, sizeof *l->v, cmp_item) : NULL;
}

static void
ilist_free(ilist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].s);
    free(l->v);
}

static int
bad(tt_error *err, const char *path, uint64_t line, const char *why)
{
    tt_error_set(err, TT_ESYNTAX, "%s", why);
    return tt_error_at(err, path, line, 0);
}

static int
load_profile(profile *p, const char *path, const char *code, tt_error *err)
{
    size_t n = 0;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read language profile");
        return tt_error_at(err, path, 0, 0);
    }
    snprintf(p->code, sizeof p->code, "%s", code);
    p->lang = tt_lang_parse(code, strlen(code));
    int rc = 0;
    uint64_t line = 0;
    tt_buf f = {0};
    for (char *ls = text; ls < text + n && !rc;) {
        char *le = memchr(ls, '\n', (size_t)(text + n - ls));
        if (!le)
            le = text + n;
        *le = 0;
        line++;
        char *cur = ls;
        ls = le + 1;
        if (!*cur || *cur == '#')
            continue;
        char *t1 = strchr(cur, '\t');
        if (!t1) {
            rc = bad(err, path, line, "expected 'kind<TAB>item[<TAB>weight]'");
            break;
        }
        *t1 = 0;
        char *item_s = t1 + 1, *t2 = strchr(item_s, '\t');
        int w = 1;
        if (t2) {
            *t2 = 0;
            char *e;
            long v = strtol(t2 + 1, &e, 10);
            if (e == t2 + 1 || *e || v < 0 || v > 100) {
                rc = bad(err, path, line, "weight must be a number 0 to 100");
                break;
            }
            w = (int)v;
        }
        if (!*item_s) {
            rc = bad(err, path, line, "empty item");
            break;
        }
        if (tt_utf8_check(item_s, strlen(item_s)) != strlen(item_s)) {
            rc = bad(err, path, line, "item is not UTF-8");
            break;
        }
        if (!strcmp(cur, "name")) {
            snprintf(p->name, sizeof p->name, "%s", item_s);
        } else if (!strcmp(cur, "scripts")) {
            p->cyrl = strstr(item_s, "Cyrl") != NULL;
            p->latn = strstr(item_s, "Latn") != NULL;
            if (!p->cyrl && !p->latn)
                rc = bad(err, path, line, "scripts: Cyrl, Latn or Cyrl,Latn");
        } else if (!strcmp(cur, "marker")) {
            if ((rc = fold(item_s, strlen(item_s), &f)))
                break;
            int32_t k = 0;
            UChar32 c;
            U8_NEXT((const uint8_t *)f.data, k, (int32_t)f.len, c);
            if (c < 0 || (size_t)k != f.len || p->nmarkers == 8) {
                rc = bad(err, path, line, "marker: exactly one character, at most 8 markers");
                break;
            }
            p->markers[p->nmarkers++] = c;
        } else if (!strcmp(cur, "fallback")) {
            if (strcmp(item_s, "Cyrl"))
                rc = bad(err, path, line, "fallback: only 'Cyrl'");
            p->fallback = 1;
        } else if (!strcmp(cur, "support")) {
            if (strcmp(item_s, "und"))
                rc = bad(err, path, line,
                         "support: only 'und' (report this language as undetermined)");
            p->und = 1;
        } else if (!strcmp(cur, "letter")) {
            if ((rc = fold(item_s, strlen(item_s), &f)))
                break;
            int32_t k = 0;
            UChar32 c;
            U8_NEXT((const uint8_t *)f.data, k, (int32_t)f.len, c);
            if (c < 0 || (size_t)k != f.len) {
                rc = bad(err, path, line, "letter: exactly one character");
                break;
            }
            if (tt_grow((void **)&p->letters, &p->capletters, p->nletters + 1, sizeof *p->letters)) {
                rc = TT_ENOMEM;
                break;
            }
            p->letters[p->nletters++] = (letter){c, w};
        } else if (!strcmp(cur, "word") || !strcmp(cur, "suffix") || !strcmp(cur, "ngram")) {
            if ((rc = fold(item_s, strlen(item_s), &f)))
                break;
            ilist *l = cur[0] == 'w' ? &p->words : cur[0] == 's' ? &p->suffixes : &p->ngrams;
            if ((rc = ilist_add(l, f.data, f.len, w)))
                break;
            if (cur[0] == 's' && f.len > p->maxsuf)
                p->maxsuf = f.len;
        } else {
            rc = bad(err, path, line,
                     "unknown kind (name, scripts, support, fallback, marker, letter, word, "
                     "suffix, ngram)");
        }
    }
    tt_buf_free(&f);
    free(text);
    if (rc == TT_ENOMEM)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (!rc && !p->cyrl && !p->latn)
        rc = bad(err, path, 0, "no 'scripts' row");
    if (rc)
        return rc;
    qsort(p->letters, p->nletters, sizeof *p->letters, cmp_letter);
    qsort(p->words.v, p->words.n, sizeof *p->words.v, cmp_item);
    qsort(p->suffixes.v, p->suffixes.n, sizeof *p->suffixes.v, cmp_item);
    /* a duplicate keeps the first weight bsearch finds; harmless, but say so in the data: refuse it
     */
    ilist *ls[3] = {&p->words, &p->suffixes, &p->ngrams};
    for (int k = 0; k < 2; k++)
        for (size_t i = 1; i < ls[k]->n; i++)
            if (!cmp_item(&ls[k]->v[i - 1], &ls[k]->v[i])) {
                tt_error_set(err, TT_ESYNTAX, "duplicate %s '%s'", k ? "suffix" : "word",
                             ls[k]->v[i].s);
                return tt_error_at(err, path, 0, 0);
            }
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
tt_langid_new(tt_langid **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    if (!data_dir)
        data_dir = tt_data_dir();
    tt_buf dir = {0};
    if (tt_buf_printf(&dir, "%s/detect", data_dir))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    DIR *d = opendir(dir.data);
    if (!d) {
        tt_error_set(err, TT_EIO, "cannot open the language profiles folder");
        tt_error_at(err, dir.data, 0, 0);
        tt_buf_free(&dir);
        return TT_EIO;
    }
    char *names[TT_LANGID_MAXPROF + 1];
    size_t nn = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 9 || strncmp(e->d_name, "lang-", 5) || strcmp(e->d_name + l - 4, ".tsv"))
            continue;
        if (nn == TT_LANGID_MAXPROF) {
            rc = tt_error_set(err, TT_ESYNTAX, "more than %d language profiles", TT_LANGID_MAXPROF);
            tt_error_at(err, dir.data, 0, 0);
            break;
        }
        if (!(names[nn] = strdup(e->d_name))) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        nn++;
    }
    closedir(d);
    tt_langid *li = rc ? NULL : calloc(1, sizeof *li);
    if (!rc && !li)
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    if (!rc && nn == 0) {
        rc = tt_error_set(err, TT_EIO, "no language profile (lang-<code>.tsv)");
        tt_error_at(err, dir.data, 0, 0);
    }
    if (!rc)
        qsort(names, nn, sizeof *names, cmp_str);
    tt_buf path = {0};
    for (size_t i = 0; i < nn && !rc; i++) {
        char code[8];
        size_t cl = strlen(names[i]) - 9;
        snprintf(code, sizeof code, "%.*s", (int)(cl < 7 ? cl : 7), names[i] + 5);
        tt_buf_reset(&path);
        if (tt_buf_printf(&path, "%s/%s", dir.data, names[i])) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        rc = load_profile(&li->p[li->np++], path.data, code, err);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    tt_buf_free(&path);
    tt_buf_free(&dir);
    if (rc) {
        tt_langid_free(li);
        return rc;
    }
    *out = li;
    return 0;
}

void
tt_langid_free(tt_langid *li)
{
    if (!li)
        return;
    for (size_t i = 0; i < li->np; i++) {
        free(li->p[i].letters);
        ilist_free(&li->p[i].words);
        ilist_free(&li->p[i].suffixes);
        ilist_free(&li->p[i].ngrams);
    }
    free(li);
}

size_t
tt_langid_nprofiles(const tt_langid *li)
{
    return li->np;
}

const char *
tt_langid_profile(const tt_langid *li, size_t i)
{
    return i < li->np ? li->p[i].code : NULL;
}

enum { SC_NONE, SC_CYRL, SC_LATN, SC_OTHER };

static int
script_of(UChar32 c)
{
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &e);
    if (U_FAILURE(e))
        return SC_OTHER;
    return s == USCRIPT_CYRILLIC ? SC_CYRL : s == USCRIPT_LATIN ? SC_LATN : SC_OTHER;
}

static int
letter_weight(const profile *p, UChar32 c)
{
    letter k = {c, 0};
    const letter *l =
        p->nletters ? bsearch(&k, p->letters, p->nletters, sizeof k, cmp_letter) : NULL;
    return l ? l->w : 0;
}

static int
score(const profile *p, const char *w, size_t n, const UChar32 *cs, size_t nc)
{
    int s = 0;
    for (size_t i = 0; i < nc; i++) {
        size_t j = 0;
        while (
            j < i &&
            cs[j] !=
                cs[i]) /* each distinct letter once: a long word does not outweigh a listed one */
            j++;
        if (j < i)
            continue;
        letter k = {cs[i], 0};
        const letter *l =
            p->nletters ? bsearch(&k, p->letters, p->nletters, sizeof k, cmp_letter) : NULL;
        if (l)
            s += l->w;
    }
    const item *it = ilist_find(&p->words, w, n);
    if (it)
        s += it->w;
    /* longest listed ending that leaves at least two letters */
    size_t chars = nc;
    for (size_t off = 0, ci = 0; off < n && ci + 2 <= chars; ci++) {
        if (ci >= 2 && n - off <= p->maxsuf && (it = ilist_find(&p->suffixes, w + off, n - off))) {
            s += it->w;
            break;
        }
        off++;
        while (off < n && ((unsigned char)w[off] & 0xC0) == 0x80)
            off++;
    }
    for (size_t i = 0; i < p->ngrams.n; i++) {
        const item *g = &p->ngrams.v[i];
        for (const char *q = w; (q = memmem(q, (size_t)(w + n - q), g->s, g->n)); q += g->n)
            s += g->w;
    }
    return s;
}

void
tt_langid_detect(const tt_langid *li, tt_normalizer *nz, const char *s, size_t n,
                 tt_langid_result *res)
{
    memset(res, 0, sizeof *res);
    tt_buf w = {0};
    UChar32 cs[64];
    size_t nc = 0;
    int wsc = SC_NONE, mixed = 0;
    uint64_t marks[TT_LANGID_MAXPROF] = {0};
    int evid =
        0; /* a letter that some Cyrillic profile other than the fallback counts as its evidence */
    for (size_t i = 0; i <= n;) {
        UChar32 c = 0;
        if (i < n) {
            U8_NEXT((const uint8_t *)s, i, n, c);
        } else {
            i++;
        }
        int letter_c = c > 0 && u_isalpha(c);
        int inner_apos = c > 0 && is_apos(c) && w.len && i < n && wsc == SC_LATN;
        if (letter_c || inner_apos) {
            UChar32 lc = letter_c ? u_tolower(c) : '\'';
            if (letter_c) {
                for (size_t p = 0; p < li->np; p++) {
                    for (size_t m = 0; m < li->p[p].nmarkers; m++)
                        marks[p] += li->p[p].markers[m] == lc;
                    if (!evid && !li->p[p].fallback && li->p[p].cyrl &&
                        letter_weight(&li->p[p], lc) > 0)
                        evid = 1;
                }
                int sc = script_of(c);
                res->cyrl += sc == SC_CYRL;
                res->latn += sc == SC_LATN;
                res->other_letters += sc == SC_OTHER;
                if (wsc == SC_NONE)
                    wsc = sc;
                else if (sc != wsc)
                    mixed = 1;
            }
            if (nc < 64)
                cs[nc++] = lc;
            char b[4];
            size_t k = 0;
            U8_APPEND_UNSAFE(b, k, lc);
            if (tt_buf_append(&w, b, k)) {
                nc = 0; /* out of memory: this word is dropped, detection goes on */
                tt_buf_reset(&w);
            }
            continue;
        }
        if (w.len && nc) {
            size_t wl = w.len;
            while (wl && w.data[wl - 1] == '\'') { /* a trailing apostrophe is a quote */
                wl--;
                nc--;
            }
            res->words++;
            if (!mixed && nc && nc < 64 && (wsc == SC_CYRL || wsc == SC_LATN)) {
                int best = 0, bi = -1, tie = 0;
                for (size_t p = 0; p < li->np; p++) {
                    const profile *pr = &li->p[p];
                    if (!(wsc == SC_CYRL ? pr->cyrl : pr->latn))
                        continue;
                    int sc = score(pr, w.data, wl, cs, nc);
                    if (sc > best) {
                        best = sc;
                        bi = (int)p;
                        tie = 0;
                    } else if (sc == best && sc > 0) {
                        tie = 1;
                    }
                }
                if (bi >= 0 && !tie)
                    res->votes[bi]++;
            }
        }
        tt_buf_reset(&w);
        nc = 0;
        wsc = SC_NONE;
        mixed = 0;
    }
    tt_buf_free(&w);

    uint64_t tot = 0, bestv = 0;
    int bi = -1;
    int cyrl_text = res->cyrl > res->latn;
    for (size_t p = 0; p < li->np; p++) {
        tot += res->votes[p];
        /* a long Cyrillic text without any of a profile's marker letters is not in its language */
        if (li->p[p].nmarkers && cyrl_text && res->cyrl >= 200 && marks[p] == 0)
            continue;
        if (res->votes[p] > bestv) {
            bestv = res->votes[p];
            bi = (int)p;
        }
    }
    uint64_t letters = res->cyrl + res->latn + res->other_letters;
    int fell = 0;
    if (bi < 0 && !evid && res->cyrl > res->latn && res->cyrl * 2 > letters)
        for (size_t p = 0; p < li->np; p++)
            if (li->p[p]
                    .fallback) { /* Cyrillic with no Kazakh, Uzbek or Karakalpak evidence at all */
                bi = (int)p;
                fell = 1;
                break;
            }
    res->lang = TT_LANG_OTHER;
    snprintf(res->code, sizeof res->code, "und");
    if (bi >= 0)
        snprintf(res->guess, sizeof res->guess, "%s", li->p[bi].code);
    if (letters == 0 || res->other_letters * 2 > letters) {
        snprintf(res->why_und, sizeof res->why_und, "%s",
                 letters ? "most letters are neither Cyrillic nor Latin" : "no letters");
        res->guess[0] = 0;
    } else if (bi < 0) {
        snprintf(res->why_und, sizeof res->why_und, "no word of a known language");
    } else if (li->p[bi].und || li->p[bi].lang == TT_LANG_OTHER) {
        snprintf(res->why_und, sizeof res->why_und, "looks like %s (%s), not a supported language",
                 li->p[bi].name[0] ? li->p[bi].name : li->p[bi].code, li->p[bi].code);
    } else if (!fell && bestv * 100 < res->words * 25) {
        snprintf(res->why_und, sizeof res->why_und,
                 "too few words of any one known language (%llu of %llu)",
                 (unsigned long long)bestv, (unsigned long long)res->words);
    } else {
        res->lang = li->p[bi].lang;
        snprintf(res->code, sizeof res->code, "%s", li->p[bi].code);
    }
    if (fell)
        res->confidence = 10;
    else if (bi >= 0 && tot) {
        uint64_t c = 100 * bestv / tot;
        if (tot < 10)
            c = c * tot / 10;
        res->confidence = (int)c;
    }
    if (fell)
        snprintf(res->guess, sizeof res->guess, "%s", li->p[bi].code);
    if (res->cyrl + res->latn == 0 || res->other_letters * 2 > letters) {
        res->script = TT_SCRIPT_ANY;
    } else if (res->cyrl > res->latn) {
        res->script = TT_SCRIPT_CYRL;
        res->script_confidence = (int)(100 * res->cyrl / (res->cyrl + res->latn));
    } else {
        res->script = TT_SCRIPT_LATN;
        res->script_confidence = (int)(100 * res->latn / (res->cyrl + res->latn));
        if (res->lang == TT_LANG_KK && nz) {
            int conf = 0;
            tt_script a = tt_norm_detect_script(nz, TT_LANG_KK, s, n, &conf);
            if (a == TT_SCRIPT_LATN_2017 || a == TT_SCRIPT_LATN_2018 || a == TT_SCRIPT_LATN_2021) {
                res->script = a;
                res->script_confidence = conf;
            }
        }
    }
}

int
tt_langid_evidence(const tt_langid *li, const tt_langid_result *res, tt_buf *out)
{
    int rc = 0, any = 0;
    /* profiles by votes, most first; ties in profile order */
    int used[TT_LANGID_MAXPROF] = {0};
    for (size_t k = 0; k < li->np && !rc; k++) {
        int bi = -1;
        for (size_t p = 0; p < li->np; p++)
            if (!used[p] && res->votes[p] && (bi < 0 || res->votes[p] > res->votes[bi]))
                bi = (int)p;
        if (bi < 0)
            break;
        used[bi] = 1;
        rc = tt_buf_printf(out, "%s%s %llu", any ? ", " : "", li->p[bi].code,
                           (unsigned long long)res->votes[bi]);
        any = 1;
    }
    if (!rc)
        rc = tt_buf_printf(out, "%s%llu words", any ? " of " : "no votes, ",
                           (unsigned long long)res->words);
    if (!rc && res->why_und[0])
        rc = tt_buf_printf(out, "; und: %s", res->why_und);
    return rc ? TT_ENOMEM : 0;
}
