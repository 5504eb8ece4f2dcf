# t180: the build and the first run, in a copy of the tree (objects copied from this build, so only links run):
#  - with the build packages missing (pkg-config finds nothing), `make` stops with a message naming them and
#    leaves no binary; `make run` installs them first (a stand-in for contrib/install-deps.sh that "installs" by
#    making pkg-config answer) and then builds and runs: pkg-config is never asked when the Makefile is read;
#  - a failed link leaves no binary (nor a temporary one), so the next make relinks;
#  - ./pipeline rebuilds when build/release/bin/termtrace is there but not an executable;
#  - CFLAGS/CPPFLAGS/LDFLAGS on the command line add to the project's flags;
#  - the copied tree reads its own data folder (found from the program's location), TT_DATADIR overrides it.
. tests/cli/lib.sh
case ${TT_FLAVOR:-release} in release) ;; *) skip "build checks run on the plain build only"; finish; exit ;; esac
command -v pkg-config > /dev/null || { skip "pkg-config not installed"; finish; exit; }
T=$TMP/tree; mkdir -p "$T/build"
cp -a Makefile config.mk pipeline stages tests lexicons contrib corpus "$T/"
cp -a "$TT_BUILD" "$T/build/release"
rm -rf "$T/build/release/bin" "$T/build/release/tests" "$T/build/release/fuzz"
nobin() { [ -z "$(ls -A "$T/build/release/bin" 2>/dev/null)" ] || { echo "#   left: $(ls "$T/build/release/bin")"; return 1; }; }

# 1. no build packages: a clear stop, no binary; `make run` installs first
cat > "$TMP/fakepc" <<EOS
#!/bin/sh
[ -f "$TMP/installed" ] && exec pkg-config "\$@"
exit 1
EOS
chmod +x "$TMP/fakepc"
printf '#!/bin/sh\ntouch "%s/installed"; echo "install-deps (stand-in): installed"\n' "$TMP" > "$T/contrib/install-deps.sh"
expect_exit 2 "make without the build packages stops" make -s -C "$T" all PKG_CONFIG="$TMP/fakepc"
check "... naming them and how to install them" grep -q "pkg-config finds no icu-uc icu-i18n libpcre2-8 zlib.*: install the build packages with 'make deps' as root" "$TMP/err"
check "... and leaves no binary" nobin
expect_exit 0 "make run installs the packages first, then builds and runs" make -s -C "$T" run PKG_CONFIG="$TMP/fakepc"
check "... the bundled corpus is written" test -s "$T/out/bundled/tf.tsv" -a -f "$T/out/bundled/.termtrace-output"

# 2. a failed link leaves no binary
rm -rf "$T/build/release/bin"
expect_exit 2 "a link that fails" make -s -C "$T" all LDLIBS=-lno_such_library_t180
check "... leaves no binary and no temporary file" nobin
expect_exit 0 "the next make links" make -s -C "$T" all
check "... an executable termtrace" test -x "$T/build/release/bin/termtrace"

# 3. ./pipeline and a non-executable leftover
printf 'not a program\n' > "$T/build/release/bin/termtrace"; chmod 644 "$T/build/release/bin/termtrace"
expect_exit 0 "./pipeline rebuilds a non-executable termtrace" "$T/pipeline" --help
check "... and runs it" grep -q "run" "$TMP/out"

# 4. user flags add to the project's
make -s -n -B -C "$T" build/release/lib/utf8.o CFLAGS=-O3 CPPFLAGS=-DTT_T180 LDFLAGS=-Wl,-O1 > "$TMP/cmd" 2>&1
check "make CFLAGS=-O3 CPPFLAGS=-DTT_T180 keeps -std=c11 -Wall -Istages/lib and adds -O3 -DTT_T180 after them" \
  sh -c "grep -q -- '-Istages/lib.*-DTT_T180.*-std=c11.*-Wall.*-O3' '$TMP/cmd'"
make -s -n -B -C "$T" build/release/bin/termtrace LDFLAGS=-Wl,-O1 > "$TMP/cmd" 2>&1
check "make LDFLAGS=-Wl,-O1 keeps the libraries and adds the flag" sh -c "grep -q -- '-Wl,-O1.*-licuuc' '$TMP/cmd'"

# 5. the copied tree's data folder
rm -rf "$TMP/o5"
"$T/build/release/bin/termtrace" run --corpus corpus --out "$TMP/o5" --quiet 2>/dev/null
check "the copied tree's program reads the copy's lexicons (default lexicon)" grep -q "\"lexicon\": \"$T/lexicons/diaspora\"" "$TMP/o5/run.json"
mv "$T/lexicons" "$T/moved-lexicons"
expect_exit 2 "with its data folder gone it says so, naming the copy's folder" "$T/build/release/bin/termtrace" run --corpus corpus --out "$TMP/o6" --quiet
check "... not the original's" grep -q "$T" "$TMP/err"
rm -rf "$TMP/o5"
expect_exit 0 "TT_DATADIR overrides" env TT_DATADIR="$T/moved-lexicons" "$T/build/release/bin/termtrace" run --corpus corpus --out "$TMP/o5" --quiet
check "... and is used" grep -q "\"lexicon\": \"$T/moved-lexicons/diaspora\"" "$TMP/o5/run.json"
finish
