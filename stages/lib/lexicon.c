/* lexicon.c - the loaded lexicon: loading files and folders (dispatching to the .lex, YAML and LIWC parsers),
 * turning each entry into normalized parts (Snowball stem sets, compiled regexes) and indexing them by
 * literal key so that a token type is tested only against plausible entries; accessors; SHA-256 of the files;
 * and `lexicon check`. */
#include <dirent.h>
#include <errno.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uchar.h>

#include "lexicon_priv.h"
#include "tt/decode.h"
#include "tt/tokenize.h"

/* ---- hash index ---- */
uint64_t
lx_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = LX_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = lx_hash_step(h, s[i]);
    return lx_hash_end(h);
}

static struct lx_slot *
ix_find_h(const lx_index *ix, uint64_t h, const char *k, size_t n)
{
    if (!ix->nslots)
        return NULL;
    size_t mask = ix->nslots - 1, i = (size_t)h & mask;
    for (;;) {
        struct lx_slot *s = &ix->slots[i];
        if (!s->list)
            return s;
        if (s->klen == n && memcmp(ix->keys + s->koff, k, n) == 0)
            return s;
        i = (i + 1) & mask;
    }
}

static struct lx_slot *
ix_find(const lx_index *ix, const char *k, size_t n)
{
    return ix_find_h(ix, lx_hash(k, n), k, n);
}

static int
ix_grow(lx_index *ix)
{
    size_t nn = ix->nslots ? ix->nslots * 2 : 256;
    struct lx_slot *ns = calloc(nn, sizeof *ns);
    if (!ns)
        return TT_ENOMEM;
    for (size_t i = 0; i < ix->nslots; i++) {
        struct lx_slot *o = &ix->slots[i];
        if (!o->list)
            continue;
        size_t j = (size_t)lx_hash(ix->keys + o->koff, o->klen) & (nn - 1);
        while (ns[j].list)
            j = (j + 1) & (nn - 1);
        ns[j] = *o;
    }
    free(ix->slots);
    ix->slots = ns;
    ix->nslots = nn;
    return 0;
}

int
lx_index_add(lx_index *ix, const char *k, size_t n, uint32_t v)
{
    if ((ix->nused + 1) * 2 > ix->nslots && ix_grow(ix))
        return TT_ENOMEM;
    struct lx_slot *s = ix_find(ix, k, n);
    if (!s->list) {
        if (n > UINT32_MAX)
            return TT_ENOMEM;
        if (ix->keys_len + n + 1 > ix->keys_cap) {
            size_t nc = ix->keys_cap ? ix->keys_cap : 4096;
            while (nc < ix->keys_len + n + 1)
                nc *= 2;
            char *nk = realloc(ix->keys, nc);
            if (!nk)
                return TT_ENOMEM;
            ix->keys = nk;
            ix->keys_cap = nc;
        }
        if (ix->nlists == ix->caplists) {
            size_t nc = ix->caplists ? ix->caplists * 2 : 256;
            struct lx_list *nl = realloc(ix->lists, nc * sizeof *nl);
            if (!nl)
                return TT_ENOMEM;
            ix->lists = nl;
            ix->caplists = nc;
        }
        memcpy(ix->keys + ix->keys_len, k, n);
        ix->keys[ix->keys_len + n] = 0;
        s->koff = ix->keys_len;
        s->klen = (uint32_t)n;
        ix->keys_len += n + 1;
        memset(&ix->lists[ix->nlists], 0, sizeof ix->lists[0]);
        s->list = (uint32_t)++ix->nlists;
        ix->nused++;
    }
    struct lx_list *l = &ix->lists[s->list - 1];
    if (l->n == l->cap) {
        uint32_t nc = l->cap ? l->cap * 2 : 2;
        uint32_t *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv)
            return TT_ENOMEM;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = v;
    return 0;
}

const struct lx_list *
lx_index_get(const lx_index *ix, const char *k, size_t n)
{
    struct lx_slot *s = ix_find(ix, k, n);
    return s && s->list ? &ix->lists[s->list - 1] : NULL;
}

const struct lx_list *
lx_index_get_h(const lx_index *ix, uint64_t h, const char *k, size_t n)
{
    struct lx_slot *s = ix_find_h(ix, h, k, n);
    return s && s->list ? &ix->lists[s->list - 1] : NULL;
}

void
lx_index_free(lx_index *ix)
{
    for (size_t i = 0; i < ix->nlists; i++)
        free(ix->lists[i].v);
    free(ix->lists);
    free(ix->slots);
    free(ix->keys);
    memset(ix, 0, sizeof *ix);
}

