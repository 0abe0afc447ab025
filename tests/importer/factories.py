"""Builders for importer test input: .docx files made with python-docx, zip bombs, GBK text."""

import io
import random
import struct
import zipfile
import zlib

import docx
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image


def image_bytes(fmt="PNG", size=(40, 30), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def huge_png(width=30_000, height=30_000) -> bytes:
    """A valid black 1-bit PNG of ``width`` × ``height`` pixels (900 million by default, about 110 KB), written row
    by row: Pillow would need a byte per pixel to build it, and Image.open() refuses it as a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte "none", then the pixels
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def docx_with_image(data: bytes, name: str, *, text="全镇发放宣传品2600余份，覆盖率达95%以上。") -> bytes:
    """A .docx whose one picture is stored inside the package as word/media/<name> with exactly ``data``.

    python-docx only embeds images it can read, so a real PNG goes in first and its part is then swapped."""
    document = docx.Document()
    document.add_paragraph(text)
    document.add_picture(io.BytesIO(image_bytes("PNG")))
    part = next(p for p in document.part.package.iter_parts() if p.partname.startswith("/word/media/"))
    part.partname = PackURI(f"/word/media/{name}")
    part._blob = data
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def word_file(*paragraphs) -> bytes:
    """A .docx of ``paragraphs``, each a text (Normal style) or a (text, style name) pair."""
    document = docx.Document()
    for paragraph in paragraphs:
        text, style = (paragraph, None) if isinstance(paragraph, str) else paragraph
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_docx(
    *, title="白水镇计生协会经验交流材料", with_table=True, with_image=True, extra_images=0, paragraphs=None
) -> bytes:
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    document.add_heading("一、基本情况", level=1)
    for text in paragraphs or ["全镇已建立村级协会17个，发展会员3200余人，生育关怀基金达到12.5万元。"]:
        document.add_paragraph(text)
    document.add_heading("（一）组织网络", level=2)
    document.add_paragraph("二是抓载体。如：青溪村建成会员活动室1个，开展活动120余场次。")
    if with_table:
        table = document.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ["指标", "数量", "单位"], strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ["村级协会", "17", "个"], strict=True):
            cell.text = text
    if with_image:
        document.add_picture(io.BytesIO(image_bytes("PNG")))
    for number in range(extra_images):
        document.add_picture(io.BytesIO(image_bytes("PNG", color=(30, 30, 200 - number))))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def many_paragraphs_docx(count: int, *, heading_every=0) -> bytes:
    """A real .docx (python-docx's template) whose body is ``count`` short, varied paragraphs.

    With ``heading_every`` every n-th paragraph is styled Heading 2, so style lookups are exercised too."""
    rng = random.Random(count)
    words = "会员活动宣传服务协会村镇县计生关怀基金发放人次份元个"
    paragraphs = []
    for number in range(count):
        heading = heading_every and number % heading_every == heading_every - 1
        style = '<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>' if heading else ""
        text = "".join(rng.choice(words) for _ in range(8)) + f"{rng.randint(1, 99999)}次。"
        paragraphs.append(f"<w:p>{style}<w:r><w:t>{text}</w:t></w:r></w:p>")
    document = docx.Document()
    parsed = parse_xml(f"<w:body {nsdecls('w')}>{''.join(paragraphs)}</w:body>")
    section = document.element.body.sectPr  # the template's body ends with it; paragraphs go before
    for paragraph in list(parsed):
        section.addprevious(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx(unpacked_mb=300) -> bytes:
    """A .docx-shaped archive whose document.xml inflates from a few hundred KB to ``unpacked_mb`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()
