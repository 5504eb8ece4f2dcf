/* test_rolediff.c - the differential test of the role finder's UTF-8 shortcut (stages/lib/roles.c, utf_known):
 * a finder that tells PCRE2 which subjects are known to be valid UTF-8 (PCRE2_NO_UTF_CHECK) against one that
 * lets PCRE2 check every subject itself (TT_ROLES=plain). The role and the deciding rule of every token, and the
 * return code and message of every call, must be the same, in each of kk uz ru en,
 *   - on every text file of ../shared/corpus (a counted SKIP when absent), in pieces cut at line breaks;
 *   - on 400 generated pieces (a fixed xorshift generator): lines of the words of lexicons/roles/<lang>.tsv (every
 *     run of letters in its patterns), quotes, parentheses, numbers and markup marks, with invalid UTF-8 put in
 *     at random (a stray continuation byte, a cut sequence, an overlong, a surrogate, bytes above U+10FFFF),
 *     where PCRE2's own check must still report what it reported. */
#include "support.h"
#include "tt/common.h"
#include "tt/norm.h"
#include "tt/roles.h"
#include "tt/tokenize.h"
#include "tt/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tt_normalizer *nz;
static tt_tokenizer *tk;
static tt_rolefinder *fast_rf, *plain_rf;
static tt_tokseq ts;
static long pieces, pieces_utf8, tokens, not_text, errors, mismatches;
static const tt_lang langs[] = {TT_LANG_KK, TT_LANG_UZ, TT_LANG_RU, TT_LANG_EN};

static void
differ(const char *what, tt_lang lang, size_t t, const char *a, const char *b)
{
    if (mismatches++ < 5)
        fprintf(stderr, "roles (%s): fast and plain differ on %s at token %zu: '%s' vs '%s'\n", tt_lang_name(lang),
                what, t, a, b);
}

/* One piece text[0..n), at byte base of its document, through both finders in language lang. */
static void
compare_piece(tt_lang lang, const char *text, size_t n, uint64_t base)
{
    tt_error e1, e2;
    tt_error_clear(&e1);
    tt_error_clear(&e2);
    if (base == 0) {
        tt_tokseq_reset_doc(&ts);
        tt_rolefinder_begin(fast_rf, lang);
        tt_rolefinder_begin(plain_rf, lang);
    } else {
        tt_tokseq_reset(&ts);
    }
    if (tt_tokenize(tk, nz, lang, TT_SCRIPT_ANY, text, n, base, NULL, NULL, &ts, &e1) != 0)
        return; /* (the tokenizer's own tests cover this) */
    pieces++;
    /* a well-formed piece as the worker gives it (tt_rolefinder_piece_utf8: no subject checked at all) */
    int valid = tt_utf8_check(text, n) == n;
    pieces_utf8 += valid;
    int r1 = valid ? tt_rolefinder_piece_utf8(fast_rf, text, n, base, &ts, &e1)
                   : tt_rolefinder_piece(fast_rf, text, n, base, &ts, &e1);
    int r2 = tt_rolefinder_piece(plain_rf, text, n, base, &ts, &e2);
    if (r1 != r2 || (r1 && strcmp(e1.msg, e2.msg) != 0)) {
        differ("the piece", lang, 0, r1 ? e1.msg : "ok", r2 ? e2.msg : "ok");
        return;
    }
    errors += r1 != 0;
    for (size_t t = 0; t < ts.ntok; t++) {
        tt_role a = TT_ROLE_TEXT, b = TT_ROLE_TEXT;
        r1 = tt_rolefinder_role(fast_rf, t, &a, &e1);
        r2 = tt_rolefinder_role(plain_rf, t, &b, &e2);
        tokens++;
        if (r1 != r2 || (r1 && strcmp(e1.msg, e2.msg) != 0)) {
            differ("the return", lang, t, r1 ? e1.msg : "ok", r2 ? e2.msg : "ok");
            return;
        }
        if (r1) {
            errors++;
            continue;
        }
        not_text += a != TT_ROLE_TEXT;
        if (a != b)
            differ("the role", lang, t, tt_role_name(a), tt_role_name(b));
        else if (strcmp(tt_rolefinder_why(fast_rf), tt_rolefinder_why(plain_rf)) != 0)
            differ("the rule", lang, t, tt_rolefinder_why(fast_rf), tt_rolefinder_why(plain_rf));
    }
}

/* A document in pieces of about 64 KiB cut after a line break, as the pipeline feeds them, in every language. */
/* One file of ../shared/corpus (tt_test_each_file's callback). */
static void
compare_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    const char *s = text;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        for (size_t at = 0; at < n;) {
            size_t end = at + 65536 < n ? at + 65536 : n;
            while (end < n && end > at + 1 && s[end - 1] != '\n')
                end--;
            compare_piece(langs[l], s + at, end - at, at);
            at = end;
        }
    }
}

/* ---- the shared corpora --------------------------------------------------------------------------------- */

static long files_read;


