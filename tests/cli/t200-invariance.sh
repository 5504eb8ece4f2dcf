# t200: invariance on real text (issue 3). Each variant of a UD text (other encodings, gzip, other scripts and
# alphabets, other apostrophes, look-alike letters, re-wrapping with line-end hyphens, invisible characters,
# upper case) gives the same counts, co-occurrences, token counts and vocabulary as the plain UTF-8 text.
# The variants are generated here by tests/tools/variants.py from ../shared/corpus/ud (never stored in the
# repository); tests/tools/README.md explains each one and the documented exceptions.
. tests/cli/lib.sh
UD=$SHARED/corpus/ud
PY=/usr/bin/python3
if [ ! -f "$UD/kk_ktb-ud-test.txt" ]; then
  skip_shared "no $UD/kk_ktb-ud-test.txt: invariance on real text not checked"
  finish; exit
fi
if [ ! -x "$PY" ]; then
  skip "no $PY (apt-get install python3): invariance not checked"
  finish; exit
fi
V=$TMP/variants
if ! "$PY" tests/tools/variants.py "$UD" "$V" "${T200_LINES:-250}" 2> "$TMP/err"; then
  notok "variants.py"; sed 's/^/#   /' "$TMP/err"; finish; exit
fi

# col FILE NAME: the column NAME of docs.tsv (one document)
col() { awk -F'\t' -v c="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==c) k=i; next} {print $k}' "$1"; }
# same_files A B FILE...: byte-identical (files missing on both sides are equal)
same_files() {
  a=$1 b=$2 rc=0; shift 2
  for f in "$@"; do
    if [ ! -f "$a/$f" ] && [ ! -f "$b/$f" ]; then continue; fi
    cmp -s "$a/$f" "$b/$f" || { echo "#   differs: $f"; diff "$a/$f" "$b/$f" | head -6 | sed 's/^/#     /'; rc=1; }
  done
  return $rc
}
terms() { tail -n +2 "$1/vocab.tsv" | cut -f1 | LC_ALL=C sort; }

run() { # run CASE: output in $TMP/o/CASE
  "$PIPELINE" run --corpus "$V/$1" --lexicon lexicons/diaspora --out "$TMP/o/$1" --vocab --jobs 1 --quiet \
    > "$TMP/o/$1.log" 2>&1
}
mkdir -p "$TMP/o"
tf_files="tf.tsv tf.mtx cooc.window5.mtx cooc.window5.tsv cooc.sentence.mtx cooc.sentence.tsv cooc.document.mtx
          cooc.document.tsv"

tail -n +2 "$V/cases.tsv" | while IFS='	' read -r c base must note; do
  if ! run "$c"; then
    echo "not ok - $c: pipeline failed"; sed 's/^/#   /' "$TMP/o/$c.log"; continue
  fi
  [ "$base" = - ] && continue
  a=$TMP/o/$base b=$TMP/o/$c
  st=$(col "$b/docs.tsv" status)
  [ "$st" = ok ] || { echo "not ok - $c: document status $st"; continue; }
  # report line: tokens, sentences, vocabulary differences, repairs (always printed, pass or fail)
  ta=$(col "$a/docs.tsv" tokens) tb=$(col "$b/docs.tsv" tokens)
  sa=$(col "$a/docs.tsv" sentences) sb=$(col "$b/docs.tsv" sentences)
  terms "$a" > "$TMP/ta"; terms "$b" > "$TMP/tb"
  only_a=$(comm -23 "$TMP/ta" "$TMP/tb" | wc -l) only_b=$(comm -13 "$TMP/ta" "$TMP/tb" | wc -l)
  tfd=same; same_files "$a" "$b" $tf_files > "$TMP/tfdiff" || tfd=DIFF
  echo "# $c ($note): tokens $ta/$tb sentences $sa/$sb tf+cooc $tfd vocab -$only_a +$only_b"
  bad=
  for m in $(echo "$must" | tr ',' ' '); do
    case $m in
    tf) [ $tfd = same ] || { bad="$bad tf"; cat "$TMP/tfdiff"; } ;;
    tf-nosent) same_files "$a" "$b" $(echo $tf_files | tr ' ' '\n' | grep -v sentence) > "$TMP/x" ||
                 { bad="$bad tf-nosent"; cat "$TMP/x"; } ;;
    sentences-ge) [ "$sb" -ge "$sa" ] || bad="$bad sentences-ge" ;;
    tokens) [ "$ta" = "$tb" ] || bad="$bad tokens" ;;
    sentences) [ "$sa" = "$sb" ] || bad="$bad sentences" ;;
    vocab) # vocab.tsv's form column is the term as written, which the variants change on purpose
      cut -f1-3 "$a/vocab.tsv" > "$TMP/va"; cut -f1-3 "$b/vocab.tsv" > "$TMP/vb"
      { cmp -s "$TMP/va" "$TMP/vb" || { echo "#   differs: vocab.tsv"; diff "$TMP/va" "$TMP/vb" | head -6; false; }
        same_files "$a" "$b" vocab.mtx; } > "$TMP/vd" || { bad="$bad vocab"; head -8 "$TMP/vd"; } ;;
    vocab-hyphen) # only hyphenated terms that the base lacks, each replacing terms the base has
      comm -13 "$TMP/ta" "$TMP/tb" | grep -v -e - > "$TMP/x" && { bad="$bad vocab-hyphen"; head -5 "$TMP/x"; } ;;
    vocab-allowed) # what the base has and the variant lacks must be listed in allowed.txt
      LC_ALL=C sort -u "$V/$c/allowed.txt" > "$TMP/al"
      comm -23 "$TMP/ta" "$TMP/tb" | LC_ALL=C comm -23 - "$TMP/al" > "$TMP/x"
      [ -s "$TMP/x" ] && { bad="$bad vocab-allowed"; head -5 "$TMP/x" | sed 's/^/#   lost: /'; } ;;
    esac
  done
  if [ -z "$bad" ]; then echo "ok - $c: same $must"; else echo "not ok - $c: differs:$bad"
    comm -3 "$TMP/ta" "$TMP/tb" | head -10 | sed 's/^/#   vocab: /'; fi
done > "$TMP/results"
cat "$TMP/results"
# fold the per-case lines into lib.sh's counters
while read -r line; do
  case $line in
  "ok - "*) ok "${line#ok - }" ;;
  "not ok - "*) notok "${line#not ok - }" ;;
  esac
done < "$TMP/results"
finish
