# t175: file modes follow the user's umask. termtrace never changes the process umask: it creates files with
# 0666 and folders with 0777 and lets the kernel apply the umask (reading the umask with umask(0); umask(um) from
# worker threads used to race and leave output files 0666 and cache folders 0777). Many documents on 8 threads
# with a cache, several runs (cold and warm cache), under umask 022 and 077; every file and folder of the output,
# the cache, a shard merge and a tt-export is checked.
. tests/cli/lib.sh
C=$TMP/corpus; mkdir -p "$C"
head -1 corpus/manifest.tsv > "$C/manifest.tsv"
for k in 1 2 3 4 5; do
  for f in corpus/*.txt corpus/*.gz; do [ -f "$f" ] && cp "$f" "$C/$k-${f#corpus/}"; done
  awk -F'\t' -v OFS='\t' -v k=$k 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "doc_id") d = i; if ($i == "path") p = i }; next }
    { $d = k "-" $d; $p = k "-" $p; print }' corpus/manifest.tsv >> "$C/manifest.tsv"
done
ndocs=$(($(wc -l < "$C/manifest.tsv") - 1))
# bad_modes DIR FILEMODE DIRMODE: lists what differs
bad_modes() {
  find "$1" -type f ! -perm "$2" -printf '#   %m %p\n'
  find "$1" -type d ! -perm "$3" -printf '#   %m %p\n'
}
for um in 022 077; do
  case $um in 022) fm=644 dm=755 ;; 077) fm=600 dm=700 ;; esac
  rm -rf "$TMP/o" "$TMP/cache" "$TMP/p0" "$TMP/p1" "$TMP/m" "$TMP/e"
  bad=0
  for r in 1 2 3 4; do
    (umask $um && TT_OVERSUBSCRIBE=1 "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$TMP/o" \
       --cache "$TMP/cache" --jobs 8 --quiet) 2> "$TMP/err" || { echo "# run $r failed"; cat "$TMP/err"; bad=1; }
    bad_modes "$TMP/o" $fm $dm > "$TMP/modes"; bad_modes "$TMP/cache" $fm $dm >> "$TMP/modes"
    if [ -s "$TMP/modes" ]; then echo "# run $r under umask $um:"; head -20 "$TMP/modes"; bad=1; fi
  done
  check "umask $um: $ndocs documents, --jobs 8 --cache, 4 runs: every output and cache file $fm, folder $dm" test $bad = 0
  check "umask $um: ... the cache was used" grep -q '"documents_from_cache": '"$ndocs" "$TMP/o/run.json"
  for s in 0 1; do (umask $um && TT_OVERSUBSCRIBE=1 "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$TMP/p$s" --shard $s/2 --jobs 8 --quiet 2>/dev/null); done
  (umask $um && "$PIPELINE" merge "$TMP/p0" "$TMP/p1" --out "$TMP/m" 2>/dev/null)
  (umask $um && "$BIN/tt-decode" --corpus corpus | "$BIN/tt-normalize" | "$BIN/tt-tokenize" --lexicon lexicons/diaspora |
     "$BIN/tt-match" --lexicon lexicons/diaspora | "$BIN/tt-count" --lexicon lexicons/diaspora |
     "$BIN/tt-export" --lexicon lexicons/diaspora --out "$TMP/e" 2>/dev/null)
  : > "$TMP/modes"
  for d in p0 p1 m e; do
    if [ -d "$TMP/$d" ]; then bad_modes "$TMP/$d" $fm $dm >> "$TMP/modes"; else echo "#   $d not written" >> "$TMP/modes"; fi
  done
  check "umask $um: shards, merge and tt-export: every file $fm, folder $dm" test ! -s "$TMP/modes"
  sed 's/^/#/' "$TMP/modes" | head -10
done
finish
