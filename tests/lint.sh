#!/bin/sh
# lint.sh - static checks: the library never prints or exits (only programs do), no non-const globals in the
# library, cppcheck, and clang-format (report only, as a list of files that differ).
status=0
if grep -nE '(^|[^_a-z])(printf|puts|perror|exit|abort)\s*\(|f(printf|puts)\s*\(\s*std(err|out)' stages/lib/*.c | grep -v '^\s*/[/*]'; then
  echo "lint: the library must not print or exit (above)"; status=1
fi
if command -v cppcheck >/dev/null; then
  cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability --inline-suppr \
    -Istages/lib -Istages/cli stages/lib stages/cli stages/*/main.c stages/pipeline.c || status=1
fi
if command -v clang-format >/dev/null; then
  n=0
  for f in stages/lib/*.c stages/lib/tt/*.h stages/cli/*.[ch] stages/*/main.c stages/pipeline.c; do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || { n=$((n + 1)); echo "lint: not clang-formatted: $f"; }
  done
  echo "lint: $n files differ from .clang-format"
fi
if [ -d build/release/lib ]; then
  tests/tools/modgraph.sh build/release | tail -1 | grep -q 'no cycle' || { tests/tools/modgraph.sh build/release | tail -1; status=1; }
fi
exit $status
