"""The text of a PDF as WeasyPrint writes it — enough to read a report back in a test without a PDF
library among the dependencies (and without poppler's pdftotext, which the machines may lack).

WeasyPrint embeds each font as a composite font (Identity-H: two-byte glyph codes) with a
ToUnicode map, and packs objects into object streams. This reads the objects (from the file and
from its object streams), the fonts' ToUnicode maps, and the pages' content streams, and decodes
every string shown (Tj, TJ) with the map of the font selected (Tf) at that point.
"""

from __future__ import annotations

import re
import zlib

OBJ = re.compile(rb"(\d+)\s+0\s+obj\b(.*?)endobj", re.S)
STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream", re.S)


def _inflate(head: bytes, data: bytes) -> bytes:
    if b"/FlateDecode" in head:
        return zlib.decompress(data)
    return data


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    for match in OBJ.finditer(pdf):
        number, body = int(match.group(1)), match.group(2)
        stream = STREAM.match(body)
        if stream:
            head, data = stream.group(1), _inflate(stream.group(1), stream.group(2))
            objects[number] = (head, data)
        else:
            objects[number] = (body, None)
    for _number, (head, data) in list(objects.items()):
        if data is None or b"/ObjStm" not in head:
            continue
        count = int(re.search(rb"/N\s+(\d+)", head).group(1))
        first = int(re.search(rb"/First\s+(\d+)", head).group(1))
        pairs = [int(x) for x in data[:first].split()]
        offsets = list(zip(pairs[0::2], pairs[1::2], strict=True))[:count]
        for i, (inner, offset) in enumerate(offsets):
            end = first + offsets[i + 1][1] if i + 1 < len(offsets) else len(data)
            objects[inner] = (data[first + offset : end], None)
    return objects


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int.from_bytes(bytes.fromhex(dst.decode()), "big")
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + i)
    return mapping


def text(pdf: bytes) -> str:
    objects = _objects(pdf)
    cmaps: dict[int, dict[int, str]] = {}
    for number, (head, _data) in objects.items():
        found = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", head)
        if found and b"/Font" in head:
            target = objects.get(int(found.group(1)))
            if target and target[1] is not None:
                cmaps[number] = _cmap(target[1])
    names: dict[bytes, int] = {}  # a page's resource name of each font (/DFCEGX 14 0 R)
    for head, _data in objects.values():
        for name, ref in re.findall(rb"/([\w.+-]+)\s+(\d+)\s+0\s+R", head):
            if int(ref) in cmaps:
                names[name] = int(ref)
    out: list[str] = []
    token = re.compile(rb"/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\b(Tm|T\*|Td|TD)\b")
    for head, data in objects.values():
        if data is None or b" Tf" not in data or b"/Subtype" in head or b"/ObjStm" in head:
            continue
        cmap: dict[int, str] = {}
        for match in token.finditer(data):
            if match.group(1):
                cmap = cmaps.get(names.get(match.group(1), -1), {})
            elif match.group(2) is not None:
                raw = bytes.fromhex(re.sub(rb"\s", b"", match.group(2)).decode())
                out.append("".join(cmap.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw), 2)))
            else:
                out.append("\n")
    return "".join(out)
