"""What reading a document produces: blocks, flags, the title, and the error for a file that cannot be imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from .figures import Figure


class DocumentError(Exception):
    """A file that cannot be imported at all; the message is shown to the user as is."""


@dataclass(frozen=True)
class Flag:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ImageData:
    data: bytes
    filename: str


@dataclass
class Block:
    """One StreamField block to be: paragraph / heading (level h2-h4) / table (rows) / image.

    ``style`` is what the author marked the block as, when that can make it the title: "title" (Word's Title
    style, a Markdown "# " heading) or "heading1" (Word's Heading 1)."""

    kind: str
    text: str = ""
    level: str = ""
    rows: list[list[str]] = field(default_factory=list)
    image: ImageData | None = None
    style: str = ""


@dataclass
class ParsedDocument:
    title: str
    blocks: list[Block]
    flags: list[Flag]
    figures: list[Figure]
    content_hash: str
    summary: str = ""

    @property
    def text(self) -> str:
        """The running text (headings and paragraphs, one per line) that figure offsets point into."""
        return body_text(self.blocks)

    @property
    def placeholder_count(self) -> int:
        return sum(1 for figure in self.figures if figure.placeholder)


def body_text(blocks: list[Block]) -> str:
    return "\n".join(block.text for block in blocks if block.kind in ("paragraph", "heading"))
