# 008 a truncated gzip file: skipped, the message says how far it got.
mk
yes 'Соотечественники за рубежом.' | head -n 2000 | gzip -c > "$C/full.gz"
head -c 100 "$C/full.gz" > "$C/t.gz"; add t t.gz ru
head -c 5 "$C/full.gz" > "$C/h.gz"; add h h.gz ru
cp "$C/full.gz" "$C/ok.gz"; add ok ok.gz ru
expect_exit 3 "008 a truncated gzip file is skipped" run
check "008 ... with the offset and sizes" sh -c "status=\$(awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)if(\$i==\"status\")s=i} \$1==\"t\"{print \$s}' '$O/docs.tsv'); echo \"\$status\" | grep -Eq '^skipped: byte [0-9]+: truncated gzip stream: the file ends after 100 bytes, [0-9]+ bytes inflated\$'"
check "008 ... a gzip header cut short" sh -c "awk -F'\t' '\$1==\"h\"' '$O/docs.tsv' | grep -q 'skipped: .*gzip'"
check "008 ... the whole file is fine" has_status ok ok
check "008 ... and counted (2000 hits)" test "$(awk -F'\t' '$1 == "ok" && $2 == "compatriot" { print $3 }' "$O/tf.tsv")" = 2000
