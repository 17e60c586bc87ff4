"""Turn a file's bytes into text, or say clearly why it cannot be read as an article."""

from __future__ import annotations

import codecs
import re

import ftfy

MAX_BYTES = 20 * 1024 * 1024  # far beyond any news article; larger files are refused


class ReadError(Exception):
    """An article file that cannot be read; ``reason`` is shown to the user beside the path."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_article_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with a BOM, or Windows-1252.

    Windows-1252 is the fallback because it is what older newsroom tools write, and it maps
    the smart quotes (0x93, 0x94) that attribution depends on.
    """
    if not data.strip():
        raise ReadError("empty file")
    if len(data) > MAX_BYTES:
        size, limit = len(data) // 2**20, MAX_BYTES // 2**20
        raise ReadError(f"file too large ({size} MB; limit {limit} MB)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {encoding} text: {exc.reason}") from None
            return _check_text(text)
    if b"\x00" in data[:4096]:
        raise ReadError("binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError("unknown text encoding (neither UTF-8 nor Windows-1252)") from None
    return _check_text(text)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0d-\x1f]")  # below 32, but not \t \n \f


def _check_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROLS.findall(text, 0, 4096))
    if controls > 8:
        raise ReadError("binary file (control characters), not an article")
    if not text.strip():
        raise ReadError("empty file")
    return text


# Signs of UTF-8 read as Windows-1252 or Latin-1 upstream ("FranÃ§ois", "itâ€™s"): only then
# is the text handed to ftfy, whose check is far slower than this search.
_MOJIBAKE_HINT = re.compile("[ÃÂâ][\u0080-\u00bf\u0152-\u203a€]")


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo mis-decoding done before the file reached us ("FranÃ§ois" → "François"), so
    names and words are searchable. Only ftfy's encoding repair runs: quotation marks,
    dashes and everything else stay as written. Returns the text and whether it changed."""
    if not _MOJIBAKE_HINT.search(text):
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text
