/* lexicon_entry.c - building the lexicon: concepts, and each entry turned into normalized parts (lemma cores
 * with their grammar class, Snowball stem sets, exact forms, globs, compiled regexes, multiword parts with gaps)
 * indexed by literal key so that a token type is tested only against plausible entries. Called by the parsers;
 * uses the normalizer, the tokenizer (multiword texts), the grammars (morph.h) and PCRE2. */
#include "lexicon_priv.h"

#include "tt/tokenize.h"
#include "tt/utf8.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

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
    s[0] = lx_sdup(id);
    s[1] = lx_sdup(category);
    s[2] = lx_sdup(label ? label : "");
    s[3] = lx_sdup(parent ? parent : "");
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
    if (!(ns[p->nstems] = lx_sdupn(s, n)))
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
        tt_utf8_step(s, n, &i);
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
    if (!(p->form = lx_sdupn(src, n)))
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
    if (!(p->form = lx_sdupn(ld->tmp.data, ld->tmp.len)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    p->formlen = ld->tmp.len;
    if (p->kind == LX_P_LEMMA) {
        if (eo->stem2) {
            if ((rc = lx_norm(ld, e->lang, e->script, eo->stem2, eo->stem2n, &ld->tmp, err)))
                return rc;
            if (ld->tmp.len && !(p->stem2 = lx_sdupn(ld->tmp.data, ld->tmp.len)))
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
        uint32_t c = tt_utf8_step(s, n, &i);
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
        uint32_t c = tt_utf8_step(s, n, &i);
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
    e->text = lx_sdupn(text, textlen);
    e->where = lx_sdup(where);
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

