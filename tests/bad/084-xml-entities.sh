# 084 an XML entity expansion attack ("billion laughs": 10^9 "lol"s from a 1 KB DTD) in a DOCX and an ODT: a DTD
# in a part is refused before any declaration is read; the cost is bounded (well under a second).
mk
python3 - "$C" <<'PY'
import sys, zipfile
c = sys.argv[1]
dtd = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' + "".join(
    '<!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10)) + "]>\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
with zipfile.ZipFile(c + "/lol.docx", "w") as z:
    z.writestr("word/document.xml", dtd + '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>' % W)
with zipfile.ZipFile(c + "/lol.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", dtd + "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'>&lol9;</office:document-content>")
PY
add lol lol.docx en; add lolo lol.odt en
printf 'Diaspora.\n' > "$C/ok.txt"; add ok ok.txt en
s0=$(date +%s)
expect_exit 3 "084 billion laughs is refused" run
check "084 ... within 5 seconds" test $(( $(date +%s) - s0 )) -le 5
check "084 ... DOCX: names the part and why" says "pipeline: warning: document 'lol' skipped: '$C/lol.docx': 'word/document.xml' has a DTD (<!DOCTYPE>): a DOCX part never has one, and entity declarations are refused (an XML entity expansion attack, \"billion laughs\"?)"
check "084 ... ODT too" has_status lolo "skipped: 'content.xml' has a DTD (<!DOCTYPE>): a ODT part never has one, and entity declarations are refused (an XML entity expansion attack, \"billion laughs\"?)"
check "084 ... the good document is counted" has_status ok ok
