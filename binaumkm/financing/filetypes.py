"""What an uploaded file really is, from its first bytes (not its name): the document file accepts
PDF, JPEG and PNG. Pure: bytes in, a type out."""

from __future__ import annotations

ACCEPTED = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": {"pdf"}, "jpeg": {"jpg", "jpeg", "jfif"}, "png": {"png"}}


def sniff(head: bytes) -> str | None:
    """The type of a file from its first 16 bytes: pdf, jpeg, png, heic, webp, gif, zip or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "heic"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def matches_extension(kind: str, name: str) -> bool:
    """The name's extension belongs to the sniffed type (a PNG named .pdf does not)."""
    return extension(name) in EXTENSIONS.get(kind, set())