/* ---- concepts and entries ---- */
static char *
sdup(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

static char *
sdupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

int
lx_add_concept(tt_lexicon *lx, const char *id, const char *category, const char *label, const char *parent,
               uint32_t *idx)
{
    if (lx->nconcepts == lx->capconcepts) {
        size_t nc = lx->capconcepts ? lx->capconcepts * 2 : 32;
        tt_concept *c = realloc(lx->concepts, nc * sizeof *c);
        if (!c)
            return TT_ENOMEM;
        lx->concepts = c;
        char **cs = realloc(lx->cstr, nc * 4 * sizeof *cs);
        if (!cs)
            return TT_ENOMEM;
        lx->cstr = cs;
        lx->capconcepts = nc;
    }
    char **s = lx->cstr + 4 * lx->nconcepts;
    s[0] = sdup(id);
    s[1] = sdup(category);
    s[2] = sdup(label ? label : "");
    s[3] = sdup(parent ? parent : "");
    if (!s[0] || !s[1] || !s[2] || !s[3]) {
        for (int i = 0; i < 4; i++)
            free(s[i]);
        return TT_ENOMEM;
    }
    tt_concept *c = &lx->concepts[lx->nconcepts];
    c->id = s[0];
    c->category = s[1];
    c->label = s[2];
    c->parent = s[3];
    *idx = (uint32_t)lx->nconcepts++;
    return 0;
}

static int
is_letter_ascii_lower(tt_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z')
            b->data[i] = (char)(b->data[i] - 'A' + 'a');
    return 0;
}

int
lx_norm(lx_loader *ld, tt_lang lang, tt_script script, const char *s, size_t n, tt_buf *out, tt_error *err)
{
    tt_buf_reset(out);
    if (!ld->nz) {
        if (tt_buf_append(out, s, n))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        return is_letter_ascii_lower(out);
    }
    if (lang == TT_LANG_KK && (script == TT_SCRIPT_ANY || script == TT_SCRIPT_LATN))
        script = tt_norm_detect_script(ld->nz, lang, s, n, NULL);
    int rc = tt_norm_word(ld->nz, lang, script, s, n, out, NULL, err);
    if (rc == 0 && !out->data && tt_buf_reserve(out, 0))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return rc;
}

/* Glob: normalizes the literal runs between wildcards separately. */
static int
norm_glob(lx_loader *ld, tt_lang lang, tt_script script, const char *s, size_t n, tt_buf *out, tt_error *err)
{
    tt_buf_reset(out);
    size_t i = 0;
    while (i < n) {
        if (s[i] == '*' || s[i] == '?') {
            if (tt_buf_putc(out, s[i]))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            i++;
            continue;
        }
        size_t b = i;
        while (i < n && s[i] != '*' && s[i] != '?')
            i++;
        int rc = lx_norm(ld, lang, script, s + b, i - b, &ld->tmp2, err);
        if (rc)
            return rc;
        if (tt_buf_append(out, ld->tmp2.data, ld->tmp2.len))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (!out->data && tt_buf_reserve(out, 0))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

static size_t
col_of(const char *s, size_t nbytes)
{
    size_t k = 0;
    for (size_t i = 0; i < nbytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

static int
get_grammar(lx_loader *ld, tt_lang lang, tt_error *err)
{
    tt_lexicon *lx = ld->lx;
    if (lx->gram[lang])
        return 0;
    int rc = lx_grammar_load(&lx->gram[lang], lx->data_dir, lang, err);
    if (rc)
        return rc;
    const char *alg = lx_grammar_snowball(lx->gram[lang]);
    if (alg && !ld->sb[lang]) {
        ld->sb[lang] = sb_stemmer_new(alg, "UTF_8");
        if (!ld->sb[lang])
            return tt_error_set(err, TT_ESYNTAX, "grammar for %s asks for an unknown snowball algorithm '%s'",
                                tt_lang_name(lang), alg);
    }
    return 0;
}

typedef struct entry_opts {
    int cls;
    int ccase; /* LX_CASE_* */
    const char *stem2, *forms, *suffix;
    size_t stem2n, formsn, suffixn;
} entry_opts;

static int
parse_opts(lx_loader *ld, tt_lang lang, const char *o, size_t n, size_t ocol, entry_opts *eo, size_t *col,
           tt_error *err)
{
    const lx_grammar *g = ld->lx->gram[lang];
    eo->cls = lx_grammar_class(g, "noun", 4);
    if (eo->cls < 0)
        eo->cls = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (o[i] == ' ' || o[i] == '\t'))
            i++;
        if (i >= n)
            break;
        size_t b = i;
        while (i < n && o[i] != ' ' && o[i] != '\t')
            i++;
        const char *kv = o + b, *eq = memchr(kv, '=', i - b);
        *col = ocol + col_of(o, b);
        if (!eq || eq == kv || eq + 1 == o + i)
            return tt_error_set(err, TT_ESYNTAX, "expected key=value in the options");
        size_t kn = (size_t)(eq - kv), vn = (size_t)(o + i - eq - 1);
        const char *v = eq + 1;
        if (kn == 5 && memcmp(kv, "class", 5) == 0) {
            eo->cls = lx_grammar_class(g, v, vn);
            if (eo->cls < 0)
                return tt_error_set(err, TT_ESYNTAX, "unknown morphology class '%.*s' for %s", (int)vn, v,
                                    tt_lang_name(lang));
        } else if (kn == 5 && memcmp(kv, "stem2", 5) == 0) {
            eo->stem2 = v;
            eo->stem2n = vn;
        } else if (kn == 5 && memcmp(kv, "forms", 5) == 0) {
            eo->forms = v;
            eo->formsn = vn;
        } else if (kn == 6 && memcmp(kv, "suffix", 6) == 0) {
            eo->suffix = v;
            eo->suffixn = vn;
        } else if (kn == 4 && memcmp(kv, "case", 4) == 0) {
            if (vn == 6 && memcmp(v, "proper", 6) == 0)
                eo->ccase = LX_CASE_PROPER;
            else if (vn == 5 && memcmp(v, "lower", 5) == 0)
                eo->ccase = LX_CASE_LOWER;
            else if (vn == 7 && memcmp(v, "capital", 7) == 0)
                eo->ccase = LX_CASE_CAPITAL;
            else
                return tt_error_set(err, TT_ESYNTAX, "unknown case '%.*s' (proper, capital or lower)", (int)vn, v);
        } else {
            return tt_error_set(err, TT_ESYNTAX, "unknown option '%.*s'", (int)kn, kv);
        }
    }
    *col = 0;
    return 0;
}

static int
push_part(lx_entry *e, lx_part **out)
{
    lx_part *np = realloc(e->parts, (e->nparts + 1) * sizeof *np);
    if (!np)
        return TT_ENOMEM;
    e->parts = np;
    *out = &np[e->nparts];
    memset(*out, 0, sizeof **out);
    e->nparts++;
    return 0;
}

static void
free_part(lx_part *p)
{
    free(p->form);
    free(p->stem2);
    free(p->extra);
    if (p->re)
        pcre2_code_free(p->re);
    for (size_t i = 0; i < p->nstems; i++)
        free(p->stems[i]);
    free(p->stems);
    free(p->weak);
}

static int
add_stem(lx_part *p, const char *s, size_t n)
{
    for (size_t i = 0; i < p->nstems; i++)
        if (strlen(p->stems[i]) == n && memcmp(p->stems[i], s, n) == 0)
            return 0;
    char **ns = realloc(p->stems, (p->nstems + 1) * sizeof *ns);
    if (!ns)
        return TT_ENOMEM;
    p->stems = ns;
    unsigned char *nw = realloc(p->weak, p->nstems + 1);
    if (!nw)
        return TT_ENOMEM;
    p->weak = nw;
    if (!(ns[p->nstems] = sdupn(s, n)))
        return TT_ENOMEM;
    nw[p->nstems++] = 0;
    return 0;
}

/* Snowball stem set (normalization.md §5.4): lemma, genitive singular, nominative plural. */
static int
stem_set(lx_loader *ld, tt_lang lang, lx_part *p, const entry_opts *eo, tt_script script, tt_error *err)
{
    struct sb_stemmer *sb = ld->sb[lang];
    const lx_grammar *g = ld->lx->gram[lang];
    tt_buf forms = {0};
    int rc = 0;
    if (eo && eo->forms) {
        size_t i = 0;
        while (i <= eo->formsn && rc == 0) {
            size_t b = i;
            while (i < eo->formsn && eo->forms[i] != ',')
                i++;
            if (i > b) {
                rc = lx_norm(ld, lang, script, eo->forms + b, i - b, &ld->tmp2, err);
                if (!rc && (tt_buf_append(&forms, ld->tmp2.data, ld->tmp2.len) || tt_buf_putc(&forms, 0)))
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            }
            i++;
        }
    } else if (p->kind == LX_P_LEMMA) {
        if (lx_grammar_forms(g, p->cls, p->form, p->formlen, &forms))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    const char *list[64];
    size_t nl = 0;
    list[nl++] = p->form;
    for (size_t i = 0; rc == 0 && i < forms.len && nl < 64;) {
        const char *f = forms.data + i;
        size_t fn = strlen(f);
        if (fn)
            list[nl++] = f;
        i += fn + 1;
    }
    /* stems[ngiven0 .. ngiven1) come from the entry's forms= (given, not generated) */
    size_t ngiven0 = 1, ngiven1 = 1;
    for (size_t i = 0; rc == 0 && i < nl; i++) {
        if (i == 1)
            ngiven0 = p->nstems;
        const sb_symbol *st = sb_stemmer_stem(sb, (const sb_symbol *)list[i], (int)strlen(list[i]));
        if (!st) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        if (add_stem(p, (const char *)st, (size_t)sb_stemmer_length(sb)))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (eo && eo->forms)
        ngiven1 = p->nstems;
    tt_buf_free(&forms);
    if (rc)
        return rc;
    /* The weak-stem rule: a stem that is a proper prefix of another stem of the set, where Snowball cut into
       the stem (казах -> каз but казаха -> казах; оралман -> оралма but оралманов -> оралман), is weak: it only
       matches tokens that begin with a longer stem of the set or with the lemma. It applies to the lemma's own
       stem (stems[0]) and to the stems of generated forms, not to those of forms the entry gives: the real
       oblique stem (гражданин ; forms=гражданина,граждане -> граждан) matches on its own. */
    if (lx_grammar_weak_stems(g)) {
        for (size_t i = 0; i < p->nstems; i++) {
            size_t li = strlen(p->stems[i]);
            if (i > 0 && i >= ngiven0 && i < ngiven1)
                continue;
            for (size_t j = 0; j < p->nstems; j++)
                if (strlen(p->stems[j]) > li && memcmp(p->stems[j], p->stems[i], li) == 0)
                    p->weak[i] = 1;
        }
    }
    return 0;
}

static size_t
regex_prefix(const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            continue;
        }
        if (s[i] == '(' || s[i] == '[')
            depth++;
        else if ((s[i] == ')' || s[i] == ']') && depth > 0)
            depth--;
        else if (s[i] == '|' && depth == 0)
            return 0;
    }
    size_t i = 0, lastb = 0;
    while (i < n && !strchr("\\^$.[]()|*+?{}", s[i])) {
        lastb = i;
        lx_cp(s, n, &i);
    }
    if (i < n && strchr("*?{", s[i]))
        return lastb;
    return i;
}

static int
compile_regex(lx_loader *ld, lx_part *p, const char *src, size_t n, size_t tcol, size_t *col, tt_error *err)
{
    int ec;
    PCRE2_SIZE eo;
    p->re = pcre2_compile((PCRE2_SPTR)src, n,
                          PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_MATCH_INVALID_UTF,
                          &ec, &eo, NULL);
    if (!p->re) {
        char msg[256];
        pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
        *col = tcol + 1 + col_of(src, eo < n ? eo : n);
        return tt_error_set(err, TT_ESYNTAX, "regex /%.*s/ does not compile: %s at offset %zu", (int)n, src, msg,
                            (size_t)eo);
    }
    (void)ld;
    pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if JIT is unavailable */
    if (!(p->form = sdupn(src, n)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    p->formlen = n;
    return 0;
}

static int
add_target(tt_lexicon *lx, uint32_t entry, uint32_t part, uint32_t *t)
{
    if (lx->ntargets == lx->captargets) {
        size_t nc = lx->captargets ? lx->captargets * 2 : 256;
        lx_target *nt = realloc(lx->targets, nc * sizeof *nt);
        if (!nt)
            return TT_ENOMEM;
        lx->targets = nt;
        lx->captargets = nc;
    }
    lx->targets[lx->ntargets].entry = entry;
    lx->targets[lx->ntargets].part = part;
    *t = (uint32_t)lx->ntargets++;
    return 0;
}

static int
ix_key(tt_lexicon *lx, tt_lang lang, char kind, const char *s, size_t n, uint32_t t)
{
    char stackbuf[256];
    char *k = n + 2 <= sizeof stackbuf ? stackbuf : malloc(n + 2);
    if (!k)
        return TT_ENOMEM;
    k[0] = (char)('0' + lang);
    k[1] = kind;
    memcpy(k + 2, s, n);
    int rc = lx_index_add(&lx->ix, k, n + 2, t);
    if (k != stackbuf)
        free(k);
    return rc;
}

static int
add_any(tt_lexicon *lx, tt_lang lang, uint32_t t)
{
    if (lx->nany_glob[lang] == lx->capany_glob[lang]) {
        size_t nc = lx->capany_glob[lang] ? lx->capany_glob[lang] * 2 : 8;
        uint32_t *nv = realloc(lx->any_glob[lang], nc * sizeof *nv);
        if (!nv)
            return TT_ENOMEM;
        lx->any_glob[lang] = nv;
        lx->capany_glob[lang] = nc;
    }
    lx->any_glob[lang][lx->nany_glob[lang]++] = t;
    return 0;
}

/* Byte length of s without its last code point. */
static size_t
core_len(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return i ? i - 1 : 0;
}

static int
index_part(lx_loader *ld, tt_lang lang, lx_part *p, uint32_t t)
{
    tt_lexicon *lx = ld->lx;
    int rc = 0;
    switch (p->kind) {
    case LX_P_EXACT:
        return ix_key(lx, lang, 'x', p->form, p->formlen, t);
    case LX_P_LEMMA:
        if (lx_grammar_method(lx->gram[lang]) == LX_METHOD_SNOWBALL) {
            for (size_t i = 0; i < p->nstems && !rc; i++)
                rc = ix_key(lx, lang, 's', p->stems[i], strlen(p->stems[i]), t);
            return rc;
        }
        rc = ix_key(lx, lang, 'c', p->form, core_len(p->form, p->formlen), t);
        if (!rc && p->stem2)
            rc = ix_key(lx, lang, 'c', p->stem2, core_len(p->stem2, p->stem2len), t);
        return rc;
    case LX_P_GLOB: {
        size_t k = strcspn(p->form, "*?");
        return k ? ix_key(lx, lang, 'g', p->form, k, t) : add_any(lx, lang, t);
    }
    default: {
        size_t k = regex_prefix(p->form, p->formlen);
        return k ? ix_key(lx, lang, 'r', p->form, k, t) : add_any(lx, lang, t);
    }
    }
}

/* Sets up a lemma/exact/glob part from one word (not yet normalized). */
static int
word_part(lx_loader *ld, lx_entry *e, int pkind, const char *w, size_t n, const entry_opts *eo, size_t tcol,
          size_t *col, tt_error *err)
{
    lx_part *p;
    int rc;
    if (push_part(e, &p))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    p->kind = pkind;
    p->cls = eo->cls;
    if (pkind == LX_P_LEMMA && eo->cls == 0)
        p->kind = LX_P_EXACT;
    if (pkind == LX_P_REGEX)
        return compile_regex(ld, p, w, n, tcol, col, err);
    rc = pkind == LX_P_GLOB ? norm_glob(ld, e->lang, e->script, w, n, &ld->tmp, err)
                            : lx_norm(ld, e->lang, e->script, w, n, &ld->tmp, err);
    if (rc)
        return rc;
    if (ld->tmp.len == 0 || (pkind == LX_P_GLOB && strspn(ld->tmp.data, "*?") == ld->tmp.len && 0)) {
        *col = tcol;
        return tt_error_set(err, TT_ESYNTAX, "'%.*s' has an empty match form", (int)n, w);
    }
    if (!(p->form = sdupn(ld->tmp.data, ld->tmp.len)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    p->formlen = ld->tmp.len;
    if (p->kind == LX_P_LEMMA) {
        if (eo->stem2) {
            if ((rc = lx_norm(ld, e->lang, e->script, eo->stem2, eo->stem2n, &ld->tmp, err)))
                return rc;
            if (ld->tmp.len && !(p->stem2 = sdupn(ld->tmp.data, ld->tmp.len)))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            p->stem2len = ld->tmp.len;
        }
        if (eo->suffix) {
            tt_buf ex = {0};
            size_t i = 0;
            while (i <= eo->suffixn) {
                size_t b = i;
                while (i < eo->suffixn && eo->suffix[i] != ',')
                    i++;
                if (i > b) {
                    if ((rc = lx_norm(ld, e->lang, e->script, eo->suffix + b, i - b, &ld->tmp, err))) {
                        tt_buf_free(&ex);
                        return rc;
                    }
                    if (ld->tmp.len && (tt_buf_append(&ex, ld->tmp.data, ld->tmp.len) || tt_buf_putc(&ex, 0))) {
                        tt_buf_free(&ex);
                        return tt_error_set(err, TT_ENOMEM, "out of memory");
                    }
                }
                i++;
            }
            if (tt_buf_putc(&ex, 0)) {
                tt_buf_free(&ex);
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            }
            p->extra = tt_buf_detach(&ex, NULL);
        }
        if (lx_grammar_method(ld->lx->gram[e->lang]) == LX_METHOD_SNOWBALL)
            return stem_set(ld, e->lang, p, eo, e->script, err);
    }
    return 0;
}

/* Words of a multiword piece: with a tokenizer, its word tokens' match forms; else the piece itself. Returns
 * forms NUL-separated in ld->tmp2-independent buffer out. */
static int
split_piece(lx_loader *ld, tt_lang lang, tt_script script, const char *s, size_t n, tt_buf *out, size_t *count,
            tt_error *err)
{
    *count = 0;
    if (ld->tk && ld->nz) {
        tt_tokseq ts;
        tt_tokseq_init(&ts);
        if (lang == TT_LANG_KK && (script == TT_SCRIPT_ANY || script == TT_SCRIPT_LATN))
            script = tt_norm_detect_script(ld->nz, lang, s, n, NULL);
        int rc = tt_tokenize(ld->tk, ld->nz, lang, script, s, n, 0, NULL, NULL, &ts, err);
        for (size_t i = 0; rc == 0 && i < ts.ntok; i++) {
            const tt_token *t = &ts.tok[i];
            if (!t->match_len)
                continue;
            if (tt_buf_append(out, s + t->start, (size_t)(t->end - t->start)) || tt_buf_putc(out, 0))
                rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            (*count)++;
        }
        tt_tokseq_free(&ts);
        return rc;
    }
    /* no tokenizer: strip leading and trailing punctuation */
    size_t b = 0, e = n;
    while (b < e) {
        size_t i = b;
        uint32_t c = lx_cp(s, n, &i);
        if (u_isalnum((UChar32)c) || c == '*' || c == '?' || c == '=')
            break;
        b = i;
    }
    while (e > b) {
        size_t st = e;
        while (st > b && ((unsigned char)s[st - 1] & 0xC0) == 0x80)
            st--;
        if (st > b)
            st--;
        size_t i = st;
        uint32_t c = lx_cp(s, n, &i);
        if (u_isalnum((UChar32)c) || c == '*' || c == '?')
            break;
        e = st;
    }
    if (e > b) {
        if (tt_buf_append(out, s + b, e - b) || tt_buf_putc(out, 0))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        *count = 1;
    }
    return 0;
}

static int
multi_parts(lx_loader *ld, lx_entry *e, const char *s, size_t n, const entry_opts *eo, size_t tcol, size_t *col,
            tt_error *err)
{
    size_t i = 0;
    uint32_t gap = 0;
    int have_gap = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        const char *w = s + b;
        size_t wn = i - b;
        size_t wcol = tcol + col_of(s, b);
        if (wn >= 3 && w[0] == '[' && w[wn - 1] == ']') {
            uint64_t g = 0;
            for (size_t k = 1; k + 1 < wn; k++) {
                if (w[k] < '0' || w[k] > '9' || g > 1000) {
                    *col = wcol;
                    return tt_error_set(err, TT_ESYNTAX, "a gap is [N] with N from 0 to 1000");
                }
                g = g * 10 + (uint64_t)(w[k] - '0');
            }
            if (!e->nparts || have_gap || g > 1000) {
                *col = wcol;
                return tt_error_set(err, TT_ESYNTAX, "a gap [N] must stand between two parts (N <= 1000)");
            }
            gap = (uint32_t)g;
            have_gap = 1;
            continue;
        }
        int kind = LX_P_LEMMA;
        if (wn && w[0] == '=') {
            kind = LX_P_EXACT;
            w++;
            wn--;
            wcol++;
        } else if (memchr(w, '*', wn) || memchr(w, '?', wn)) {
            kind = LX_P_GLOB;
        }
        size_t before = e->nparts;
        if (kind == LX_P_GLOB) {
            int rc = word_part(ld, e, kind, w, wn, eo, wcol, col, err);
            if (rc) {
                if (!*col)
                    *col = wcol;
                return rc;
            }
        } else {
            tt_buf words = {0};
            size_t cnt;
            int rc = split_piece(ld, e->lang, e->script, w, wn, &words, &cnt, err);
            for (size_t k = 0, off = 0; rc == 0 && k < cnt; k++) {
                const char *pw = words.data + off;
                size_t pn = strlen(pw);
                entry_opts o2 = *eo;
                o2.forms = NULL; /* forms= belongs to single-word entries */
                if (kind == LX_P_EXACT)
                    o2.cls = 0;
                rc = word_part(ld, e, LX_P_LEMMA, pw, pn, &o2, wcol, col, err);
                off += pn + 1;
            }
            tt_buf_free(&words);
            if (rc) {
                if (!*col)
                    *col = wcol;
                return rc;
            }
        }
        if (e->nparts > before) {
            e->parts[before].gap = gap;
            gap = 0;
            have_gap = 0;
        }
    }
    if (have_gap) {
        *col = tcol;
        return tt_error_set(err, TT_ESYNTAX, "a gap [N] must stand between two parts");
    }
    if (!e->nparts) {
        *col = tcol;
        return tt_error_set(err, TT_ESYNTAX, "the multiword entry has no word");
    }
    return 0;
}

int
lx_add_entry(lx_loader *ld, uint32_t c, tt_entry_kind kind, tt_lang lang, tt_script script, const char *text,
             size_t textlen, const char *optstr, size_t optlen, const char *where, size_t tcol, size_t ocol,
             size_t *col, tt_error *err)
{
    tt_lexicon *lx = ld->lx;
    *col = 0;
    if (lx->nentries >= lx->opts.max_entries)
        return tt_error_set(err, TT_ELIMIT, "more than %zu entries (--max-lexicon-entries raises the limit)",
                            lx->opts.max_entries);
    int rc = get_grammar(ld, lang, err);
    if (rc)
        return rc;
    entry_opts eo = {0};
    if ((rc = parse_opts(ld, lang, optstr ? optstr : "", optstr ? optlen : 0, ocol, &eo, col, err)))
        return rc;
    if (lx->nentries == lx->capentries) {
        size_t nc = lx->capentries ? lx->capentries * 2 : 64;
        lx_entry *ne = realloc(lx->entries, nc * sizeof *ne);
        if (!ne)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        lx->entries = ne;
        lx->capentries = nc;
    }
    lx_entry *e = &lx->entries[lx->nentries];
    memset(e, 0, sizeof *e);
    e->concept = c;
    e->kind = kind;
    e->lang = lang;
    e->script = script;
    e->exclude = kind == TT_ENTRY_EXCLUDE;
    e->ccase = eo.ccase;
    e->text = sdupn(text, textlen);
    e->where = sdup(where);
    lx->nentries++; /* from here on, tt_lexicon_free releases it */
    if (!e->text || !e->where)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    int shape = (int)kind;
    if (kind == TT_ENTRY_EXCLUDE) {
        if (textlen >= 2 && text[0] == '/' && text[textlen - 1] == '/')
            shape = TT_ENTRY_REGEX;
        else if (memchr(text, ' ', textlen) || memchr(text, '\t', textlen))
            shape = TT_ENTRY_MULTI;
        else if (memchr(text, '*', textlen) || memchr(text, '?', textlen))
            shape = TT_ENTRY_GLOB;
        else
            shape = TT_ENTRY_LEMMA;
    }
    if (shape != TT_ENTRY_MULTI && shape != TT_ENTRY_REGEX &&
        (memchr(text, ' ', textlen) || memchr(text, '\t', textlen))) {
        *col = tcol;
        return tt_error_set(err, TT_ESYNTAX, "a %s entry is one word (write a multi entry for several)",
                            kind == TT_ENTRY_GLOB ? "glob" : "lemma");
    }
    switch (shape) {
    case TT_ENTRY_LEMMA: {
        int k = LX_P_LEMMA;
        if (textlen && text[0] == '=') {
            k = LX_P_EXACT;
            text++;
            textlen--;
            tcol++;
        }
        rc = word_part(ld, e, k, text, textlen, &eo, tcol, col, err);
        if (rc == 0 && ld->tk && ld->nz) {
            tt_buf words = {0};
            size_t cnt = 0;
            tt_error e2;
            tt_error_clear(&e2);
            if (split_piece(ld, lang, script, text, textlen, &words, &cnt, &e2) == 0 && cnt != 1)
                e->warn |= LX_W_SPLIT;
            tt_buf_free(&words);
        }
        break;
    }
    case TT_ENTRY_GLOB:
        rc = word_part(ld, e, LX_P_GLOB, text, textlen, &eo, tcol, col, err);
        break;
    case TT_ENTRY_REGEX:
        if (textlen < 3 || text[0] != '/' || text[textlen - 1] != '/') {
            *col = tcol;
            return tt_error_set(err, TT_ESYNTAX, "a regex entry is written /pattern/");
        }
        rc = word_part(ld, e, LX_P_REGEX, text + 1, textlen - 2, &eo, tcol, col, err);
        break;
    default:
        rc = multi_parts(ld, e, text, textlen, &eo, tcol, col, err);
    }
    if (rc) {
        if (!*col && rc != TT_ENOMEM)
            *col = tcol;
        return rc;
    }
    for (size_t k = 0; k < e->nparts; k++) {
        uint32_t t;
        if (add_target(lx, (uint32_t)(lx->nentries - 1), (uint32_t)k, &t) || index_part(ld, lang, &e->parts[k], t))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        if (k == 0)
            e->t0 = t;
    }
    if (e->exclude && e->nparts > 1)
        lx->has_multi_excl = 1;
    return 0;
}

/* ---- loading ---- */
static int
read_file(const char *path, tt_buf *b, tt_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        tt_error_set(err, TT_EIO, "cannot open lexicon: %s", strerror(errno));
        err->sys_errno = errno;
        tt_error_at(err, path, 0, 0);
        return TT_EIO;
    }
    char chunk[16384];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        if (tt_buf_append(b, chunk, k)) {
            fclose(fp);
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        tt_error_set(err, TT_EIO, "cannot read lexicon");
        tt_error_at(err, path, 0, 0);
        return TT_EIO;
    }
    if (tt_buf_reserve(b, 0))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

static int
ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static int
parse_any(lx_loader *ld, const char *path, const char *s, size_t n, tt_error *err)
{
    if (ends_with(path, ".yml") || ends_with(path, ".yaml"))
        return lx_parse_yaml(ld, path, s, n, err);
    if (ends_with(path, ".dic"))
        return lx_parse_liwc(ld, path, s, n, err);
    return lx_parse_lex(ld, path, s, n, err);
}

static int
cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_begin(tt_lexicon **out, lx_loader *ld, const tt_lexicon_opts *opts, tt_normalizer *nz, tt_error *err)
{
    *out = NULL;
    memset(ld, 0, sizeof *ld);
    tt_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (opts)
        lx->opts = *opts;
    if (!lx->opts.match_limit)
        lx->opts.match_limit = 100000;
    if (!lx->opts.depth_limit)
        lx->opts.depth_limit = 1000;
    if (!lx->opts.max_entries)
        lx->opts.max_entries = 1000000;
    snprintf(lx->data_dir, sizeof lx->data_dir, "%s", lx->opts.data_dir ? lx->opts.data_dir : tt_data_dir());
    lx->opts.data_dir = lx->data_dir;
    ld->lx = lx;
    ld->nz = nz;
    if (nz) {
        /* multiword texts are tokenized as documents are; without the tokenizer's data, fall back */
        tt_error e2;
        tt_error_clear(&e2);
        if (tt_tokenizer_new(&ld->tk, lx->data_dir, &e2) != 0)
            ld->tk = NULL;
    }
    return 0;
}

static void
load_end(lx_loader *ld)
{
    tt_tokenizer_free(ld->tk);
    for (int i = 0; i < TT_LANG_COUNT; i++)
        if (ld->sb[i])
            sb_stemmer_delete(ld->sb[i]);
    tt_buf_free(&ld->tmp);
    tt_buf_free(&ld->tmp2);
}

int
tt_lexicon_load(tt_lexicon **out, const char *path, const tt_lexicon_opts *opts, tt_normalizer *nz,
                tt_error *err)
{
    lx_loader ld;
    int rc = load_begin(out, &ld, opts, nz, err);
    if (rc)
        return rc;
    struct stat st;
    char **names = NULL;
    size_t nnames = 0;
    if (stat(path, &st) != 0) {
        rc = tt_error_set(err, TT_EIO, "cannot open lexicon: %s", strerror(errno));
        err->sys_errno = errno;
        tt_error_at(err, path, 0, 0);
    } else if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            rc = tt_error_set(err, TT_EIO, "cannot read lexicon folder: %s", strerror(errno));
            tt_error_at(err, path, 0, 0);
        }
        struct dirent *de;
        while (rc == 0 && d && (de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.' || !(ends_with(de->d_name, ".lex") || ends_with(de->d_name, ".yml") ||
                                          ends_with(de->d_name, ".yaml") || ends_with(de->d_name, ".dic")))
                continue;
            char **nn = realloc(names, (nnames + 1) * sizeof *nn);
            if (!nn || !(nn[nnames] = sdup(de->d_name))) {
                if (nn)
                    names = nn;
                rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                break;
            }
            names = nn;
            nnames++;
        }
        if (d)
            closedir(d);
        if (rc == 0 && nnames == 0) {
            rc = tt_error_set(err, TT_EIO, "no .lex, .yml, .yaml or .dic file in the lexicon folder");
            tt_error_at(err, path, 0, 0);
        }
        if (nnames)
            qsort(names, nnames, sizeof *names, cmpstr);
    }
    tt_sha256 sh;
    tt_sha256_init(&sh);
    tt_buf data = {0}, fp = {0};
    for (size_t i = 0; rc == 0 && i < (names ? nnames : 1); i++) {
        tt_buf_reset(&data);
        tt_buf_reset(&fp);
        const char *name = path;
        if (names) {
            tt_buf_printf(&fp, "%s/%s", path, names[i]);
            name = fp.data;
        }
        if ((rc = read_file(name, &data, err)))
            break;
        const char *base = names ? names[i] : (strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
        uint64_t len = data.len;
        tt_sha256_update(&sh, base, strlen(base) + 1);
        tt_sha256_update(&sh, &len, sizeof len);
        tt_sha256_update(&sh, data.data, data.len);
        rc = parse_any(&ld, name, data.data, data.len, err);
    }
    tt_buf_free(&data);
    tt_buf_free(&fp);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    load_end(&ld);
    if (rc) {
        tt_lexicon_free(ld.lx);
        return rc;
    }
    tt_sha256_hex(&sh, ld.lx->sha256);
    *out = ld.lx;
    return 0;
}

int
tt_lexicon_load_mem(tt_lexicon **out, const char *name, const char *data, size_t n,
                    const tt_lexicon_opts *opts, tt_normalizer *nz, tt_error *err)
{
    lx_loader ld;
    int rc = load_begin(out, &ld, opts, nz, err);
    if (rc)
        return rc;
    rc = parse_any(&ld, name, data, n, err);
    load_end(&ld);
    if (rc) {
        tt_lexicon_free(ld.lx);
        return rc;
    }
    tt_sha256 sh;
    tt_sha256_init(&sh);
    uint64_t len = n;
    tt_sha256_update(&sh, name, strlen(name) + 1);
    tt_sha256_update(&sh, &len, sizeof len);
    tt_sha256_update(&sh, data, n);
    tt_sha256_hex(&sh, ld.lx->sha256);
    *out = ld.lx;
    return 0;
}

void
tt_lexicon_free(tt_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->nconcepts * 4; i++)
        free(lx->cstr[i]);
    free(lx->cstr);
    free(lx->concepts);
    for (size_t i = 0; i < lx->nentries; i++) {
        lx_entry *e = &lx->entries[i];
        for (size_t k = 0; k < e->nparts; k++)
            free_part(&e->parts[k]);
        free(e->parts);
        free(e->text);
        free(e->where);
    }
    free(lx->entries);
    free(lx->targets);
    lx_index_free(&lx->ix);
    for (int i = 0; i < TT_LANG_COUNT; i++) {
        free(lx->any_glob[i]);
        lx_grammar_free(lx->gram[i]);
    }
    free(lx);
}

size_t
tt_lexicon_nconcepts(const tt_lexicon *lx)
{
    return lx->nconcepts;
}

const tt_concept *
tt_lexicon_concept(const tt_lexicon *lx, size_t i)
{
    return i < lx->nconcepts ? &lx->concepts[i] : NULL;
}

long
tt_lexicon_find_concept(const tt_lexicon *lx, const char *id)
{
    for (size_t i = 0; i < lx->nconcepts; i++)
        if (strcmp(lx->concepts[i].id, id) == 0)
            return (long)i;
    return -1;
}

size_t
tt_lexicon_nentries(const tt_lexicon *lx)
{
    return lx->nentries;
}

int
tt_lexicon_entry(const tt_lexicon *lx, size_t i, tt_entry_info *info)
{
    if (i >= lx->nentries)
        return TT_EUSAGE;
    const lx_entry *e = &lx->entries[i];
    info->concept = e->concept;
    info->kind = e->kind;
    info->lang = e->lang;
    info->script = e->script;
    info->text = e->text;
    info->where = e->where;
    return 0;
}

const char *
tt_lexicon_sha256(const tt_lexicon *lx)
{
    return lx->sha256;
}

/* ---- lexicon check ---- */
static const char *
part_kind_name(int k)
{
    switch (k) {
    case LX_P_LEMMA:
        return "lemma";
    case LX_P_EXACT:
        return "exact";
    case LX_P_GLOB:
        return "glob";
    default:
        return "regex";
    }
}

/* 1 if an exclusion of concept c with a case condition matches the form w (so that c's entries give way on some
 * tokens), 0 if none, or TT_E*. */
static int
cond_excluded(const tt_lexicon *lx, tt_matcher *m, uint32_t c, tt_lang lang, const char *w, size_t n, tt_error *err)
{
    for (size_t j = 0; j < lx->nentries; j++) {
        const lx_entry *x = &lx->entries[j];
        if (!x->exclude || !x->ccase || x->concept != c || x->lang != lang || x->nparts != 1)
            continue;
        int ok = lx_part_matches(m, lx, &x->parts[0], lang, w, n, NULL, err);
        if (ok)
            return ok;
    }
    return 0;
}

int
tt_lexicon_check(const tt_lexicon *lx, tt_matcher *m, tt_buf *report, size_t *nwarnings, tt_error *err)
{
    size_t nw = 0;
    tt_buf gen = {0}, why = {0};
    int rc = 0;
    for (size_t i = 0; i < lx->nentries && rc == 0; i++) {
        const lx_entry *e = &lx->entries[i];
        const tt_concept *c = &lx->concepts[e->concept];
        tt_buf_printf(report, "%s\t%s\t%s\t%s%s\t%s%s\n", e->where, c->id, tt_lang_name(e->lang),
                      e->exclude ? "exclude " : "", e->nparts > 1 ? "multi" : part_kind_name(e->parts[0].kind),
                      e->text,
                      e->ccase == LX_CASE_PROPER    ? "\tcase=proper"
                      : e->ccase == LX_CASE_LOWER   ? "\tcase=lower"
                      : e->ccase == LX_CASE_CAPITAL ? "\tcase=capital"
                                                    : "");
        const lx_grammar *g = lx->gram[e->lang];
        for (size_t k = 0; k < e->nparts; k++) {
            const lx_part *p = &e->parts[k];
            tt_buf_printf(report, "  part %zu: %s '%s'", k + 1, part_kind_name(p->kind), p->form);
            if (p->gap)
                tt_buf_printf(report, " after a gap of up to %u", p->gap);
            if (p->kind == LX_P_LEMMA)
                tt_buf_printf(report, " class=%s", lx_grammar_class_name(g, p->cls));
            if (p->stem2)
                tt_buf_printf(report, " stem2='%s'", p->stem2);
            for (size_t s = 0; s < p->nstems; s++)
                tt_buf_printf(report, "%s%s%s", s ? ", " : " stems: ", p->stems[s], p->weak[s] ? " (weak)" : "");
            tt_buf_putc(report, '\n');
            if (p->kind == LX_P_LEMMA && lx_grammar_method(g) == LX_METHOD_SUFFIX) {
                tt_buf_reset(&gen);
                if (lx_grammar_generate(g, p->cls, p->form, p->formlen, 12, &gen))
                    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                for (size_t off = 0; rc == 0 && off < gen.len;) {
                    const char *l = gen.data + off, *tab = strchr(l, '\t'), *nl = strchr(l, '\n');
                    tt_buf_reset(&why);
                    int ok = lx_part_matches(m, lx, p, e->lang, l, (size_t)(tab - l), &why, err);
                    if (ok < 0) {
                        rc = ok;
                        break;
                    }
                    tt_buf_printf(report, "    %.*s\t%.*s%s\n", (int)(tab - l), l, (int)(nl - tab - 1), tab + 1,
                                  ok ? "" : "\t(not matched!)");
                    off = (size_t)(nl - gen.data) + 1;
                }
            }
        }
        if (e->warn & LX_W_SPLIT) {
            tt_buf_printf(report, "%s: warning: the tokenizer splits '%s' into several tokens: it can never match "
                                  "as one word (write a multi entry)\n",
                          e->where, e->text);
            nw++;
        }
        /* an earlier entry of another concept that matches this entry's own form wins every tie */
        if (e->nparts == 1 && !e->exclude && e->parts[0].kind != LX_P_REGEX && e->parts[0].kind != LX_P_GLOB) {
            const lx_part *p = &e->parts[0];
            for (size_t j = 0; j < i; j++) {
                const lx_entry *o = &lx->entries[j];
                /* entries whose case conditions never meet never tie */
                if (o->lang != e->lang || o->nparts != 1 || o->concept == e->concept ||
                    (o->ccase == LX_CASE_LOWER && e->ccase && e->ccase != LX_CASE_LOWER) ||
                    (e->ccase == LX_CASE_LOWER && o->ccase && o->ccase != LX_CASE_LOWER))
                    continue;
                tt_buf_reset(&why);
                int ok = lx_part_matches(m, lx, &o->parts[0], o->lang, p->form, p->formlen, &why, err);
                if (ok < 0) {
                    rc = ok;
                    break;
                }
                if (ok && !o->exclude && !o->ccase) {
                    /* unless a case-conditioned exclusion of o's concept lets this entry win on some tokens */
                    int cx = cond_excluded(lx, m, o->concept, o->lang, p->form, p->formlen, err);
                    if (cx < 0) {
                        rc = cx;
                        break;
                    }
                    if (!cx) {
                        tt_buf_printf(report,
                                      "%s: warning: '%s' is also matched by %s (%s, concept %s), listed earlier: "
                                      "as a single word it always counts there\n",
                                      e->where, p->form, o->where, o->text, lx->concepts[o->concept].id);
                        nw++;
                        break;
                    }
                }
                if (ok && o->exclude && o->concept == e->concept) {
                    tt_buf_printf(report, "%s: warning: excluded by %s\n", e->where, o->where);
                    nw++;
                }
            }
            for (size_t j = 0; j < lx->nentries; j++) {
                const lx_entry *o = &lx->entries[j];
                /* an exclusion with a case condition excludes some tokens, not the form */
                if (!o->exclude || o->concept != e->concept || o->lang != e->lang || o->nparts != 1 || o->ccase)
                    continue;
                tt_buf_reset(&why);
                int ok = lx_part_matches(m, lx, &o->parts[0], o->lang, p->form, p->formlen, &why, err);
                if (ok > 0) {
                    tt_buf_printf(report, "%s: warning: '%s' is excluded by %s (%s): it can never match\n",
                                  e->where, p->form, o->where, o->text);
                    nw++;
                    break;
                }
            }
        }
    }
    tt_buf_free(&gen);
    tt_buf_free(&why);
    if (nwarnings)
        *nwarnings = nw;
    return rc;
}
