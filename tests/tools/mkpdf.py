#!/usr/bin/env python3
"""mkpdf.py - writes small PDF files for the bad-input cases (tests/bad/08x-*.sh), with a correct xref table.

    mkpdf.py notext PAGES OUT     PAGES pages that only draw a filled rectangle: no text layer (a scan has images
                                  instead; the reader sees the same thing: pages without text)
    mkpdf.py encrypted OUT        one page, encrypted with the standard security handler and a user password
                                  (revision 2, RC4 40-bit): a reader without the password cannot open it
Only the Python standard library."""
import sys


def pdf(objects, trailer_extra=""):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objects, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pages(n, content):
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for i in range(n):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    return objs


def main():
    kind = sys.argv[1]
    if kind == "notext":
        n, path = int(sys.argv[2]), sys.argv[3]
        data = pdf(pages(n, b"0.5 g 72 72 451 698 re f"))
    elif kind == "encrypted":
        path = sys.argv[2]
        objs = pages(1, b"BT /F1 12 Tf 72 720 Td (secret) Tj ET")
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>")
        data = pdf(objs, f"/Encrypt {len(objs)} 0 R /ID [<{'33' * 16}> <{'33' * 16}>] ")
    else:
        sys.exit("mkpdf.py notext PAGES OUT | encrypted OUT")
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
