/* norm_rules.c - the normalizer's transliteration rule sets (<data>/translit/<name>.rules, normalization.md §4):
 * a file read and cut into passes, each pass compiled once; and a token run through its rule set's passes
 * (nz_translit).
 *
 * A rule file is ICU transliterator syntax. Its "::ID;" lines split it into passes, as ICU splits it: the rules
 * before the line, then ID, then the rules after, each pass over the whole output of the one before. Three kinds
 * of ID are done here rather than by ICU's registry of built-in transliterators, whose first use costs ~140 M
 * instructions (~9 ms, most of a run's start-up, README "Benchmarks"):
 *   - "::NFD;" and "::NFC;" (also written "::NFD (NFC);", "::NFC (NFD);", "Any-NFD", "Any-NFC"): unorm2, the
 *     same normalizers ICU's own NFD and NFC passes use;
 *   - "::name;" where <data>/translit/<name>.rules exists: that file's passes, in their place (a copy of one of
 *     ICU's built-in rule sets lives there, e.g. uz_Cyrl-uz_Latn.rules; test_translit compares it with ICU's);
 *   - any other ID stays in its pass's rules and ICU resolves it from its registry, as it would without this
 *     file: correct, only slower to start.
 * Only a line that holds nothing but the "::ID;" (and a comment) is such a line; anything else is ICU's to read. */
#include "norm_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>

#define MAX_DEPTH 4 /* rule files named by other rule files, nested */

/* Adds a pass to rule set rs (the pass is the rule set's from here on, freed with it). */
static int
add_pass(tt_normalizer *nz, int rs, UTransliterator *tr, const UNormalizer2 *norm, nz_map *map, const char *path,
         uint64_t line, tt_error *err)
{
    if (nz->npass[rs] == NZ_PASSES) {
        if (tr)
            utrans_close(tr);
        nz_map_free(map);
        tt_error_set(err, TT_ELIMIT, "more than %d passes in one rule set: join some of the rule blocks",
                     NZ_PASSES);
        return tt_error_at(err, path, line, 0);
    }
    nz->pass[rs][nz->npass[rs]].tr = tr;
    nz->pass[rs][nz->npass[rs]].norm = norm;
    nz->pass[rs][nz->npass[rs]].map = map;
    nz->npass[rs]++;
    return 0;
}

/* 1 if text[0..n) holds a rule: a line that is not blank and not a comment. */
static int
has_rule(const char *text, size_t n)
{
    int bol = 1;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == '\n') {
            bol = 1;
        } else if (bol && c != ' ' && c != '\t' && c != '\r') {
            if (c != '#')
                return 1;
            const char *nl = memchr(text + i, '\n', n - i);
            if (!nl)
                return 0;
            i = (size_t)(nl - text) - 1;
        }
    }
    return 0;
}

/* Compiles the rules text[0..n) (UTF-8; its first line is line `line` of path) as one pass of rule set rs. A
 * block without a rule (blank lines, comments) is no pass. */
static int
compile_block(tt_normalizer *nz, int rs, const char *text, size_t n, const char *path, uint64_t line,
              tt_error *err)
{
    if (!has_rule(text, n))
        return 0;
    if (n > INT32_MAX / 2) {
        tt_error_set(err, TT_ELIMIT, "rule file too large");
        return tt_error_at(err, path, line, 0);
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = malloc(sizeof(UChar) * (n + 1));
    if (!u)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, text, (int32_t)n, &st);
    if (U_FAILURE(st)) {
        free(u);
        tt_error_set(err, TT_EENCODING, "rule file is not UTF-8: %s", u_errorName(st));
        return tt_error_at(err, path, line, 0);
    }
    char id[64];
    snprintf(id, sizeof id, "tt-%s-%u", nz_rs_file[rs], (unsigned)nz->npass[rs] + 1);
    UChar uid[64];
    u_uastrcpy(uid, id);
    UParseError pe;
    memset(&pe, 0, sizeof pe);
    UTransliterator *tr = utrans_openU(uid, -1, UTRANS_FORWARD, u, ulen, &pe, &st);
    if (U_FAILURE(st)) {
        /* ICU gives the offset of the failing rule in the text (line is 0 for transliterator rules) */
        uint64_t at = pe.line > 0 ? (uint64_t)pe.line - 1 : 0;
        if (pe.line <= 0 && pe.offset > 0 && pe.offset <= ulen)
            for (int32_t i = 0; i < pe.offset; i++)
                at += u[i] == '\n';
        char ctx[3 * U_PARSE_CONTEXT_LEN + 1];
        UErrorCode st2 = U_ZERO_ERROR;
        u_strToUTF8(ctx, (int32_t)sizeof ctx, NULL, pe.preContext, -1, &st2);
        if (U_FAILURE(st2))
            ctx[0] = 0;
        free(u);
        tt_error_set(err, TT_ESYNTAX, "ICU rejects the rules: %s near '%s'", u_errorName(st), ctx);
        return tt_error_at(err, path, line + at, 0);
    }
    /* only literal rules: a table of our own, not ICU's process-wide lock per call (norm_map.c) */
    nz_map *map = NULL;
    if (nz_map_parse(u, ulen, &map) < 0) {
        free(u);
        utrans_close(tr);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    free(u);
    /* Does the pass change any ASCII-only token? Ask ICU for the characters its rules can touch. */
    USet *set = uset_openEmpty();
    if (!set) {
        utrans_close(tr);
        nz_map_free(map);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    utrans_getSourceSet(tr, 0, set, &st);
    int safe = U_SUCCESS(st);
    for (UChar32 c = 0; safe && c < 0x80; c++)
        if (uset_contains(set, c))
            safe = 0;
    uset_close(set);
    if (!safe)
        nz->ascii_safe[rs] = 0;
    return add_pass(nz, rs, tr, NULL, map, path, line, err);
}

/* The ID of a line that is only "::ID;" (spaces and a trailing comment allowed) into id (spaces removed); 0 if
 * the line is anything else. */
static int
id_line(const char *s, const char *e, char *id, size_t cap)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (e - s < 3 || s[0] != ':' || s[1] != ':')
        return 0;
    s += 2;
    size_t k = 0;
    while (s < e && *s != ';') {
        if (*s != ' ' && *s != '\t') {
            if (k + 1 >= cap)
                return 0;
            id[k++] = *s;
        }
        s++;
    }
    if (s == e || k == 0)
        return 0;
    id[k] = 0;
    for (s++; s < e && (*s == ' ' || *s == '\t' || *s == '\r'); s++) {
    }
    return s == e || *s == '#';
}

/* The normalizer an ID names (NFD or NFC, forward), or NULL. */
static const UNormalizer2 *
id_norm(const char *id)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    if (!strcasecmp(id, "NFD") || !strcasecmp(id, "NFD(NFC)") || !strcasecmp(id, "Any-NFD"))
        n = unorm2_getNFDInstance(&st);
    else if (!strcasecmp(id, "NFC") || !strcasecmp(id, "NFC(NFD)") || !strcasecmp(id, "Any-NFC"))
        n = unorm2_getNFCInstance(&st);
    return U_SUCCESS(st) ? n : NULL;
}

