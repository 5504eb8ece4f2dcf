/* morph_priv.h - the layout of a loaded morphology grammar, shared by morph.c (analysis, generation) and
 * morph_parse.c (reading a .grammar file). Nobody else includes it: the interface is morph.h. */
#ifndef TT_MORPH_PRIV_H
#define TT_MORPH_PRIV_H

#include "morph.h"

#include <stdint.h>

#define MAX_SLOTS 24
#define TAG_STEM 0
#define TAG_EXTRA 1

enum { C_SET = 1, C_LETTER, C_TAG };

typedef struct gcond {
    int type, neg;
    uint32_t val; /* set index, code point, or tag id */
} gcond;

typedef struct gmorph {
    char *s;
    size_t n;
    uint32_t first, last; /* first and last code points */
    int tag;
    gcond *cond;
    size_t ncond;
} gmorph;

typedef struct gslot {
    char *name;
    gmorph *m;
    size_t nm, capm;
} gslot;

typedef struct gform {
    char *ending; /* "" for the empty ending */
    char *endings; /* the forms' endings (GEN PL [more]), each NUL-ended, back to back ("" = empty) */
    size_t nendings;
} gform;

typedef struct gclass {
    char *name;
    int alias; /* -1, or the class it is an alias of */
    gslot *slot;
    size_t nslot;
    gform *form;
    size_t nform, capform;
} gclass;

typedef struct gset {
    char *name;
    uint32_t *cp;
    size_t n;
} gset;

typedef struct galt {
    uint32_t from;
    char *to;
    size_t ton;
    gcond *cond;
    size_t ncond;
} galt;

struct lx_grammar {
    tt_lang lang;
    int method;
    char snowball[32];
    int weak;
    int hyphen;
    size_t min_stem;
    gset *set;
    size_t nset;
    galt *alt;
    size_t nalt;
    gclass *cls;
    size_t ncls;
    char **tags; /* tag names; 0 = STEM, 1 = EXTRA */
    size_t ntags;
    char **keep;         /* keep-ending: word endings the vocabulary stemmer never cuts into */
    size_t nkeep;
    uint64_t vocab_skip; /* vocab-skip: tags (bit = tag id < 64) the vocabulary stemmer never strips */
};

#endif
