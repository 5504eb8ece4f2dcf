#!/usr/bin/env python3
"""mkformats.py - writes the same text as HTML, DOCX, ODT and Markdown for the format tests (tests/cli/t170-formats.sh).

    mkformats.py TEXT.txt OUTSTEM [LANG]

writes OUTSTEM.html (the text in <div id="content">, with a <script>, a navigation bar and a footer around it that
hold the word "diaspora", so that only --html-select keeps the count equal), OUTSTEM.print.html (the text alone, for
Chromium to print to PDF), OUTSTEM.docx (every line cut into runs of 5 characters, so that run boundaries fall
inside words, plus a tracked deletion and a field code that hold "diaspora"), OUTSTEM.odt (spans of 5 characters,
a tracked-changes region holding "diaspora") and OUTSTEM.md (a YAML front matter whose title holds "diaspora",
a heading and an HTML anchor). Paragraphs are the text's blank-line-separated blocks; the lines inside a block
are line breaks (<br>, w:br, text:line-break), so every format has the text's words in the text's order.
Uses only the Python standard library (zipfile, html, xml.sax.saxutils)."""
import html
import sys
import zipfile
from xml.sax.saxutils import escape

NOISE = "diaspora diaspora диаспора диаспорасы"


def paragraphs(text):
    blocks, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def write_html(blocks, path, lang, noise):
    body = "\n".join("<p>" + "<br>\n".join(html.escape(l) for l in b) + "</p>" for b in blocks)
    head = f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>doc</title>'
    if noise:
        page = (head + f'<script>var words = "{NOISE}";</script><style>p {{ margin: 0 0 1em }}</style></head>\n'
                f'<body><nav><a href="/">{NOISE}</a> | <a href="/laws">laws</a></nav>\n'
                f'<div id="content">\n{body}\n</div>\n<footer>{NOISE} &copy; 2024</footer></body></html>\n')
    else:
        page = head + f"</head>\n<body>\n{body}\n</body></html>\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


def runs(line, w_ns=True):
    """The line cut every 5 characters: run boundaries inside words."""
    return [line[i:i + 5] for i in range(0, len(line), 5)]


def write_docx(blocks, path):
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    ps = []
    for b in blocks:
        parts = []
        for k, line in enumerate(b):
            if k:
                parts.append("<w:r><w:br/></w:r>")
            for r in runs(line):
                parts.append(f'<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">{escape(r)}</w:t></w:r>')
        parts.append(f'<w:del w:id="1" w:author="x"><w:r><w:delText xml:space="preserve"> {NOISE}</w:delText></w:r></w:del>')
        parts.append(f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "{NOISE}" </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        ps.append("<w:p>" + "".join(parts) + "</w:p>")
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
           + "\n".join(ps) + "<w:sectPr/></w:body></w:document>")
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)


def write_odt(blocks, path):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')
    ps = []
    for b in blocks:
        parts = []
        for k, line in enumerate(b):
            if k:
                parts.append("<text:line-break/>")
            parts.extend(f"<text:span>{escape(r)}</text:span>" for r in runs(line))
        ps.append("<text:p>" + "".join(parts) + "</text:p>")
    tracked = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info>'
               f'<dc:creator>x</dc:creator></office:change-info><text:p>{NOISE}</text:p></text:deletion>'
               '</text:changed-region></text:tracked-changes>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns}><office:body><office:text>'
               + tracked + "\n".join(ps) + "</office:text></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)


def write_md(blocks, path, lang):
    code = {"ru": "rus", "kk": "kaz", "en": "eng", "uz": "uzb"}[lang]
    out = [f"---\ntitle: {NOISE}\nlanguage: {code}\napproval_date: 2011-07-22\nversion_date: 2021-06-29\n"
           "caused_by:\n  title: nested, not read\n---\n", f'<a id="top"></a>\n']
    for b in blocks:
        out.append("\n".join(b).replace("*", "\\*").replace("#", "\\#") + "\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main():
    src, stem = sys.argv[1], sys.argv[2]
    lang = sys.argv[3] if len(sys.argv) > 3 else "en"
    with open(src, encoding="utf-8") as f:
        blocks = paragraphs(f.read())
    write_html(blocks, stem + ".html", lang, True)
    write_html(blocks, stem + ".print.html", lang, False)
    write_docx(blocks, stem + ".docx")
    write_odt(blocks, stem + ".odt")
    write_md(blocks, stem + ".md", lang)


if __name__ == "__main__":
    main()
