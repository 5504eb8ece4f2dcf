# t400: one case per class of bad input (tests/bad/NNN-<what>.sh), each asserting the exact message, the exit
# code and what is written. The cases are sourced in order into this shell, with these helpers:
#   mk                    a fresh corpus folder $C with a manifest header (doc_id path lang country date encoding)
#   add ID PATH LANG [ENC] a manifest row
#   run [OPTS]            pipeline run over $C into $O (default lexicon), stderr in $TMP/err
#   status ID             the docs.tsv status of ID in $O
# Slow cases (the 1 GB document) run only with TT_SLOW=1. A case that cannot run here (no root, no mount)
# says so with "ok N - # SKIP why".
. tests/cli/lib.sh
C=$TMP/c O=$TMP/o
mk() { rm -rf "$C"; mkdir -p "$C"; printf 'doc_id\tpath\tlang\tcountry\tdate\tencoding\n' > "$C/manifest.tsv"; }
add() { printf '%s\t%s\t%s\tKZ\t2020\t%s\n' "$1" "$2" "$3" "${4:-}" >> "$C/manifest.tsv"; }
run() { "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet "$@"; }
status() { awk -F'\t' -v id="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "status") s = i } $1 == id { print $s }' "$O/docs.tsv"; }
col() { awk -F'\t' -v id="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) s = i } $1 == id { print $s }' "$O/docs.tsv"; }
# has_status ID TEXT: docs.tsv status of ID is exactly TEXT
has_status() { got=$(status "$1"); [ "$got" = "$2" ] || { echo "# status of $1: '$got', want '$2'"; return 1; }; }
# says TEXT: stderr has this exact line
says() { grep -qxF -- "$1" "$TMP/err" || { echo "# stderr lacks: $1"; sed 's/^/#   /' "$TMP/err" | head -5; return 1; }; }
for case in tests/bad/[0-9]*.sh; do
  echo "# $case"
  . "./$case"
done
finish
