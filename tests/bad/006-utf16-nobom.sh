# 006 UTF-16 without a BOM (LE and BE): recognised by the zero/0x04 high bytes, decoded and counted.
mk
printf 'Статья 1. Соотечественники за рубежом.\n' | iconv -f UTF-8 -t UTF-16LE > "$C/le.txt"; add le le.txt ru
printf 'Статья 1. Соотечественники за рубежом.\n' | iconv -f UTF-8 -t UTF-16BE > "$C/be.txt"; add be be.txt ru
printf 'Compatriots abroad and the diaspora.\n' | iconv -f UTF-8 -t UTF-16LE > "$C/en.txt"; add en en.txt en
expect_exit 0 "006 UTF-16 without BOM is decoded" run
check "006 ... LE: detected by the heuristic" grep -q '"doc_id": "le", "encoding": "UTF-16LE", "encoding_method": "utf16-heuristic"' "$O/run.json"
check "006 ... BE too" grep -q '"doc_id": "be", "encoding": "UTF-16BE", "encoding_method": "utf16-heuristic"' "$O/run.json"
check "006 ... and counted (compatriot in le, be and en)" \
  test "$(awk -F'\t' '$2 == "compatriot"' "$O/tf.tsv" | cut -f1 | sort | tr '\n' ' ')" = "be en le "
