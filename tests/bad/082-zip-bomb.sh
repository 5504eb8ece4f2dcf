# 082 a zip bomb: a DOCX whose document.xml inflates 20 MB from 19 KB is refused from the zip's directory, before
# anything is inflated (ratio limit 200 per entry, --max-zip-ratio); a zip with too many entries
# (--max-zip-entries) and too much declared content (--max-unzipped-bytes) likewise.
mk
python3 - "$C" <<'PY'
import sys, zipfile
c = sys.argv[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
with zipfile.ZipFile(c + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>' % W + " " * 20000000
               + "Diaspora.</w:t></w:r></w:p></w:body></w:document>")
with zipfile.ZipFile(c + "/many.docx", "w") as z:
    z.writestr("word/document.xml", '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>Diaspora.</w:t></w:r></w:p></w:body></w:document>' % W)
    for i in range(30):
        z.writestr("word/media/x%d.bin" % i, "x")
PY
add bomb bomb.docx en; add many many.docx en
expect_exit 3 "082 a zip bomb is refused" run --max-zip-entries 20
check "082 ... from the directory: names the entry, the sizes, the limit and the option" says "pipeline: warning: document 'bomb' skipped: '$C/bomb.docx': zip entry 'word/document.xml' inflates from $(python3 -c "import zipfile; i=zipfile.ZipFile('$C/bomb.docx').getinfo('word/document.xml'); print(i.compress_size, 'to', i.file_size)") bytes, more than 200 times (a zip bomb?); --max-zip-ratio raises the limit"
check "082 ... too many entries names --max-zip-entries" has_status many "skipped: zip archive with 31 entries, more than 20 (--max-zip-entries raises the limit)"
expect_exit 3 "082 --max-unzipped-bytes 1000 refuses the declared total" run --max-unzipped-bytes 1000 --max-zip-ratio 100000
check "082 ... names the limit and the option" status_like bomb "zip entries declare more than 1000 bytes uncompressed .*--max-unzipped-bytes raises the limit"
check "082 ... a small DOCX passes" has_status many ok
