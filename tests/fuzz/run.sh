#!/bin/sh
# run.sh [SECONDS] - builds every tests/fuzz/fuzz_*.c with clang's libFuzzer + ASan + UBSan against the library
# sources and runs each for SECONDS (default 30), starting from tests/fuzz/corpus/<target>/ (new inputs go to
# tests/fuzz/work/<target>/, ignored by git). A crash fails the run and leaves the crasher in tests/fuzz/work/:
# copy it into tests/fuzz/corpus/<target>/ with the fix, so `make check` replays it for ever.
set -eu
secs=${1:-30}
command -v clang >/dev/null || { echo "fuzz: clang not installed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
out=build/fuzz/bin; mkdir -p "$out" # build/fuzz/bin/../../../lexicons is the data folder
cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE -Istages/lib -DTT_DATADIR=\"$(pwd)/lexicons\" $(pkg-config --cflags icu-uc icu-i18n libpcre2-8 zlib libcrypto libxml-2.0 poppler-glib libzip libcmark yaml-0.1)"
libs="$(pkg-config --libs icu-uc icu-i18n libpcre2-8 zlib libcrypto libxml-2.0 poppler-glib libzip libcmark yaml-0.1) -lstemmer -lpthread -lm"
status=0
# The library is compiled once (fuzzer instrumentation without libFuzzer's main: -fsanitize=fuzzer-no-link),
# two files at a time, into build/fuzz/libtt-fuzz.a; each target then only compiles its own file and links.
objs=build/fuzz/obj; mkdir -p "$objs"
libcflags=$(echo "$cflags" | sed 's/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,/')
n=0
for c in stages/lib/*.c; do
  # shellcheck disable=SC2086
  clang $libcflags -c -o "$objs/$(basename "$c" .c).o" "$c" &
  n=$((n + 1)); [ $((n % 2)) -eq 0 ] && wait
done
wait
rm -f build/fuzz/libtt-fuzz.a
ar rcs build/fuzz/libtt-fuzz.a "$objs"/*.o
for src in tests/fuzz/fuzz_*.c; do
  t=$(basename "$src" .c); name=${t#fuzz_}
  # shellcheck disable=SC2086
  clang $cflags -o "$out/$t" "$src" build/fuzz/libtt-fuzz.a $libs
  mkdir -p "tests/fuzz/work/$name" "tests/fuzz/corpus/$name"
  echo "fuzz: $t for $secs s"
  if "$out/$t" -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 -artifact_prefix="tests/fuzz/work/$name/" \
       "tests/fuzz/work/$name" "tests/fuzz/corpus/$name" > "$out/$t.log" 2>&1; then
    echo "fuzz: $t: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$out/$t.log" | tail -1), no finding"
  else
    echo "fuzz: $t: FINDING"; tail -40 "$out/$t.log"; status=1
  fi
done
exit $status
