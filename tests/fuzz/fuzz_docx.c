/* fuzz_docx.c - libFuzzer target for the zip containers and their XML (read_zip.c, read_xml.c). The
 * first byte chooses: 0 the rest is a whole file (a zip, sniffed as DOCX or ODT); 1 the rest is
 * word/document.xml, put into a DOCX built here; 2 the rest is content.xml of an ODT built here (so
 * that the fuzzer reaches the XML walk without having to learn zip first). Checks read_check.h's
 * invariants. `make check` replays tests/fuzz/corpus/docx/. */
#include <zlib.h>

#include "read_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
le16(tt_buf *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    tt_buf_append(b, c, 2);
}

static void
le32(tt_buf *b, unsigned long v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    tt_buf_append(b, c, 4);
}

/* A zip of stored (uncompressed) entries. */
static void
zip_stored(tt_buf *z, const char *const *names, const unsigned char *const *data, const size_t *len,
           int n)
{
    unsigned long off[4], crc[4];
    for (int i = 0; i < n; i++) {
        off[i] = (unsigned long)z->len;
        crc[i] = crc32(0, data[i], (uInt)len[i]);
        le32(z, 0x04034b50), le16(z, 10), le16(z, 0), le16(z, 0), le16(z, 0), le16(z, 0);
        le32(z, crc[i]), le32(z, (unsigned long)len[i]), le32(z, (unsigned long)len[i]);
        le16(z, (unsigned)strlen(names[i])), le16(z, 0);
        tt_buf_puts(z, names[i]);
        tt_buf_append(z, data[i], len[i]);
    }
    unsigned long cd = (unsigned long)z->len;
    for (int i = 0; i < n; i++) {
        le32(z, 0x02014b50), le16(z, 20), le16(z, 10), le16(z, 0), le16(z, 0), le16(z, 0),
            le16(z, 0);
        le32(z, crc[i]), le32(z, (unsigned long)len[i]), le32(z, (unsigned long)len[i]);
        le16(z, (unsigned)strlen(names[i])), le16(z, 0), le16(z, 0), le16(z, 0), le16(z, 0),
            le32(z, 0), le32(z, off[i]);
        tt_buf_puts(z, names[i]);
    }
    unsigned long cdl = (unsigned long)z->len - cd;
    le32(z, 0x06054b50), le16(z, 0), le16(z, 0), le16(z, (unsigned)n), le16(z, (unsigned)n);
    le32(z, cdl), le32(z, cd), le16(z, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0] % 3;
    const unsigned char *p = data + 1;
    size_t n = size - 1;
    if (mode == 0) {
        read_and_check(TT_FMT_ZIP, p, n, NULL);
        return 0;
    }
    static const char mime[] = "application/vnd.oasis.opendocument.text";
    tt_buf z = {0};
    if (mode == 1) {
        const char *names[1] = {"word/document.xml"};
        const unsigned char *d[1] = {p};
        size_t l[1] = {n};
        zip_stored(&z, names, d, l, 1);
    } else {
        const char *names[2] = {"mimetype", "content.xml"};
        const unsigned char *d[2] = {(const unsigned char *)mime, p};
        size_t l[2] = {sizeof mime - 1, n};
        zip_stored(&z, names, d, l, 2);
    }
    read_and_check(TT_FMT_ZIP, z.data, z.len, NULL);
    tt_buf_free(&z);
    return 0;
}
