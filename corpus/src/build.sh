#!/bin/sh
# build.sh - writes the bundled corpus documents that are NOT plain UTF-8 (corpus/*.txt, *.txt.gz) from their
# UTF-8 sources in this folder, and checks that each one decodes back to its source byte for byte.
# Deterministic: iconv has no state, gzip -n stores no name or timestamp. Run from anywhere: sh corpus/src/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$here")
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

fail() { echo "build.sh: error: '$1': $2" >&2; exit 1; }

# legacy single-byte encodings (glibc iconv names)
single() { # doc encoding
    iconv -f UTF-8 -t "$2" "$here/$1.txt" > "$out/$1.txt" || fail "$1" "cannot encode in $2"
    iconv -f "$2" -t UTF-8 "$out/$1.txt" > "$tmp" || fail "$1" "cannot decode from $2"
    cmp -s "$tmp" "$here/$1.txt" || fail "$1" "round trip through $2 differs"
}
single kz-1997-law-ru CP1251
single kz-2001-program-kk RK1048
single uz-1999-resolution-uz-cyrl PT154

# UTF-8 with a byte order mark
printf '\357\273\277' > "$out/kz-2021-order-kk.txt"
cat "$here/kz-2021-order-kk.txt" >> "$out/kz-2021-order-kk.txt"
tail -c +4 "$out/kz-2021-order-kk.txt" | cmp -s - "$here/kz-2021-order-kk.txt" || fail kz-2021-order-kk "BOM round trip differs"

# UTF-16LE with a byte order mark (FF FE)
printf '\377\376' > "$out/kz-2024-concept-ru.txt"
iconv -f UTF-8 -t UTF-16LE "$here/kz-2024-concept-ru.txt" >> "$out/kz-2024-concept-ru.txt"
tail -c +3 "$out/kz-2024-concept-ru.txt" | iconv -f UTF-16LE -t UTF-8 > "$tmp"
cmp -s "$tmp" "$here/kz-2024-concept-ru.txt" || fail kz-2024-concept-ru "UTF-16LE round trip differs"

# gzip (UTF-8 inside), no name, no timestamp
gzip -n -9 < "$here/uz-2021-decree-en.txt" > "$out/uz-2021-decree-en.txt.gz"
gzip -dc "$out/uz-2021-decree-en.txt.gz" | cmp -s - "$here/uz-2021-decree-en.txt" || fail uz-2021-decree-en "gzip round trip differs"

echo "build.sh: 6 documents written and verified"
