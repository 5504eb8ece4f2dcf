#!/bin/sh
# lint.sh [BUILD] - static checks that fail (exit 1) on any finding; CI runs it (`make lint`):
#  1. the library never prints or exits (only programs do: ../shared/style.md);
#  2. the library never changes process-wide state: no umask(), setlocale(), chdir(), signal handlers or
#     setenv() (a library that does races with its caller's threads, as umask(0); umask(um) did);
#  3. no mutable global in the library (objdump of BUILD/libtt.a: symbols in .data/.bss) other than the
#     once-initialized tables and the atomic counter listed below, each with its reason;
#  4. cppcheck (warning, portability) over the library, the CLI helpers and the programs; cppcheck missing is
#     a finding too (apt-get install cppcheck), never a silent pass.
# There is no formatting check: the tree follows .clang-format loosely and is not reformatted wholesale.
b=${1:-build/release}
status=0
finding() { echo "lint: $*"; status=1; }
if grep -nE '(^|[^_a-z])(printf|puts|perror|exit|abort)\s*\(|f(printf|puts)\s*\(\s*std(err|out)' stages/lib/*.c | grep -v '^\s*/[/*]'; then
  finding "the library must not print or exit (above)"
fi
if grep -nE '(^|[^_a-z.>])(umask|setlocale|chdir|signal|sigaction|setenv|putenv|unsetenv)\s*\(' stages/lib/*.c | grep -vE ':\s*(/\*|\*|//)'; then
  finding "the library must not change process-wide state (umask, locale, working folder, signals, environment) (above)"
fi
# mutable globals: file and symbol, with why each is safe
allowed="atomic.o:counter datadir.o:data_dir datadir.o:data_once decode_table.o:table decode_table.o:table_once
sha256.o:shani_ok sha256.o:shani_once read_format.o:mu read_format.o:poppler_version
read_format.o:poppler_version_once read_format.o:tables read_format.o:tables_dir read_format.o:tables_err
read_format.o:tables_once read_pdf.o:pop read_pdf.o:pop_once read_xml.o:xml_once"
# atomic.o:counter          _Atomic, temporary-name suffixes
# datadir.o, decode_table.o written once under pthread_once, read-only afterwards
# sha256.o                  CPU feature probe under pthread_once
# read_format.o             markup/front-matter tables and poppler's version: under pthread_once; tables_dir set
#                           under the mutex mu before the once (the first caller's data folder)
# read_pdf.o, read_xml.o    dlopen'ed poppler handle and libxml2's init: under pthread_once
if [ -f "$b/libtt.a" ]; then
  objdump -t "$b/libtt.a" | awk '/file format/ { f = $1 } $0 ~ / (\.data|\.bss)[ \t]/ && $NF !~ /^\./ { sub(/\.[0-9]+$/, "", $NF); print f $NF }' |
    sort -u > "${TMPDIR:-/tmp}/lint-globals.$$"
  while read -r g; do
    case " $(echo $allowed) " in *" $g "*) ;; *) finding "mutable global in the library: $g (make it const, per-object, or once-initialized and list it here)" ;; esac
  done < "${TMPDIR:-/tmp}/lint-globals.$$"
  rm -f "${TMPDIR:-/tmp}/lint-globals.$$"
else
  finding "$b/libtt.a not built: the mutable-global check could not run (make lint builds it)"
fi
if command -v cppcheck >/dev/null; then
  cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability --inline-suppr \
    -Istages/lib -Istages/cli stages/lib stages/cli stages/*/main.c stages/pipeline.c || finding "cppcheck (above)"
else
  finding "cppcheck is not installed (apt-get install cppcheck): the static analysis did not run"
fi
if [ -d "$b"/lib ]; then
  tests/tools/modgraph.sh "$b" | tail -1 | grep -q 'no cycle' || { tests/tools/modgraph.sh "$b" | tail -1; finding "module graph has a cycle (above)"; }
fi
[ $status = 0 ] && echo "lint: 4 checks, no finding"
exit $status
