# t410-kill: nothing is lost when a run is killed with SIGKILL at any point. A corpus of K copies of the bundled
# corpus (K=30: 480 documents; TT_SLOW=1: K=100 and more kill points) is run with --cache and killed -9 at
# several points (by events, not by time: after 1, 40, ... cache entries exist, as soon as the new output folder
# has a file, and once its docs.tsv is written, i.e. while the outputs are being finished). After each kill: the
# previous output folder is byte-identical to what it was (or, when the kill came after the install, the output is
# the whole new one, equal to a run without cache), every cache
# entry is complete (header + promised length), and no file but the output, the cache and the killed runs'
# temporary folders (OUT.tmp-PID) was created. Finally a run completes, reuses the cache, and its output is
# identical to a run without cache.
. tests/cli/lib.sh
K=30 points="1 40 120 250 400"
[ "${TT_SLOW:-0}" = 1 ] && K=100 points="1 10 50 150 300 600 900 1200 1500"
D=$TMP/kc
mkdir -p "$D"; head -n 1 corpus/manifest.tsv > "$D/manifest.tsv"
k=1
while [ $k -le $K ]; do
  mkdir "$D/c$k"; cp corpus/*.txt* "$D/c$k/" 2> /dev/null
  tail -n +2 corpus/manifest.tsv | awk -F'\t' -v OFS='\t' -v k=$k '{ $1 = $1 "-" k; $2 = "c" k "/" $2; print }' >> "$D/manifest.tsv"
  k=$((k + 1))
done
ndocs=$(($(wc -l < "$D/manifest.tsv") - 1))
check "kill: the corpus has $ndocs documents, every file present" sh -c "cut -f2 '$D/manifest.tsv' | tail -n +2 | (cd '$D' && xargs ls) > /dev/null"
TT=$BIN/termtrace
# the previous output: a smaller corpus (first copy only), so that it differs from any new output
head -n 17 "$D/manifest.tsv" > "$TMP/small.tsv"
expect_exit 0 "kill: a previous output" "$TT" run --corpus "$D" --manifest "$TMP/small.tsv" --out "$TMP/w/out" --quiet
cp -a "$TMP/w/out" "$TMP/prev"
expect_exit 0 "kill: the reference (no cache)" "$TT" run --corpus "$D" --out "$TMP/ref" --quiet
C=$TMP/w/cache

cache_ok() { # every entry under $C: "#termtrace-cache 2 KEY LEN CRC" + LEN bytes, in a file named KEY.docres
  find "$C" -type f -name '*.docres' | LC_ALL=C xargs -r awk '
    function done_file(  b) { b = f; sub(/.*\//, "", b); sub(/\.docres$/, "", b)
      if (!ok || got != len || b != key) { print "# bad cache entry: " f " (" got " of " len " bytes)"; bad = 1 } }
    FNR == 1 { if (f != "") done_file(); f = FILENAME; ok = ($1 == "#termtrace-cache" && $2 == "2"); key = $3; len = $4; got = 0; next }
    { got += length($0) + 1 }
    END { if (f != "") done_file(); exit bad }'
}
count() { find "$C" -type f -name '*.docres' 2> /dev/null | wc -l; }
others() { # files outside out/, cache/ and out.tmp-*/ (a killed run may leave its temporary folder)
  (cd "$TMP/w" && ls -A) | grep -v -e '^out$' -e '^cache$' -e '^out\.tmp-[0-9]*$'
}

for p in $points start export; do
  "$TT" run --corpus "$D" --out "$TMP/w/out" --cache "$C" --quiet --jobs 2 2> "$TMP/kerr" &
  pid=$!
  tries=0 caught=1
  while :; do
    if ! kill -0 $pid 2> /dev/null; then caught=0; break; fi
    if [ "$p" = start ]; then
      [ -n "$(ls -A "$TMP/w/out.tmp-$pid" 2> /dev/null)" ] && break
    elif [ "$p" = export ]; then
      [ -e "$TMP/w/out.tmp-$pid/docs.tsv" ] && break
    else
      [ "$(count)" -ge "$p" ] && break
    fi
    tries=$((tries + 1)); [ $tries -gt 20000 ] && break
    sleep 0.01 2> /dev/null || sleep 1
  done
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null; rc=$?
  if [ $caught = 1 ] && [ $rc = 137 ]; then
    echo "# killed at point '$p' with $(count) cache entries, $(ls "$TMP/w/out.tmp-$pid" 2> /dev/null | wc -l) files in its output folder"
  else
    echo "# point '$p': the run finished before the kill (exit $rc): checks still apply"
    # a finished run legitimately replaced the output: put the previous one back for the next points
    rm -rf "$TMP/w/out"; cp -a "$TMP/prev" "$TMP/w/out"
  fi
  # The output folder is the previous one, or (a kill that came after the install, which takes ~2 ms once the
  # outputs are written: the run had as good as finished) the whole new one; never anything between.
  if same_outputs "$TMP/ref" "$TMP/w/out" > /dev/null 2>&1; then
    echo "# point '$p': the kill came after the new output was installed (whole): checks still apply"
    check "kill at $p: the output is the whole new one" same_outputs "$TMP/ref" "$TMP/w/out"
    rm -rf "$TMP/w/out"; cp -a "$TMP/prev" "$TMP/w/out"
  else
    check "kill at $p: the previous output is untouched" same_outputs "$TMP/prev" "$TMP/w/out"
  fi
  check "kill at $p: every cache entry is whole" cache_ok
  check "kill at $p: nothing else was created" test -z "$(others)"
done
expect_exit 0 "kill: a rerun completes" "$TT" run --corpus "$D" --out "$TMP/w/out" --cache "$C" --quiet
check "kill: ... it reused the cache of the killed runs" sh -c "grep -q '\"documents_from_cache\": [1-9]' '$TMP/w/out/run.json'"
check "kill: ... and its output equals a run without cache" same_outputs "$TMP/ref" "$TMP/w/out"
expect_exit 0 "kill: a second rerun is all from cache" "$TT" run --corpus "$D" --out "$TMP/w/out" --cache "$C" --quiet
check "kill: ... $ndocs documents from cache" grep -q "\"documents_from_cache\": $ndocs" "$TMP/w/out/run.json"
check "kill: ... same output again" same_outputs "$TMP/ref" "$TMP/w/out"
finish
