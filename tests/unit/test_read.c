/* test_read.c - the document readers (tt/read.h): sniffing by the bytes, the exact text each reader yields from
 * small HTML, DOCX, ODT, PDF and Markdown documents built here (runs split inside words, tracked deletions,
 * footnotes, running headers and page numbers, front matter), the limits and refusals, and the decoder hook. */
#include "support.h"
#include "tt/decode.h"
#include "tt/read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---- builders ------------------------------------------------------------------------------------------- */
static void
le(tt_buf *b, unsigned long v, int n)
{
    for (int i = 0; i < n; i++)
        tt_buf_putc(b, (char)(v >> (8 * i)));
}

/* A zip of stored entries (names[i], data[i]); deflated = 1 declares them deflated with a false ratio. */
static void
zip_stored(tt_buf *z, const char *const *names, const char *const *data, int n)
{
    unsigned long off[8], crc[8], len[8];
    for (int i = 0; i < n; i++) {
        off[i] = (unsigned long)z->len;
        len[i] = (unsigned long)strlen(data[i]);
        crc[i] = crc32(0, (const Bytef *)data[i], (uInt)len[i]);
        le(z, 0x04034b50, 4), le(z, 10, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 4);
        le(z, crc[i], 4), le(z, len[i], 4), le(z, len[i], 4), le(z, strlen(names[i]), 2), le(z, 0, 2);
        tt_buf_puts(z, names[i]);
        tt_buf_puts(z, data[i]);
    }
    unsigned long cd = (unsigned long)z->len;
    for (int i = 0; i < n; i++) {
        le(z, 0x02014b50, 4), le(z, 20, 2), le(z, 10, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 4);
        le(z, crc[i], 4), le(z, len[i], 4), le(z, len[i], 4), le(z, strlen(names[i]), 2);
        le(z, 0, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 4), le(z, off[i], 4);
        tt_buf_puts(z, names[i]);
    }
    unsigned long cdl = (unsigned long)z->len - cd;
    le(z, 0x06054b50, 4), le(z, 0, 4), le(z, (unsigned long)n, 2), le(z, (unsigned long)n, 2);
    le(z, cdl, 4), le(z, cd, 4), le(z, 0, 2);
}

