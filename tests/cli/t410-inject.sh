# t410-inject: fault injection. tests/inject/inject.c (LD_PRELOAD, built here) makes the Nth write (ENOSPC),
# fsync (EIO), rename (EIO), file/folder creation (ENOSPC) or malloc from the program (NULL) fail, for a range of
# N over a cached run of the bundled corpus. Every run must: end by itself (no signal, no sanitizer report),
# exit 1 with an "error:" line (or 0 when the failure cannot matter, e.g. a folder fsync or a cache
# write, with outputs identical to the reference; or 3 only if a document was reported skipped), and leave the
# previous output untouched whenever it did not exit 0. make check samples each class (about 25 values of N
# spread over the calls a clean run makes); TT_SLOW=1 tries every N.
. tests/cli/lib.sh
command -v cc > /dev/null || { skip "no C compiler to build the shim"; finish; exit; }
cc -O1 -shared -fPIC -o "$TMP/inject.so" tests/inject/inject.c -ldl || { notok "build the shim"; finish; exit 1; }
# The sanitizer runtime (make check-asan) owns malloc and the interposition order: the shim runs on plain builds.
case $BIN in */asan/*) skip "fault injection needs the plain build (the ASan runtime owns malloc and interposition)"; finish; exit ;; esac
cp "$BIN/termtrace" "$TMP/termtrace"; TT=$TMP/termtrace # a copy: a rebuild during the test cannot change it
run() { "$TT" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out" --cache "$TMP/cache" --quiet --jobs 1 "$@"; }
expect_exit 0 "inject: reference run" run --out "$TMP/ref" --cache "$TMP/refcache"
# the previous output: half of the documents, whose cache entries are kept (cache0), so that the injected runs
# read the cache for half of the corpus and write it for the other half
head -n 9 corpus/manifest.tsv > "$TMP/half.tsv"
expect_exit 0 "inject: the previous output (half of the corpus)" run --manifest "$TMP/half.tsv" --out "$TMP/prev" --cache "$TMP/cache0"
prepare() { rm -rf "$TMP/out" "$TMP/cache"; cp -a "$TMP/prev" "$TMP/out"; cp -a "$TMP/cache0" "$TMP/cache"; }
prepare
INJECT_COUNT=$TMP/counts LD_PRELOAD=$TMP/inject.so "$TT" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out" --cache "$TMP/cache" --quiet --jobs 1 2> /dev/null
check "inject: the shim counted the calls" test -s "$TMP/counts"
echo "# calls in a clean run: $(tr '\n' ' ' < "$TMP/counts")"
samples=25
[ "${TT_SLOW:-0}" = 1 ] && samples=0
total=0 bad=0
for cls in write fsync rename open malloc; do
  max=$(awk -v c=$cls '$1 == c { print $2 }' "$TMP/counts")
  [ -n "$max" ] && [ "$max" -gt 0 ] || { notok "inject: no $cls calls counted"; continue; }
  if [ $samples -gt 0 ] && [ "$max" -gt $samples ]; then
    list=$(awk -v m="$max" -v s=$samples 'BEGIN { for (i = 0; i < s; i++) printf "%d ", 1 + int(i * (m - 1) / (s - 1)) }')
  else
    list=$(awk -v m="$max" 'BEGIN { for (i = 1; i <= m; i++) printf "%d ", i }')
  fi
  nrun=0 nfail=0 codes=
  for N in $list; do
    prepare
    INJECT=$cls:$N LD_PRELOAD=$TMP/inject.so "$TT" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out" \
      --cache "$TMP/cache" --quiet --jobs 1 > "$TMP/iout" 2> "$TMP/ierr"
    got=$?
    nrun=$((nrun + 1)); why=
    case $got in
    0) same_outputs "$TMP/ref" "$TMP/out" > "$TMP/idiff" || why="exit 0 but the output differs from the reference" ;;
    1) grep -q '^[a-z ]*: error: ' "$TMP/ierr" || why="exit 1 without an error message"
       [ -z "$why" ] && { same_outputs "$TMP/prev" "$TMP/out" > "$TMP/idiff" || why="the previous output was changed"; } ;;
    3) grep -q "^termtrace: warning: document '.*' skipped" "$TMP/ierr" || why="exit 3 without a skipped document" ;;
    *) why="exit $got (a crash or a signal)" ;;
    esac
    if grep -q -e 'AddressSanitizer' -e 'runtime error' "$TMP/ierr"; then why="sanitizer report"; fi
    if [ -n "$why" ]; then
      nfail=$((nfail + 1)); echo "# $cls:$N: $why"; sed 's/^/#   /' "$TMP/ierr" | head -5
    fi
    case " $codes " in *" $got "*) ;; *) codes="$codes $got" ;; esac
  done
  total=$((total + nrun)); bad=$((bad + nfail))
  check "inject: $cls failing at $nrun values of N in 1..$max: no crash, a message, previous output kept (exit codes:$codes)" test $nfail -eq 0
done
echo "# $total injected runs, $bad bad"
finish
