#!/bin/sh
# valgrind.sh - the end-to-end run of the bundled corpus under valgrind memcheck: zero errors and zero leaks
# (ICU's caches are released by u_cleanup() at exit, libcrypto's by tt_sha256_cleanup(); tests/valgrind.supp only
# hides PCRE2 JIT code, see there).
set -u
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 1; }
make -s all || exit 1
tmp=$(mktemp -d /tmp/tt-valgrind.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
vg="valgrind --suppressions=tests/valgrind.supp --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --quiet"
status=0
run() {
  what=$1; shift
  if "$@" > "$tmp/out" 2> "$tmp/err"; then rc=0; else rc=$?; fi
  if [ "$rc" -eq 99 ] || grep -q 'ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost\|still reachable' "$tmp/err"; then
    echo "FAIL valgrind: $what"; tail -40 "$tmp/err"; status=1
  else
    echo "ok   valgrind: $what (exit $rc)"
  fi
}
B=build/release/bin
run "pipeline run on corpus/ (2 jobs)" $vg $B/termtrace run --corpus corpus --lexicon lexicons/diaspora --out "$tmp/o" --jobs 2 --quiet
run "tt-decode | tt-normalize (corpus)" sh -c "$vg $B/tt-decode --corpus corpus > $tmp/s1 && $vg $B/tt-normalize < $tmp/s1 > $tmp/s2"
run "tt-tokenize | tt-match | tt-count" sh -c "$vg $B/tt-tokenize --lexicon lexicons/diaspora < $tmp/s2 > $tmp/s3 &&
  $vg $B/tt-match --lexicon lexicons/diaspora < $tmp/s3 > $tmp/s4 && $vg $B/tt-count --lexicon lexicons/diaspora < $tmp/s4 > $tmp/s5"
run "tt-export" sh -c "$vg $B/tt-export --lexicon lexicons/diaspora --out $tmp/o2 < $tmp/s5"
echo "valgrind: $([ $status -eq 0 ] && echo 4 || echo '<4') passed, $status failed"
exit $status
