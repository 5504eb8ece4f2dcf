# 057 an HTML page listed as a text document: its tags, script and style would be counted as words (html, body,
# font-family). An HTML page is read as HTML when its bytes say so (issue 14); forced to text (--format txt, or the
# manifest's format column) it is still read as text, with a warning on stderr and in docs.tsv `warnings`. A text with a stray '<' is not markup.
mk
{ printf '<!DOCTYPE html>\n<html><head><style>body { font-family: Arial; }</style><script>var x = 1;</script></head>\n<body>\n'
  if [ -f "$law" ]; then sed -n 68p "$law"; else printf 'кандас – этнический казах.\n'; fi
  printf '<p>Статья 1.</p><p>Статья 2.</p>\n</body></html>\n'; } > "$C/page.txt"
printf 'Статья 1. Если a < b, то кандас.\n' > "$C/lt.txt"
add page page.txt ru; add lt lt.txt ru
expect_exit 0 "057 an HTML page forced to text (--format txt)" run --format txt
check "057 ... warned on stderr" sh -c "grep -Eq \"^pipeline: warning: document 'page': markup: looks like HTML \\('<!DOCTYPE html' at byte 0, [0-9]+ tags in [0-9]+ bytes\\): its tags and scripts are counted as words; convert it to plain text\\\$\" '$TMP/err'"
check "057 ... docs.tsv warnings" sh -c "case \"\$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if (\$i == \"warnings\") s = i } \$1 == \"page\" { print \$s }' '$O/docs.tsv')\" in 'markup: looks like HTML'*) true ;; *) false ;; esac"
check "057 ... a '<' in plain text is no markup" test -z "$(col lt warnings)"
check "057 ... run.json counts the documents with warnings" grep -q '"skipped": 0, "with_warnings": 1, ' "$O/run.json"
check "057 ... and lists the warning under per_document" grep -q '"doc_id": "page", .*"warnings": "markup: looks like HTML' "$O/run.json"
check "057 ... but not an empty one" sh -c "! grep -q '\"doc_id\": \"lt\", .*\"warnings\"' '$O/run.json'"
