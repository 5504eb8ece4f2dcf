# 080 broken containers: a DOCX cut in half (no central directory), a zip that is neither DOCX nor ODT, and an
# ODT whose content.xml is not well-formed: each skipped with what is wrong, the good document still counted.
mk
python3 - "$C" <<'PY'
import sys, zipfile, io
c = sys.argv[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>'
               % (W, "Diaspora. " * 400))
open(c + "/cut.docx", "wb").write(b.getvalue()[: len(b.getvalue()) // 2])
with zipfile.ZipFile(c + "/other.zip", "w") as z:
    z.writestr("a.txt", "diaspora")
with zipfile.ZipFile(c + "/bad.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'><office:body>")
PY
add cut cut.docx en; add other other.zip en; add badodt bad.odt en
printf 'Diaspora.\n' > "$C/ok.txt"; add ok ok.txt en
expect_exit 3 "080 broken containers are skipped" run
check "080 ... a DOCX cut in half" says "pipeline: warning: document 'cut' skipped: '$C/cut.docx': broken zip archive (cannot open it as a DOCX or ODT): Not a zip archive"
check "080 ... a zip that is neither DOCX nor ODT" has_status other "skipped: a zip archive that is neither a DOCX (word/document.xml) nor an ODT text (mimetype application/vnd.oasis.opendocument.text)"
status_like() { status "$1" | grep -q -- "$2" || { echo "# status of $1: '$(status "$1")'"; return 1; }; }
check "080 ... an ODT whose content.xml is not well-formed names the part and the line" status_like badodt "^skipped: 'content.xml' is not well-formed XML (line 1): "
check "080 ... the good document is counted" has_status ok ok
