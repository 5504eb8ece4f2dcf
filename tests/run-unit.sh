#!/bin/sh
# run-unit.sh BUILD TESTBIN... - runs every CUnit test program; fails if any fails. Prints a closing
# "N passed, N failed" line over the programs.
b=$1; shift
pass=0 fail=0
for t in "$@"; do
  if LC_ALL=C "$t" > "$t.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $(basename "$t") ($(grep -E '^ +asserts' "$t.log" | awk '{print $3}') asserts)"
  else
    fail=$((fail + 1)); echo "FAIL $(basename "$t"): see $t.log"; tail -n 40 "$t.log"
  fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
