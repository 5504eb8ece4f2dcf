# 083 deeply nested HTML (100,000 <div>s, and 300): refused at the nesting limit (256, --max-depth) instead of
# silently dropping the rest of the page (what libxml2 does when it recovers); --max-depth 1000 reads the 300.
mk
python3 -c "
import sys
open(sys.argv[1] + '/deep.html', 'w').write('<html><body>' + '<div>' * 100000 + 'Diaspora.' + '</div>' * 100000 + '</body></html>')
open(sys.argv[1] + '/d300.html', 'w').write('<html><body>' + '<div>' * 300 + 'Diaspora.' + '</div>' * 300 + '</body></html>')
" "$C"
add deep deep.html en; add d300 d300.html en
expect_exit 3 "083 deeply nested HTML is refused" run
check "083 ... names the limit and the option" says "pipeline: warning: document 'deep' skipped: '$C/deep.html': HTML elements nested deeper than 256 (--max-depth raises the limit)"
check "083 ... 300 levels too" has_status d300 "skipped: HTML elements nested deeper than 256 (--max-depth raises the limit)"
expect_exit 3 "083 --max-depth 1000" run --max-depth 1000
check "083 ... reads the 300 levels" has_status d300 ok
check "083 ... and its text" test "$(awk -F'\t' '$1=="d300"' "$O/tf.tsv" | cut -f2)" = diaspora
