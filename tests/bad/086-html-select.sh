# 086 --html-select: an XPath that selects nothing skips the page saying so; an XPath that does not compile is a
# usage error before anything is read (exit 2), in the option and in the manifest column; an unknown format too.
mk
printf '<html><body><nav>menu</nav><div class="text">Diaspora.</div></body></html>\n' > "$C/p.html"; add p p.html en
expect_exit 3 "086 --html-select that matches nothing" run --html-select "//div[@id='content']"
check "086 ... says what selected nothing and what to check" has_status p "skipped: --html-select '//div[@id='content']' selects nothing in this page (check the page's markup: an id or class the publisher changed?)"
expect_exit 0 "086 --html-select that matches" run --html-select "//div[@class='text']"
check "086 ... counts the selection" test "$(awk -F'\t' '$1=="p"' "$O/tf.tsv" | cut -f2)" = diaspora
expect_exit 2 "086 a bad XPath is a usage error" run --html-select "//div[@id="
check "086 ... named" says "pipeline run: error: --html-select: bad XPath expression '//div[@id=': Invalid expression"
printf 'doc_id\tpath\tlang\tformat\n' > "$C/manifest.tsv"; printf 'p\tp.html\ten\tdocument\n' >> "$C/manifest.tsv"
expect_exit 2 "086 an unknown format in the manifest" run
check "086 ... names the line and the known formats" sh -c "grep -q \"manifest.tsv':2.*unknown format 'document' (txt, html, docx, odt, pdf, md or empty to detect it from the bytes)\" '$TMP/err'"
# libxml2 compiles nested brackets by recursion without a bound of its own: 40 KB of '(' in html_select overflowed
# the stack (fuzz_manifest, tests/fuzz/corpus/manifest/html-select-nested-40k-parens); refused before libxml2 sees it
deep="//div$(printf '%.0s[' $(seq 70))1$(printf '%.0s]' $(seq 70))"
mk
printf '<html><body><div>Diaspora.</div></body></html>\n' > "$C/p.html"; add p p.html en
expect_exit 2 "086 an XPath nested 70 deep in --html-select" run --html-select "$deep"
check "086 ... says how deep it may nest" says "pipeline run: error: --html-select: XPath expression nested too deep (at most 64 levels of brackets and 4096 bytes): a selector of a page's text needs no more; simplify it"
printf 'doc_id\tpath\tlang\thtml_select\np\tp.html\ten\t%s\n' "$deep" > "$C/manifest.tsv"
expect_exit 2 "086 ... and in the manifest column" run
check "086 ... names the line" sh -c "grep -q \"manifest.tsv':2: html_select: XPath expression nested too deep\" '$TMP/err'"