static void
test_corpora(void)
{
    mismatches = pieces = pieces_utf8 = tokens = not_text = errors = 0;
    files_read = tt_test_corpus("roles: fast = plain on ../shared/corpus", compare_text, NULL);
    if (files_read < 0)
        return;
    printf("roles: %ld files of ../shared/corpus, %ld pieces x language (%ld well-formed), %ld tokens, %ld not text, "
           "%ld errors, %ld differ\n", files_read, pieces, pieces_utf8, tokens, not_text, errors, mismatches);
    CU_ASSERT(files_read > 0);
    CU_ASSERT(pieces_utf8 > 0);
    CU_ASSERT(not_text > 0);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* ---- generated pieces ----------------------------------------------------------------------------------- */

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint32_t
next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

/* the words of the role patterns: runs of letters (ASCII or multi-byte UTF-8) of 2 bytes or more */
static char words[65536];
static size_t word_at[4096], nwords, wlen;

static void
load_words(void)
{
    static const char *const names[] = {"kk", "uz", "ru", "en"};
    for (size_t f = 0; f < 4; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/roles/%s.tsv", tt_data_dir(), names[f]);
        size_t n;
        char *s = tt_test_slurp(path, &n);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        for (size_t i = 0; i < n;) {
            if (s[i] == '#' && (i == 0 || s[i - 1] == '\n')) {
                while (i < n && s[i] != '\n')
                    i++;
                continue;
            }
            size_t j = i;
            while (j < n && (((unsigned char)s[j] >= 0x80) || (s[j] >= 'a' && s[j] <= 'z') ||
                             (s[j] >= 'A' && s[j] <= 'Z')))
                j++;
            if (j - i >= 2 && nwords < 4096 && wlen + (j - i) + 1 < sizeof words) {
                word_at[nwords++] = wlen;
                memcpy(words + wlen, s + i, j - i);
                wlen += j - i;
                words[wlen++] = 0;
            }
            i = j > i ? j : i + 1;
        }
        free(s);
    }
    CU_ASSERT_FATAL(nwords > 50);
}

static const char *const marks[] = {
    " ", " ", " ", " ", "\t", ".", ",", ";", ":", "!", "(", ")", "«", "»", "“", "”", "„", "\"", "-", "—", "> ",
    "* ", "# ", "\xC2\xA0", "\xEF\xBB\xBF", "5", "17", "3-1", "12.", "1)", "Статья 17", "17-бап", "Article 5",
    "Сноска.", "см.", "\xF0\x9F\x98\x80",
};
/* invalid UTF-8: a stray continuation byte, a cut 2-byte sequence, an overlong, a surrogate, above U+10FFFF,
 * 0xFF, a cut 3-byte sequence */
static const char *const bad[] = {"\x80", "\xD0", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE2\x80"};

static void
add(char *buf, size_t *len, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n < cap) {
        memcpy(buf + *len, s, n);
        *len += n;
    }
}

static void
test_generated(void)
{
    load_words();
    static char buf[32768];
    mismatches = pieces = pieces_utf8 = tokens = not_text = errors = 0;
    for (int piece = 0; piece < 400; piece++) {
        size_t len = 0;
        int with_bad = piece % 4 == 0;
        for (int line = 0; line < 60; line++) {
            int items = 1 + (int)(next_rand() % 12);
            for (int k = 0; k < items; k++) {
                uint32_t r = next_rand();
                if (with_bad && r % 97 == 0)
                    add(buf, &len, sizeof buf, bad[(r >> 8) % (sizeof bad / sizeof bad[0])]);
                else if (r % 3)
                    add(buf, &len, sizeof buf, words + word_at[(r >> 8) % nwords]);
                else
                    add(buf, &len, sizeof buf, marks[(r >> 8) % (sizeof marks / sizeof marks[0])]);
                if (next_rand() % 4)
                    add(buf, &len, sizeof buf, " ");
            }
            add(buf, &len, sizeof buf, next_rand() % 6 ? "\n" : "\n\n");
        }
        for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
            compare_piece(langs[l], buf, len, 0);
    }
    printf("roles: %ld generated pieces x language (%ld well-formed), %ld tokens, %ld not text, %ld errors, %ld "
           "differ\n", pieces, pieces_utf8, tokens, not_text, errors, mismatches);
    CU_ASSERT(not_text > 1000);
    CU_ASSERT(pieces_utf8 > 0);
    CU_ASSERT(errors > 0); /* invalid UTF-8 reached PCRE2's check */
    CU_ASSERT_EQUAL(mismatches, 0);
}

static int
setup(void)
{
    tt_error err;
    tt_tokseq_init(&ts);
    if (tt_normalizer_new(&nz, NULL, &err) || tt_tokenizer_new(&tk, NULL, &err) ||
        tt_rolefinder_new(&fast_rf, NULL, &err))
        return 1;
    setenv("TT_ROLES", "plain", 1);
    int rc = tt_rolefinder_new(&plain_rf, NULL, &err);
    unsetenv("TT_ROLES");
    return rc;
}

static void
reg(void)
{
    if (setup())
        return;
    tt_test_suite("rolediff", "fast = plain on 400 generated pieces", test_generated,
                  "fast = plain on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_rolefinder_free(fast_rf);
    tt_rolefinder_free(plain_rf);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
    tt_tokseq_free(&ts);
    return rc;
}