/* 1 if the ID names a rule file of the data folder (<dir>/translit/<id>.rules, the ID of letters, digits, '_'
 * and '-'). */
static int
id_file(const char *dir, const char *id)
{
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
              *p == '-'))
            return 0;
    char path[1024];
    snprintf(path, sizeof path, "%s/translit/%s.rules", dir, id);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* <dir>/translit/<name>.rules: its passes added to rule set rs. */
static int
load_file(tt_normalizer *nz, int rs, const char *dir, const char *name, int depth, tt_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/translit/%s.rules", dir, name);
    if (depth > MAX_DEPTH) {
        tt_error_set(err, TT_ESYNTAX, "rule files name each other more than %d deep (a cycle?)", MAX_DEPTH);
        return tt_error_at(err, path, 0, 0);
    }
    size_t n = 0;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read transliteration rules");
        return tt_error_at(err, path, 0, 0);
    }
    int rc = 0;
    const char *block = text, *p = text, *end = text + n;
    uint64_t lineno = 1, block_line = 1;
    while (!rc && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        char id[128];
        if (id_line(p, le, id, sizeof id)) {
            const UNormalizer2 *norm = id_norm(id);
            int file = !norm && id_file(dir, id);
            if (norm || file) { /* the rules before it are a pass; then the ID's passes */
                rc = compile_block(nz, rs, block, (size_t)(p - block), path, block_line, err);
                if (!rc)
                    rc = norm ? add_pass(nz, rs, NULL, norm, NULL, path, lineno, err)
                              : load_file(nz, rs, dir, id, depth + 1, err);
                block = nl ? nl + 1 : end;
                block_line = lineno + 1;
            } /* else the line stays in the block: ICU's registry resolves it */
        }
        p = nl ? nl + 1 : end;
        lineno++;
    }
    if (!rc)
        rc = compile_block(nz, rs, block, (size_t)(end - block), path, block_line, err);
    free(text);
    return rc;
}

int
nz_rules_load(tt_normalizer *nz, int rs, const char *dir, tt_error *err)
{
    nz->ascii_safe[rs] = 1;
    return load_file(nz, rs, dir, nz_rs_file[rs], 0, err);
}

void
nz_rules_free(tt_normalizer *nz)
{
    for (int rs = 0; rs < RS_COUNT; rs++) {
        for (unsigned i = 0; i < nz->npass[rs]; i++) {
            if (nz->pass[rs][i].tr)
                utrans_close(nz->pass[rs][i].tr);
            nz_map_free(nz->pass[rs][i].map);
        }
        nz->npass[rs] = 0;
    }
}

int
nz_translit(tt_normalizer *nz, int rs, int32_t *m, tt_error *err)
{
    for (unsigned i = 0; i < nz->npass[rs] && *m > 0; i++) {
        const nz_pass *ps = &nz->pass[rs][i];
        /* the pass's input is copied to b: a transliterator works in place in c (and is run again on the copy
           after growing c); a normalizer reads b and writes c */
        if (nz_ensure(&nz->b, &nz->bcap, *m + 1))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        memcpy(nz->b, nz->c, sizeof(UChar) * (size_t)*m);
        int32_t need = 4 * *m + 16, len = 0;
        UErrorCode st = U_BUFFER_OVERFLOW_ERROR;
        for (int tries = 0; tries < 4 && st == U_BUFFER_OVERFLOW_ERROR; tries++) {
            if (nz_ensure(&nz->c, &nz->ccap, need))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            st = U_ZERO_ERROR;
            if (ps->map && nz->translit_maps) {
                len = nz_map_apply(ps->map, nz->b, *m, nz->c, nz->ccap);
                st = len > nz->ccap ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
                need = len + 16;
            } else if (ps->tr) {
                memcpy(nz->c, nz->b, sizeof(UChar) * (size_t)*m);
                int32_t lim = *m;
                len = *m;
                utrans_transUChars(ps->tr, nz->c, &len, nz->ccap, 0, &lim, &st);
                need = nz->ccap * 4;
            } else {
                len = unorm2_normalize(ps->norm, nz->b, *m, nz->c, nz->ccap, &st);
                need = len + 16;
            }
        }
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "transliteration (%s, pass %u): %s", nz_rs_file[rs], i + 1,
                                u_errorName(st));
        *m = len;
    }
    return 0;
}
