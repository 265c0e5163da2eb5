"""Write the hostile corpus (see tests/data/hostile/README.md) into a folder.

`GOOD` names the files that must be built; `BAD` maps each bad file to words its
one-line error must contain.
"""

from __future__ import annotations

import os
from pathlib import Path

GOOD_TEXT = "In South Ossetia's presidential election in 2011, Anatoly Bibilov won 25 percent of the vote.\n"

GOOD: dict[str, bytes] = {
    "bom-crlf.md": b"\xef\xbb\xbf---\r\nid: bom-crlf\r\npublished: April 11, 2022\r\n---\r\n"
    + GOOD_TEXT.replace("\n", "\r\n").encode(),
    "rtl.txt": ("قال المتحدث. " + GOOD_TEXT).encode(),
    "emoji 🗳.txt": ("🗳️ " + GOOD_TEXT).encode(),
    "quote'\"name.txt": GOOD_TEXT.encode(),
    "angle<b>.txt": GOOD_TEXT.encode(),
    "new\nline.txt": GOOD_TEXT.encode(),
    "Выборы.txt": GOOD_TEXT.encode(),
    "Бибилов.txt": GOOD_TEXT.encode(),
    "main-only.html": f"<html><body><nav>Menu</nav><main><p>{GOOD_TEXT}</p></main></body></html>".encode(),
    "lines.jsonl": f'{{"id": "line-good", "text": "{GOOD_TEXT.strip()}"}}\n'.encode(),
}
NOT_UTF8_NAME = b"caf\xe9.txt"  # a good document whose file name is not UTF-8

BAD: dict[str, list[str]] = {
    "latin1.txt": ["not valid UTF-8"],
    "binary.txt": ["not valid UTF-8"],
    "empty.txt": ["document is empty"],
    "oversized.txt": ["too large"],
    "yaml.md": ["not valid YAML"],
    "unclosed.md": ["not closed"],
    "feb30.md": ["impossible value"],
    "badurl.md": ["not an absolute IRI"],
    "dots.md": ["no usable characters"],
    "zz-dup-id.md": ["also the id of"],
    "lines.jsonl:2": ["nested too deeply"],
    "lines.jsonl:3": ["unpaired surrogate"],
    "lines.jsonl:4": ["not valid JSON"],
    "one-sentence.txt": ["budget"],
}


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    (folder / os.fsdecode(NOT_UTF8_NAME)).write_bytes(GOOD_TEXT.encode())
    (folder / "lines.jsonl").write_bytes(
        GOOD["lines.jsonl"]
        + b'{"text": "x", "id": '
        + b"[" * 200_000
        + b"]" * 200_000
        + b"}\n"
        + b'{"text": "Bibilov \\ud800 won."}\n'
        + b'{"text": broken\n'
    )
    (folder / "latin1.txt").write_bytes("Tbilisi café".encode("latin-1"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "oversized.txt").write_bytes(b"x" * 5_000_001)
    (folder / "yaml.md").write_bytes(b"---\ntitle: [broken\n---\nText.\n")
    (folder / "unclosed.md").write_bytes(b"---\ntitle: x\nText.\n")
    (folder / "feb30.md").write_bytes(b"---\npublished: 2011-02-30\n---\n" + GOOD_TEXT.encode())
    (folder / "badurl.md").write_bytes(b"---\nurl: http://x.org/a b%zz[\n---\n" + GOOD_TEXT.encode())
    (folder / "dots.md").write_bytes(b"---\nid: ..\n---\n" + GOOD_TEXT.encode())
    (folder / "zz-dup-id.md").write_bytes(b"---\nid: rtl\n---\n" + GOOD_TEXT.encode())
    sentence = "Anatoly Bibilov, who said that Eduard Kokoity backed Alla Dzhioyeva, won 25 percent "
    (folder / "one-sentence.txt").write_bytes((sentence * 20_000).encode() + b".\n")
    (folder / "loop.txt").symlink_to("loop.txt")
