#!/usr/bin/python3
"""variants.py - generates the invariance-test corpora of tests/cli/t200-invariance.sh (issue 3).

Usage: variants.py UD_DIR OUT_DIR [LINES]

Reads the first LINES (default 250) lines of the UD test texts in UD_DIR (kk_ktb, ru_pud, uz_ut, en_pud; read in
place, never copied into the repository) and writes, for every case, a one-document corpus folder
OUT_DIR/<case>/ (manifest.tsv + the file; doc_id is always "doc", so that a case's outputs can be compared with
its base case's byte for byte), and OUT_DIR/cases.tsv:

    case  base  must  note

`base` is the case whose outputs must be equal; `must` is a comma list of what must be identical: tf (tf.tsv,
tf.mtx, cooc.*), tokens (docs.tsv tokens), vocab (vocab.tsv, vocab.mtx), sentences (docs.tsv sentences), and
the documented, checked exceptions: tf-nosent (tf and cooc files except cooc.sentence.*), sentences-ge (the
variant has at least the base's sentences: ICU reads a lowercase word after a full stop as "no sentence end",
upper case loses that cue), vocab-hyphen (every vocabulary difference is a term with a hyphen that the
base does not have: a line-end hyphen kept because the joined word is unknown), vocab-allowed (every vocabulary
difference is listed in OUT_DIR/<case>/allowed.txt). Base cases have base "-".

All choices are deterministic (random.Random with fixed seeds). The transliteration tables are data below:
Uzbek Latin -> Cyrillic (the official 1995 alphabet, reversed by hand: ICU's uz_Latn-uz_Cyrl is wrong,
normalization.md §4.1) and Kazakh Cyrillic -> the 2017, 2018 and 2021 Latin alphabets (§4.2,
lexicons/translit/kk-Latn-*.rules). tests/tools/README.md explains every case.
"""
import gzip
import os
import random
import re
import sys
import unicodedata

# --------------------------------------------------------------------------------------------------------------
# Data: transliteration tables

# Uzbek Latin (1995) -> Cyrillic. Digraphs first; e/ye depend on position (see uz_word).
UZ_DIGRAPHS = {"oʻ": "ў", "gʻ": "ғ", "sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю", "ya": "я"}
UZ_LETTERS = {
    "a": "а", "b": "б", "d": "д", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "x": "х", "y": "й", "z": "з", "ʼ": "ъ",
}
UZ_VOWELS = set("aeiouAEIOU") | {"oʻ", "Oʻ", "Oʻ"}
# e -> э and ye -> е at the start of a word, after a vowel and after ʼ (ICU's uz_Cyrl-uz_Latn writes е there as
# "ye"); after a consonant e -> е and ye -> йе (ICU: е -> e, й -> y).

# Kazakh Cyrillic -> Latin, lowercase. Upper case: first letter (or all, in an all-caps word) via KK_UPPER.
KK_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
    "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h",
    "һ": "h", "ц": "c", "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
KK_2018 = dict(KK_2021, **{
    "ә": "á", "ғ": "ǵ", "ё": "ıo", "и": "ı", "й": "ı", "ң": "ń", "ө": "ó", "у": "ý", "ұ": "u", "ү": "ú",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shsh", "і": "i", "ю": "ıý", "я": "ıa",
})
KK_2017 = dict(KK_2021, **{
    "ә": "a'", "ғ": "g'", "ё": "io", "и": "i'", "й": "i'", "ң": "n'", "ө": "o'", "у": "y'", "ұ": "u",
    "ү": "u'", "ц": "ts", "ч": "c'", "ш": "s'", "щ": "s's'", "і": "i", "ю": "iy'", "я": "ia",
})
KK_UPPER = {"2021": {"i": "İ", "ı": "I"}, "2018": {}, "2017": {}}

# Kazakh Cyrillic -> match form (lexicons/translit/kk-Cyrl.rules, lowercase input), to list expected losses.
KK_FOLD = dict(KK_2021, **{"ё": "io", "і": "i", "ц": "c", "ч": "ç", "щ": "şç"})

# Look-alikes (issue 3): Cyrillic а е о р с у х і and capitals vs Latin a e o p c y x i.
CYR2LAT = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
           "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "У": "Y", "Х": "X", "І": "I"}
