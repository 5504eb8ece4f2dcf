#!/bin/sh
# modgraph.sh [BUILD] - the module graph of libtt.a from the objects' symbol tables (nm): one line
# "module -> module: symbols" for each module that calls another, then a cycle check (tsort). A module is one
# object, except the files of one module split over a private header (export_*.o -> export, tokenize_*.o ->
# tokenize, report_*.o -> report, read_*.o -> read: listed in GROUPS; add a module split that way there). The lexicon's files are
# layers of their own (lexicon < lexicon_entry < parsers < lexicon_load < lexicon_check) and stay apart. Exit 1 when the graph has a cycle (named), 0 otherwise. Run by tests/lint.sh
# and by `make check`; stages/README.md draws the graph it prints.
set -u
b=${1:-build/release}
GROUPS="export tokenize report read count norm"
[ -d "$b/lib" ] || { echo "modgraph: no $b/lib (build first)" >&2; exit 2; }
tmp=$(mktemp -d /tmp/tt-modgraph.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mod() { # object path -> module name
  m=$(basename "$1" .o)
  for g in $GROUPS; do case $m in "$g"|"$g"_*) m=$g ;; esac; done
  echo "$m"
}
for o in "$b"/lib/*.o; do
  m=$(mod "$o")
  nm -g --defined-only "$o" | awk -v m="$m" 'NF == 3 && $2 ~ /[TDBRCV]/ {print $3, m}' >> "$tmp/defs"
  nm -u "$o" | awk -v m="$m" '{print m, $NF}' >> "$tmp/uses"
done
sort -u -k1,1 "$tmp/defs" > "$tmp/defs.s"
# a symbol defined by two objects (the archive would silently take the first)
dups=$(for o in "$b"/lib/*.o; do nm -g --defined-only "$o" | awk -v o="$(basename "$o")" 'NF == 3 {print $3, o}'; done |
  sort | awk '$1 == last {print $1 " (" lo ", " $2 ")"} {last = $1; lo = $2}')
# module symbol -> module definer symbol
sort -k2,2 "$tmp/uses" | join -1 2 -2 1 -o 1.1,2.2,0 - "$tmp/defs.s" | awk '$1 != $2' | sort -u > "$tmp/edges"
awk '{k = $1 " -> " $2; s[k] = s[k] (s[k] ? " " : "") $3; n[k]++}
     END {for (k in s) {x = s[k]; if (n[k] > 4) {split(x, a, " "); x = a[1] " " a[2] " " a[3] " " a[4] " +" (n[k] - 4)} print k ": " x}}' \
  "$tmp/edges" | sort
awk '{print $1, $2}' "$tmp/edges" | sort -u > "$tmp/pairs"
if [ -n "$dups" ]; then
  echo "modgraph: DEFINED TWICE: $dups"
  exit 1
fi
if tsort "$tmp/pairs" > /dev/null 2> "$tmp/loop"; then
  # layers: a module sits one above the highest module it uses (common, map, utf8... at 0)
  awk '{d[$1] = d[$1] " " $2; m[$1]; m[$2]}
       END {for (it = 0; it < 100; it++) for (x in m) {l = 0; n = split(d[x], a, " ");
              for (i = 1; i <= n; i++) if (L[a[i]] + 1 > l) l = L[a[i]] + 1; L[x] = l}
            for (x in m) print L[x], x}' "$tmp/pairs" | sort -k1,1n -k2,2 |
    awk '{if (NR == 1 || $1 != last) {if (NR > 1) printf "\n"; printf "layer %d:", $1; last = $1} printf " %s", $2} END {printf "\n"}'

  echo "modgraph: $(cut -d' ' -f1 "$tmp/pairs" | sort -u | wc -l) modules with dependencies, $(wc -l < "$tmp/pairs") edges, no cycle"
  exit 0
fi
echo "modgraph: CYCLE among: $(grep -v 'input contains a loop' "$tmp/loop" | sed 's/^tsort: //' | tr '\n' ' ')"
exit 1
