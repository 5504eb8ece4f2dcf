#!/usr/bin/env python3
"""collocates_check.py HITS_STREAM OUTDIR STOPTERMS - an independent computation of collocates.tsv.

Reads the `hits` stream of tt-match (tok and hit records: the tokens' match forms and sentences, the hits' token
spans), counts the collocates of every concept by the definitions of stages/50-count/docres.md ("Collocates")
and computes log-Dice, MI, t-score and G2 (G2 by scipy.stats.chi2_contingency with the log-likelihood
statistic, the rest by their formulas with numpy), then compares every row of OUTDIR/collocates.tsv (written
with --coll-min 1) with them: the counts exactly, the measures to the 4 decimals printed. It also checks that
every pair it finds is in the file unless its term is not a discovery word (a stop word: listed in STOPTERMS,
one match form a line; a number; one character). Prints what differs; exit 1 if anything does.
"""
import collections
import csv
import math
import sys

import numpy as np
from scipy.stats import chi2_contingency

hits_path, outdir, stop_path = sys.argv[1:4]
stop = set(open(stop_path, encoding="utf-8").read().split("\n")) - {""}


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


# Only what counts (docres.md, "Roles and what the counts take"): tokens whose role (tok flags bits 7-8) is text,
# and hits whose role is text and whose name key the document does not use (one sense per document). A left-out
# token keeps its position (None) but is neither a collocate nor a counted position.
docs = []  # (tokens [(form, sent) or None], hits [(concept, first, last, sent)])
with open(hits_path, encoding="utf-8", newline="\n") as f:
    raw = []
    names = set()
    for line in f:
        rec = line.rstrip("\n").split("\t")
        if rec[0] == "doc":
            if docs:
                docs[-1][1].extend(h for h, key in raw if key not in names)
            docs.append(([], []))
            raw, names = [], set()
        elif rec[0] == "tok":
            text = (int(rec[6]) >> 7 & 3) == 0
            docs[-1][0].append((unescape(rec[7]), int(rec[3])) if text else None)
        elif rec[0] == "hit":
            if rec[16] == "text":
                raw.append(((rec[1], int(rec[4]), int(rec[5]), int(rec[8])), rec[17]))
        elif rec[0] == "name":
            names.add(rec[1])
    if docs:
        docs[-1][1].extend(h for h, key in raw if key not in names)


def discovery(t):
    return t not in stop and len(t) >= 2 and not any(c.isdigit() for c in t) and any(c.isalpha() for c in t)


W = 5
cf = collections.Counter()
tsent = collections.Counter()
ntok = nsent = 0
win = collections.Counter()   # (concept, term) -> tokens within W of a hit, outside the concept's hits
span = collections.Counter()  # concept -> token positions so counted
nhits = collections.Counter()
sent_pair = collections.Counter()
sent_c = collections.Counter()
for toks, hits in docs:
    ntok += len(toks)  # docs.tsv's tokens: every token, whatever its role
    for c, a, b, s in hits:
        nhits[c] += 1
    seen = set()
    for ts in toks:
        if ts is None:
            continue
        t, s = ts
        cf[t] += 1
        if (t, s) not in seen:
            seen.add((t, s))
            tsent[t] += 1
    by_concept = collections.defaultdict(list)
    for c, a, b, s in hits:
        by_concept[c].append((a, b))
    for p, ts in enumerate(toks):
        if ts is None:
            continue
        t, s = ts
        for c, spans in by_concept.items():
            if any(a <= p <= b for a, b in spans):
                continue
            if any((p < a and a - p <= W) or (p > b and p - b <= W) for a, b in spans):
                span[c] += 1
                if discovery(t):
                    win[(c, t)] += 1
    sents = collections.defaultdict(list)
    for p, ts in enumerate(toks):
        if ts is not None:
            sents[ts[1]].append(p)
    hit_sents = collections.defaultdict(set)
    for c, a, b, s in hits:
        hit_sents[s].add(c)
    for s, cs in hit_sents.items():
        for c in cs:
            sent_c[c] += 1
            pairs = set()
            for p in sents.get(s, []):
                t = toks[p][0]
                if discovery(t) and not any(a <= p <= b for a, b in by_concept[c]):
                    pairs.add(t)
            for t in pairs:
                sent_pair[(c, t)] += 1

with open(f"{outdir}/docs.tsv", encoding="utf-8") as f:
    d = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
ntok_doc = sum(int(r["tokens"]) for r in d if r["status"] == "ok")
nsent = sum(int(r["sentences"]) for r in d if r["status"] == "ok")
bad = 0
if ntok_doc != ntok:
    print(f"tokens: stream {ntok}, docs.tsv {ntok_doc}")
    bad += 1


def measures(o11, fa, fb, n, node=None):
    """2x2 table over n units: rows in the concept's context or not, columns the term or not."""
    n = max(n, fa + fb - o11, 1)
    table = np.array([[o11, fa - o11], [fb - o11, n - fa - fb + o11]], dtype=float)
    e11 = fa * fb / n
    mi = math.log2(o11 / e11)
    t = (o11 - e11) / math.sqrt(o11)
    g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0] if table.min() >= 0 else float("nan")
    f_node = fa if node is None else node
    ld = 14 + math.log2(2 * o11 / (f_node + fb))
    return ld, mi, g2, t


seen_rows = set()
with open(f"{outdir}/collocates.tsv", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
for r in rows:
    c, t, ctx = r["concept_id"], r["term"], r["context"]
    seen_rows.add((c, t, ctx))
    if ctx == "window5":
        o11, fc, ft = win[(c, t)], nhits[c], cf[t]
        want = measures(o11, span[c], ft, ntok, node=fc)
    else:
        o11, fc, ft = sent_pair[(c, t)], sent_c[c], tsent[t]
        want = measures(o11, fc, ft, nsent)
    got_counts = (int(r["cooc"]), int(r["concept_freq"]), int(r["term_freq"]))
    if got_counts != (o11, fc, ft):
        print(f"{c} {t} {ctx}: counts {got_counts}, python {(o11, fc, ft)}")
        bad += 1
        continue
    for name, w in zip(("log_dice", "mi", "g2", "t_score"), want):
        g = float(r[name])
        if not abs(g - w) <= 5e-5 + 1e-9 * abs(w):
            print(f"{c} {t} {ctx}: {name} {g}, python {w:.10f}")
            bad += 1
for (c, t), v in list(win.items()):
    if v >= 1 and (c, t, "window5") not in seen_rows:
        print(f"missing row {c} {t} window5 ({v})")
        bad += 1
for (c, t), v in list(sent_pair.items()):
    if v >= 1 and (c, t, "sentence") not in seen_rows:
        print(f"missing row {c} {t} sentence ({v})")
        bad += 1
print(f"{len(rows)} rows compared, {bad} differences")
sys.exit(1 if bad else 0)