LAT2CYR = {v: k for k, v in CYR2LAT.items()}
# Documented exceptions (homoglyphs.tsv, normalization.md Appendix B "except I/Y"): in a Latin-dominant word a
# Cyrillic І or У is not repaired; in a Kazakh Cyrillic word a Latin Y is repaired to Ү, not У; і/I only in kk.
HG_SKIP = {"kk": {"У"}, "ru": {"і", "І"}, "uz": {"I", "Y"}}

WORD = re.compile(r"[^\W\d_]+")

# --------------------------------------------------------------------------------------------------------------


def read_lines(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[:n]
    return "\n".join(lines) + "\n"


def write_case(out, name, lang, data, script="", encoding="", gz=False, fname=None):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    fname = fname or ("text.txt.gz" if gz else "text.txt")
    if isinstance(data, str):
        data = data.encode("utf-8")
    if gz:
        data = gzip.compress(data, mtime=0)
    with open(os.path.join(d, fname), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("doc_id\tpath\tlang\tscript\tencoding\n")
        f.write("doc\t%s\t%s\t%s\t%s\n" % (fname, lang, script, encoding))


def uz_word(w):
    """Uzbek Latin word -> Cyrillic, or None when the word has a letter outside the 1995 alphabet (c without
    h, w: foreign names) and is left in Latin."""
    low = w.lower()
    if "w" in low or re.search(r"c(?!h)", low) or re.search(r"(?<![og])ʻ", low):
        return None
    allcaps = w.isupper() and len(w) > 1
    out, i, prev = [], 0, None  # prev: None = start of word, "v" vowel, "c" consonant, "'" after ʼ

    def up(c, src):
        return c.upper() if (allcaps or src[:1].isupper()) else c

    while i < len(w):
        two = low[i:i + 2]
        src = w[i:i + 2]
        if two == "ye":
            if prev in (None, "v", "'"):
                out.append(up("е", src))
            else:
                out.append(up("й", src[0]) + (("Е" if allcaps or src[1].isupper() else "е")))
            prev = "v"
            i += 2
            continue
        if two in ("yo", "yu", "ya") and low[i + 2:i + 3] == "ʻ":
            two = ""  # yoʻl: й + ў, not ё + ʻ
        if two in UZ_DIGRAPHS:
            out.append(up(UZ_DIGRAPHS[two], src))
            prev = "v" if two in ("oʻ", "yo", "yu", "ya") else "c"
            i += 2
            continue
        c = low[i]
        if c == "e":
            out.append(up("э" if prev in (None, "v", "'") else "е", w[i]))
            prev = "v"
        elif c in UZ_LETTERS:
            out.append(up(UZ_LETTERS[c], w[i]))
            prev = "v" if c in "aiou" else ("'" if c == "ʼ" else "c")
        else:
            return None
        i += 1
    return "".join(out)


def uz_cyrillic(text):
    left = []

    def rep(m):
        r = uz_word(m.group(0))
        if r is None:
            left.append(m.group(0))
            return m.group(0)
        return r
    return WORD.sub(rep, text), left


def kk_ambiguous(w, alpha):
    """True when the Latin spelling of this Kazakh word in the 2017/2018 alphabet folds differently from the
    Cyrillic (documented in tests/tools/README.md): щ (shsh / s's' -> şş, Cyrillic şç); ц written ts other than
    word-initially or before и (Cyrillic c, Latin ts stays ts); т+с word-initially or before и (ts -> c);
    2018 с/ц + х/һ (s+h reads as sh)."""
    if alpha == "2021":
        return False
    low = w.lower()
    if "щ" in low:
        return True
    if re.search(r"(?<!^)ц(?!и)", low) or re.search(r"^тс|тси", low):
        return True
    if alpha == "2018" and re.search(r"[сц][хһ]", low):
        return True
    return False


def kk_word(w, alpha):
    table = {"2021": KK_2021, "2018": KK_2018, "2017": KK_2017}[alpha]
    allcaps = w.isupper() and len(w) > 1
    out = []
    for k, ch in enumerate(w):
        low = ch.lower()
        if low not in table:
            out.append(ch)
            continue
        lat = table[low]
        if ch != low and lat:
            upm = KK_UPPER[alpha]
            if allcaps:
                lat = "".join(upm.get(c, c.upper()) for c in lat)
            else:
                lat = upm.get(lat[0], lat[0].upper()) + lat[1:]
        out.append(lat)
    return "".join(out)


def kk_latin(text, alpha, keep_ambiguous):
    lost = set()

    def rep(m):
        w = m.group(0)
        if kk_ambiguous(w, alpha):
            lost.add("".join(KK_FOLD.get(c, c) for c in w.lower()))
            if keep_ambiguous:
                return w
        return kk_word(w, alpha)
    return WORD.sub(rep, text), lost


def homoglyphs(text, lang, seed, share=0.02, ties=False, only=None):
    """Swaps one letter in `share` of the words for its look-alike in the other script. ties=False: only words
    with at least 4 letters of their script (the swapped one leaves a clear majority); ties=True: only
    two-letter words (1 against 1: not repairable, documented)."""
    rnd = random.Random(seed)
    words = list(WORD.finditer(text))
    skip = HG_SKIP.get(lang, set())
    src = LAT2CYR if lang == "uz" else CYR2LAT

    def cands(w):
        if only:
            return [i for i, c in enumerate(w) if c in only]
        return [i for i, c in enumerate(w) if c in src and c not in skip]
    if ties:
        pool = [m for m in words if len(m.group(0)) == 2 and cands(m.group(0))]
    else:
        pool = [m for m in words if len(m.group(0)) >= 4 and cands(m.group(0))]
    k = max(1, round(share * len(words)))
    chosen = sorted(rnd.sample(pool, min(k, len(pool))), key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        w = m.group(0)
        i = rnd.choice(cands(w))
        out.append(text[last:m.start()])
        out.append(w[:i] + src[w[i]] + w[i + 1:])
        last = m.end()
    out.append(text[last:])
    return "".join(out), len(chosen)


def invisibles(text, seed, share=0.1):
    """Inserts U+00AD or U+200B between two letters of `share` of the words (4 letters or more)."""
    rnd = random.Random(seed)

    def rep(m):
        w = m.group(0)
        if len(w) < 4 or rnd.random() >= share:
            return w
        i = rnd.randrange(1, len(w))
        return w[:i] + rnd.choice(["\u00ad", "\u200b"]) + w[i:]
    return WORD.sub(rep, text)


def rewrap(text, seed, width=60, only_known=True):
    """Re-wraps each line at `width` columns; a word that would cross the margin is hyphenated (X-\\nY, X and Y
    at least 2 letters, plain words only) when only_known is False or its form (lowercase) also occurs
    unhyphenated in the document; else the line is broken before it. A continuation line never starts with
    an upper-case letter, a digit or punctuation (that would start a sentence: the tokenizer merges a single
    line break only when the next line goes on in lowercase), and a line never ends after . ! ? : ; …"""
    rnd = random.Random(seed)
    counts = {}  # occurrences as a word of its own (not inside a hyphenated word: көші-қон)
    for t in text.split():
        t = re.sub(r"^\W+|\W+$", "", t).lower()
        if WORD.fullmatch(t):
            counts[t] = counts.get(t, 0) + 1
    hyph, done = 0, {}  # done: hyphenated occurrences per word, so that one occurrence stays unhyphenated
    out_lines = []
    for line in text.split("\n"):
        toks = line.split(" ")
        cur = ""
        for t in toks:
            if not cur:
                cur = t
                continue
            if len(cur) + 1 + len(t) <= width:
                cur += " " + t
                continue
            # t does not fit: hyphenate it, or break before it, or keep it on this line
            plain = WORD.fullmatch(t) is not None
            room = width - len(cur) - 2  # " " and "-"
            if plain and len(t) >= 6 and room >= 2 and t[room:room + 1].islower() and \
                    (not only_known or counts.get(t.lower(), 0) - done.get(t.lower(), 0) >= 2):
                cut = rnd.randint(2, min(room, len(t) - 2))
                if t[cut].islower():
                    done[t.lower()] = done.get(t.lower(), 0) + 1
                    out_lines.append(cur + " " + t[:cut] + "-")
                    cur = t[cut:]
                    hyph += 1
                    continue
            if t[:1].islower() and cur[-1:] not in ".!?:;…":
                out_lines.append(cur)
                cur = t
            else:
                cur += " " + t
        out_lines.append(cur)
    return "\n".join(out_lines), hyph


def upper(text):
    return text.upper()


def main():
    ud, out = sys.argv[1], sys.argv[2]
    nlines = int(sys.argv[3]) if len(sys.argv) > 3 else 250
    os.makedirs(out, exist_ok=True)
    cases = []

    def add(name, base, must, note):
        cases.append((name, base, must, note))

    kk = read_lines(os.path.join(ud, "kk_ktb-ud-test.txt"), nlines)
    ru = read_lines(os.path.join(ud, "ru_pud-ud-test.txt"), nlines)
    uz = read_lines(os.path.join(ud, "uz_ut-ud-test.txt"), nlines)
    en = read_lines(os.path.join(ud, "en_pud-ud-test.txt"), nlines)
    texts = {"kk": kk, "ru": ru, "uz": uz, "en": en}
    for lang, t in texts.items():
        write_case(out, lang, lang, t)
        add(lang, "-", "", "base: the plain UTF-8 text")

    def encodable(name, lang, t, codecs):
        """The text with what a legacy encoding lacks (« » — … in KOI8-R/CP866/ISO-8859-5; ² in RK1048)
        replaced by ASCII; a base of its own when that changed anything."""
        for a, b in (("«", '"'), ("»", '"'), ("„", '"'), ("“", '"'), ("”", '"'), ("—", "-"), ("–", "-"),
                     ("…", "..."), ("’", "'")):
            if any(not can(a, c) for c in codecs):
                t = t.replace(a, b)
        t = "".join(ch if all(can(ch, c) for c in codecs) else " " for ch in t)
        if t == texts[lang]:
            return lang
        write_case(out, name, lang, t)
        add(name, "-", "", "base: %s with the characters %s lack as ASCII" % (lang, "/".join(codecs)))
        texts[name] = t
        return name

    def can(ch, codec):
        try:
            ch.encode(codec)
            return True
        except UnicodeEncodeError:
            return False
    kk8 = encodable("kk8", "kk", kk, ["kz1048", "ptcp154"])
    ru8 = encodable("ru8", "ru", ru, ["cp1251", "koi8_r", "cp866", "iso8859_5"])

    ALL = "tf,tokens,vocab,sentences"
    # 1. encodings, plain and gzipped, detected (empty encoding column)
    encs = [(kk8, texts[kk8], "kk", [("rk1048", "kz1048"), ("pt154", "ptcp154"), ("utf16", "utf-16"),
                              ("utf16be", "utf-16-be-bom"), ("utf8bom", "utf-8-sig")]),
            (ru8, texts[ru8], "ru", [("cp1251", "cp1251"), ("koi8r", "koi8_r"), ("cp866", "cp866"),
                                ("iso88595", "iso8859_5"), ("utf16", "utf-16"), ("utf8bom", "utf-8-sig")])]
    for base, t, lang, lst in encs:
        for tag, codec in lst:
            data = b"\xfe\xff" + t.encode("utf-16-be") if codec == "utf-16-be-bom" else t.encode(codec)
            for gz in (False, True):
                name = "%s.%s%s" % (base, tag, ".gz" if gz else "")
                write_case(out, name, lang, data, gz=gz)
                add(name, base, ALL, "1: %s%s, detected" % (codec, ", gzipped" if gz else ""))

    # 2. scripts
    uzc, left = uz_cyrillic(uz)
    write_case(out, "uz.cyrl", "uz", uzc, script="Cyrl")
    add("uz.cyrl", "uz", ALL, "2: Uzbek Latin -> Cyrillic (1995 alphabet); %d words left in Latin: %s" %
        (len(left), " ".join(sorted(set(left)))))
    write_case(out, "uz.cyrl-detect", "uz", uzc)
    add("uz.cyrl-detect", "uz", ALL, "2: Uzbek Cyrillic, script detected")
    for alpha in ("2017", "2018", "2021"):
        strict, lost = kk_latin(kk, alpha, keep_ambiguous=True)
        full, _ = kk_latin(kk, alpha, keep_ambiguous=False)
        for tag, t, must in (("", strict, ALL), (".full", full, "tf,tokens,sentences,vocab-allowed")):
            for declared in (True, False):
                name = "kk.latn%s%s%s" % (alpha, tag, "" if declared else "-detect")
                write_case(out, name, "kk", t, script="Latn-%s" % alpha if declared else "")
                with open(os.path.join(out, name, "allowed.txt"), "w", encoding="utf-8") as f:
                    f.write("".join(w + "\n" for w in sorted(lost)))
                add(name, "kk", must, "2: Kazakh -> Latin %s%s, alphabet %s; %d words %s" % (
                    alpha, " (every word)" if tag else "", "declared" if declared else "detected", len(lost),
                    "with ц/щ/тс ambiguities transliterated too" if tag else "with ц/щ/тс ambiguities kept in Cyrillic"))

    # 3. Uzbek apostrophes
    for tag, ch in (("2018", "\u2018"), ("2019", "\u2019"), ("0027", "'"), ("0060", "`")):
        for which, src in (("both", "\u02bb\u02bc"), ("02bb", "\u02bb"), ("02bc", "\u02bc")):
            t = uz
            for s in src:
                t = t.replace(s, ch)
            name = "uz.apos-%s-%s" % (which, tag)
            write_case(out, name, "uz", t)
            add(name, "uz", ALL, "3: U+%s for %s" % (tag.upper(), "U+02BB and U+02BC" if which == "both"
                                                       else "U+" + which.upper()))

    # 4. homoglyphs (2 %, clear majority), and the documented tie case (report only)
    for i, (lang, base) in enumerate((("kk", kk), ("ru", ru), ("uz", uz))):
        t, k = homoglyphs(base, lang, 4000 + i)
        write_case(out, lang + ".homoglyph", lang, t)
        add(lang + ".homoglyph", lang, ALL, "4: %d words with one look-alike letter, majority kept" % k)
        t, k = homoglyphs(base, lang, 4100 + i, ties=True)
        write_case(out, lang + ".homoglyph-ties", lang, t)
        add(lang + ".homoglyph-ties", lang, "tf,tokens,sentences",
            "4: %d two-letter words with one look-alike (1:1 tie, left unrepaired by design)" % k)

        if HG_SKIP[lang] - {"і", "І"}:
            t, k = homoglyphs(base, lang, 4200 + i, only=HG_SKIP[lang] - {"і", "І"})
            write_case(out, lang + ".homoglyph-IY", lang, t)
            add(lang + ".homoglyph-IY", lang, "tf,tokens,sentences",
                "4: %d words with %s swapped (not repaired as issue 3 expects: homoglyphs.tsv, Appendix B)" %
                (k, "/".join(sorted(HG_SKIP[lang]))))

    # 5. re-wrapping with line-end hyphens; soft hyphens and zero-width spaces
    for i, (lang, base) in enumerate((lg, texts[lg]) for lg in ("kk", "ru", "uz", "en")):
        t, k = rewrap(base, 5000 + i, only_known=True)
        write_case(out, lang + ".wrap", lang, t)
        add(lang + ".wrap", lang, ALL, "5: wrapped at 60, %d words hyphenated that occur unhyphenated too" % k)
        t, k = rewrap(base, 5100 + i, only_known=False)
        write_case(out, lang + ".wrap-any", lang, t)
        add(lang + ".wrap-any", lang, "tf,tokens,sentences,vocab-hyphen",
            "5: wrapped at 60, %d words hyphenated, known or not" % k)
        t = invisibles(base, 5200 + i)
        write_case(out, lang + ".invisible", lang, t)
        add(lang + ".invisible", lang, ALL, "5: U+00AD / U+200B inside 10 %% of the words")

    # 6. upper case
    for lang in ("kk", "ru", "uz", "en"):
        base = texts[lang]
        write_case(out, lang + ".upper", lang, upper(base))
        add(lang + ".upper", lang, "tf-nosent,tokens,vocab,sentences-ge", "6: upper-cased")

    with open(os.path.join(out, "cases.tsv"), "w", encoding="utf-8") as f:
        f.write("case\tbase\tmust\tnote\n")
        for c in cases:
            f.write("\t".join(c) + "\n")


if __name__ == "__main__":
    main()