/* A PDF whose page i shows lines[i][0..] (Helvetica, one line each, top to bottom). */
static void
pdf_pages(tt_buf *b, const char *const lines[][4], int np)
{
    size_t off[64];
    int no = 0;
    tt_buf_puts(b, "%PDF-1.4\n");
    off[no++] = b->len;
    tt_buf_puts(b, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    off[no++] = b->len;
    tt_buf_puts(b, "2 0 obj << /Type /Pages /Kids [");
    for (int i = 0; i < np; i++)
        tt_buf_printf(b, " %d 0 R", 4 + 2 * i);
    tt_buf_printf(b, " ] /Count %d >> endobj\n", np);
    off[no++] = b->len;
    tt_buf_puts(b, "3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
    for (int i = 0; i < np; i++) {
        tt_buf c = {0};
        for (int k = 0; k < 4 && lines[i][k]; k++)
            tt_buf_printf(&c, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 760 - 40 * k - (k == 3 ? 600 : 0),
                          lines[i][k]);
        off[no++] = b->len;
        tt_buf_printf(b,
                      "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
                      "/F1 3 0 R >> >> /Contents %d 0 R >> endobj\n",
                      4 + 2 * i, 5 + 2 * i);
        off[no++] = b->len;
        tt_buf_printf(b, "%d 0 obj << /Length %zu >> stream\n%sendstream endobj\n", 5 + 2 * i, c.len, c.data);
        tt_buf_free(&c);
    }
    size_t x = b->len;
    tt_buf_printf(b, "xref\n0 %d\n0000000000 65535 f \n", no + 1);
    for (int i = 0; i < no; i++)
        tt_buf_printf(b, "%010zu 00000 n \n", off[i]);
    tt_buf_printf(b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", no + 1, x);
}

static int
rd(tt_format f, const char *p, size_t n, const tt_read_opts *o, tt_read_doc *doc, tt_error *e)
{
    memset(doc, 0, sizeof *doc);
    tt_error_clear(e);
    return tt_read_mem(f, p, n, "t", o, doc, e);
}

/* ---- tests ---------------------------------------------------------------------------------------------- */
static void
test_sniff(void)
{
#define SNIFF(s) tt_format_sniff((const unsigned char *)(s), sizeof(s) - 1)
    CU_ASSERT_EQUAL(SNIFF("%PDF-1.7\n"), TT_FMT_PDF);
    CU_ASSERT_EQUAL(SNIFF("\r\n%PDF-1.4"), TT_FMT_PDF); /* junk before the header, as readers accept */
    CU_ASSERT_EQUAL(SNIFF("PK\3\4\24\0"), TT_FMT_ZIP);
    CU_ASSERT_EQUAL(SNIFF("---\ntitle: x\n---\n"), TT_FMT_MD);
    CU_ASSERT_EQUAL(SNIFF("\xEF\xBB\xBF---\r\ntitle: x\r\n"), TT_FMT_MD);
    CU_ASSERT_EQUAL(SNIFF("  \n<!DOCTYPE html><html>"), TT_FMT_HTML);
    CU_ASSERT_EQUAL(SNIFF("<HTML>\n"), TT_FMT_HTML);
    CU_ASSERT_EQUAL(SNIFF("<p>Статья 1.</p>"), TT_FMT_HTML);
    CU_ASSERT_EQUAL(SNIFF("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>"), TT_FMT_HTML);
    CU_ASSERT_EQUAL(SNIFF("<?xml version='1.0'?><root/>"), TT_FMT_TXT);
    CU_ASSERT_EQUAL(SNIFF("<poem> is not a tag we know"), TT_FMT_TXT);
    CU_ASSERT_EQUAL(SNIFF("--- not front matter\n"), TT_FMT_TXT);
    CU_ASSERT_EQUAL(SNIFF("Статья 1. Закон"), TT_FMT_TXT);
#undef SNIFF
    CU_ASSERT_EQUAL(tt_format_parse("DOCX", 4), TT_FMT_DOCX);
    CU_ASSERT_EQUAL(tt_format_parse("", 0), TT_FMT_AUTO);
    CU_ASSERT_EQUAL(tt_format_parse("zip", 3), -1);
    CU_ASSERT_STRING_EQUAL(tt_format_name(TT_FMT_MD), "md");
}

static void
test_html(void)
{
    static const char page[] =
        "<!DOCTYPE html><html><head><title>T</title><script>var d = 'диаспора';</script>"
        "<style>p { }</style></head><body><nav>Меню</nav>\n"
        "<div id='content'><h1>О&nbsp;миграции</h1><p>Статья 1.   Настоящий <b>обще</b>ственные\n"
        "  отношения &amp; &#1179;азақ.</p><!-- диаспора --><template>диаспора</template>"
        "<ul><li>один</li><li>два</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
        "<pre>x  y\nz</pre></div><footer>©</footer></body></html>";
    tt_read_doc d;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(rd(TT_FMT_HTML, page, sizeof page - 1, NULL, &d, &e), 0);
    CU_ASSERT_STRING_EQUAL(d.text.data, "Меню\n\nО\xC2\xA0миграции\n\nСтатья 1. Настоящий общественные "
                                        "отношения & қазақ.\n\nодин\nдва\n\na\tb\n\nx  y\nz\n\n©");
    tt_read_doc_free(&d);
    tt_read_opts o = {.html_select = "//div[@id='content']//li"};
    CU_ASSERT_EQUAL(rd(TT_FMT_HTML, page, sizeof page - 1, &o, &d, &e), 0);
    CU_ASSERT_STRING_EQUAL(d.text.data, "один\n\nдва");
    tt_read_doc_free(&d);
    o.html_select = "//div[@id='nothing']";
    CU_ASSERT_EQUAL(rd(TT_FMT_HTML, page, sizeof page - 1, &o, &d, &e), TT_EEMPTY);
    CU_ASSERT(strstr(e.msg, "selects nothing") != NULL);
    tt_read_doc_free(&d);
    CU_ASSERT_EQUAL(tt_read_xpath_ok("//div[", &e), 0);
    CU_ASSERT_EQUAL(e.code, TT_EUSAGE);
    CU_ASSERT_EQUAL(tt_read_xpath_ok("//div[@id='x']", &e), 1);
}

static const char W[] = "xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'";

static void
test_docx(void)
{
    char doc[1024], notes[512];
    snprintf(doc, sizeof doc,
             "<?xml version='1.0'?><w:document %s><w:body><w:p><w:r><w:t>Қанд</w:t></w:r><w:r><w:rPr><w:b/>"
             "</w:rPr><w:t>астар</w:t></w:r><w:del><w:r><w:delText> оралман</w:delText></w:r></w:del>"
             "<w:r><w:t xml:space='preserve'> мен</w:t><w:tab/><w:t>диаспора</w:t></w:r></w:p>"
             "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t>"
             "</w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:instrText>HYPERLINK x</w:instrText>"
             "<w:t>соңы</w:t></w:r></w:p></w:body></w:document>",
             W);
    snprintf(notes, sizeof notes,
             "<w:footnotes %s><w:footnote w:type='separator'><w:p><w:r><w:separator/></w:r></w:p>"
             "</w:footnote><w:footnote><w:p><w:r><w:t>Сноска.</w:t></w:r></w:p></w:footnote></w:footnotes>",
             W);
    const char *names[3] = {"[Content_Types].xml", "word/document.xml", "word/footnotes.xml"};
    const char *data[3] = {"<Types/>", doc, notes};
    tt_buf z = {0};
    zip_stored(&z, names, data, 3);
    tt_read_doc d;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(rd(TT_FMT_ZIP, z.data, z.len, NULL, &d, &e), 0);
    CU_ASSERT_EQUAL(d.format, TT_FMT_DOCX);
    CU_ASSERT_STRING_EQUAL(d.text.data, "Қандастар мен\tдиаспора\n\na\tb\n\nсоңы\n\nСноска.");
    tt_read_doc_free(&d);
    /* limits: entries, and a DTD is refused */
    tt_read_opts o = {.lim.max_zip_entries = 2};
    CU_ASSERT_EQUAL(rd(TT_FMT_ZIP, z.data, z.len, &o, &d, &e), TT_ELIMIT);
    CU_ASSERT(strstr(e.msg, "--max-zip-entries") != NULL);
    tt_read_doc_free(&d);
    tt_buf_reset(&z);
    const char *dtd[2] = {"word/document.xml",
                          "<?xml version='1.0'?>\n<!-- c --><!DOCTYPE a [<!ENTITY x 'xx'>]><a>&x;</a>"};
    zip_stored(&z, dtd, dtd + 1, 1);
    CU_ASSERT_EQUAL(rd(TT_FMT_ZIP, z.data, z.len, NULL, &d, &e), TT_EFORMAT);
    CU_ASSERT(strstr(e.msg, "has a DTD") != NULL);
    tt_read_doc_free(&d);
    CU_ASSERT_EQUAL(rd(TT_FMT_DOCX, "PK\3\4garbage", 11, NULL, &d, &e), TT_EFORMAT);
    CU_ASSERT(strstr(e.msg, "broken zip archive") != NULL);
    tt_read_doc_free(&d);
    tt_buf_free(&z);
}

static void
test_odt(void)
{
    const char *content =
        "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' "
        "xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'><office:body><office:text>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>оралман</text:p></text:deletion>"
        "</text:changed-region></text:tracked-changes>"
        "<text:h>1-бап</text:h><text:p><text:span>Отан</text:span><text:span>дастар</text:span><text:s text:c='3'/>"
        "қоры<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Ескерту.</text:p>"
        "</text:note-body></text:note> туралы.</text:p></office:text></office:body></office:document-content>";
    const char *names[2] = {"mimetype", "content.xml"};
    const char *data[2] = {"application/vnd.oasis.opendocument.text", content};
    tt_buf z = {0};
    zip_stored(&z, names, data, 2);
    tt_read_doc d;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(rd(TT_FMT_ZIP, z.data, z.len, NULL, &d, &e), 0);
    CU_ASSERT_EQUAL(d.format, TT_FMT_ODT);
    CU_ASSERT_STRING_EQUAL(d.text.data, "1-бап\n\nОтандастар   қоры туралы.\n\nЕскерту.");
    tt_read_doc_free(&d);
    tt_buf_free(&z);
}

static void
test_pdf(void)
{
    /* 4 pages: a running header and a page number on each; the body differs */
    const char *const pages[4][4] = {
        {"Official Gazette No 12", "Article 1. Diaspora", "first page text", "- 1 -"},
        {"Official Gazette No 12", "Article 2. Compatriots", "second page text", "- 2 -"},
        {"Official Gazette No 12", "Article 3. Migration", "third page text", "- 3 -"},
        {"Official Gazette No 12", "Article 4. Repatriation", "fourth page text", "- 4 -"}};
    tt_buf b = {0};
    pdf_pages(&b, pages, 4);
    tt_read_doc d;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(rd(TT_FMT_PDF, b.data, b.len, NULL, &d, &e), 0);
    CU_ASSERT_EQUAL(d.page_count, 4);
    size_t ff = 0;
    for (size_t i = 0; i < d.text.len; i++)
        ff += d.text.data[i] == '\f';
    CU_ASSERT_EQUAL(ff, 3);
    CU_ASSERT(strstr(d.text.data, "Article 3. Migration") != NULL);
    /* the header and the page number of every page are note spans; the article lines are not */
    CU_ASSERT_EQUAL(d.nnotes, 8);
    int hdr = 0, num = 0, art = 0;
    for (size_t i = 0; i < d.nnotes; i++) {
        const char *s = d.text.data + d.notes[i].start;
        size_t n = (size_t)(d.notes[i].end - d.notes[i].start);
        hdr += n == 22 && memcmp(s, "Official Gazette No 12", 22) == 0;
        num += n <= 5 && s[0] == '-'; /* poppler gives "-1-" for "- 1 -" */
        art += memcmp(s, "Article", 7) == 0;
    }
    CU_ASSERT_EQUAL(hdr, 4);
    CU_ASSERT_EQUAL(num, 4);
    CU_ASSERT_EQUAL(art, 0);
    const char *g = strstr(d.text.data, "Gazette"), *m = strstr(d.text.data, "Migration");
    CU_ASSERT(tt_read_in_note(&d, (uint64_t)(g - d.text.data), (uint64_t)(g - d.text.data) + 7));
    CU_ASSERT(!tt_read_in_note(&d, (uint64_t)(m - d.text.data), (uint64_t)(m - d.text.data) + 9));
    CU_ASSERT(!tt_read_in_note(NULL, 0, 1));
    tt_read_doc_free(&d);
    /* pages without text */
    const char *const blank[2][4] = {{NULL}, {NULL}};
    tt_buf_reset(&b);
    pdf_pages(&b, blank, 2);
    CU_ASSERT_EQUAL(rd(TT_FMT_PDF, b.data, b.len, NULL, &d, &e), TT_EEMPTY);
    CU_ASSERT(strstr(e.msg, "PDF without a text layer: none of its 2 pages") != NULL);
    tt_read_doc_free(&d);
    tt_buf_free(&b);
}

static void
test_md(void)
{
    static const char md[] = "---\ntitle: О миграции населения\nlanguage: rus\napproval_date: 2011-07-22\n"
                             "caused_by:\n  title: nested\ntype_codes:\n- ЗАК\n---\n\n# О миграции\n\n"
                             "<a id=\"st1\"></a>\n\n### Статья 1. Понятия\n\n1) бывший *соотечественник*;\n\n"
                             "2) [оралман](http://x) - лицо\n\n> *Сноска. Статья 6.*\n\n- пункт o`zbek`\n";
    tt_read_doc d;
    tt_error e;
    CU_ASSERT_EQUAL_FATAL(rd(TT_FMT_MD, md, sizeof md - 1, NULL, &d, &e), 0);
    CU_ASSERT_STRING_EQUAL(d.text.data, "О миграции\n\nСтатья 1. Понятия\n\n1) бывший соотечественник;\n\n"
                                        "2) оралман - лицо\n\nСноска. Статья 6.\n\nпункт o`zbek`");
    CU_ASSERT_STRING_EQUAL(tt_read_meta(&d, "title"), "О миграции населения");
    CU_ASSERT_STRING_EQUAL(tt_read_meta(&d, "lang"), "ru");
    CU_ASSERT_STRING_EQUAL(tt_read_meta(&d, "date"), "2011-07-22");
    CU_ASSERT_PTR_NULL(tt_read_meta(&d, "version_date"));
    tt_read_doc_free(&d);
    CU_ASSERT_EQUAL(rd(TT_FMT_MD, "---\ntitle: x\n", 13, NULL, &d, &e), TT_EFORMAT);
    CU_ASSERT(strstr(e.msg, "never closed") != NULL);
    tt_read_doc_free(&d);
    CU_ASSERT_EQUAL(rd(TT_FMT_MD, "---\ntitle: [x\n---\n", 18, NULL, &d, &e), TT_EFORMAT);
    CU_ASSERT(strstr(e.msg, "not valid YAML") != NULL);
    tt_read_doc_free(&d);
}

static void
test_decoder_hook(void)
{
    static const char page[] = "<html><body><script>x</script><p>Диаспора</p></body></html>";
    tt_decoder *dec;
    tt_error e;
    tt_buf out = {0};
    CU_ASSERT_EQUAL_FATAL(tt_decoder_open_mem(&dec, page, sizeof page - 1, "p", NULL, &e), 0);
    while (tt_decoder_read(dec, &out, &e) > 0)
        ;
    CU_ASSERT_STRING_EQUAL(out.data, "Диаспора");
    CU_ASSERT_STRING_EQUAL(tt_decoder_info(dec)->format, "html");
    CU_ASSERT_EQUAL(tt_decoder_info(dec)->raw_bytes, sizeof page - 1); /* the file's, not the text's */
    CU_ASSERT_PTR_NOT_NULL(tt_decoder_doc(dec));
    tt_decoder_free(dec);
    /* --format txt reads the markup as text */
    tt_decode_opts o = {.format = TT_FMT_TXT};
    tt_buf_reset(&out);
    CU_ASSERT_EQUAL_FATAL(tt_decoder_open_mem(&dec, page, sizeof page - 1, "p", &o, &e), 0);
    while (tt_decoder_read(dec, &out, &e) > 0)
        ;
    CU_ASSERT_STRING_EQUAL(out.data, page);
    CU_ASSERT_STRING_EQUAL(tt_decoder_info(dec)->format, "txt");
    CU_ASSERT_PTR_NULL(tt_decoder_doc(dec));
    tt_decoder_free(dec);
    /* the whole-file limit */
    o.format = TT_FMT_AUTO;
    o.read.max_input = 10;
    CU_ASSERT_EQUAL(tt_decoder_open_mem(&dec, page, sizeof page - 1, "p", &o, &e), TT_ELIMIT);
    CU_ASSERT(strstr(e.msg, "--max-input-bytes") != NULL);
    tt_buf_free(&out);
}

static void
reg(void)
{
    tt_test_suite("read", "formats are sniffed from the bytes, never the name", test_sniff,
                  "HTML: script, style, comments, template are not text; blocks end lines; XPath selects",
                  test_html, "DOCX: runs join inside words, deletions and field codes dropped, footnotes last",
                  test_docx, "ODT: spans join, tracked changes dropped, footnotes moved after the body",
                  test_odt, "PDF: pages by form feeds, running headers and page numbers as note spans",
                  test_pdf, "Markdown: front matter to manifest columns, markup not text, list labels kept",
                  test_md, "the decoder serves a reader's text; --format txt; the whole-file limit",
                  test_decoder_hook, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
