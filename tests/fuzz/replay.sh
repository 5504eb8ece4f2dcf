#!/bin/sh
# replay.sh BUILD FUZZBIN... - runs each fuzz target built with a plain main() over its saved corpus
# tests/fuzz/corpus/<target>/ (seeds and every crasher ever found, with its fix): part of `make check`.
b=$1; shift
pass=0 fail=0
for t in "$@"; do
  name=$(basename "$t"); name=${name#fuzz_}
  [ -d "tests/fuzz/corpus/$name" ] || { echo "FAIL $t: no tests/fuzz/corpus/$name"; fail=$((fail + 1)); continue; }
  if "$t" tests/fuzz/corpus/"$name"/* > "$t.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $(basename "$t") ($(tail -1 "$t.log"))"
  else
    fail=$((fail + 1)); echo "FAIL $(basename "$t")"; tail -20 "$t.log"
  fi
done
echo "fuzz replay: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
