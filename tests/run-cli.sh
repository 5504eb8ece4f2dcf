#!/bin/sh
# run-cli.sh BUILD - runs the black-box tests tests/cli/t*.sh (TAP-like: each prints "ok"/"not ok" lines and
# exits non-zero on failure). Each test gets BIN (stage binaries), PIPELINE (./pipeline), ROOT, SHARED, TMP.
b=$1
ROOT=$(pwd); export ROOT
BIN=$ROOT/$b/bin; export BIN
PIPELINE=$ROOT/pipeline; export PIPELINE
TT_FLAVOR=$(basename "$b"); export TT_FLAVOR   # ./pipeline runs this build's termtrace (asan too)
TT_BUILD=$ROOT/$b; export TT_BUILD
SHARED=${TT_SHARED:-$ROOT/../shared}; export SHARED
LC_ALL=C.UTF-8; export LC_ALL
pass=0 fail=0
for t in tests/cli/t*.sh; do
  [ -f "$t" ] || continue
  TMP=$(mktemp -d /tmp/tt-cli.XXXXXX); export TMP
  if sh "$t" > "$TMP.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $t"
  else
    fail=$((fail + 1)); echo "FAIL $t"; tail -n 30 "$TMP.log"
  fi
  rm -rf "$TMP" "$TMP.log"
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
