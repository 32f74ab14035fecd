"""What GPX and TCX share: text decoding and the refusal of XML entities.

A watch file never declares a DTD; one that does may carry an entity bomb
("billion laughs") or an external entity that reads another file.
"""

from __future__ import annotations

from kneetui.sources import SourceError


def text_of(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError("not UTF-8 text, so not a GPX or TCX file") from None


def refuse_entities(text: str) -> None:
    # Entities can only be declared inside a DOCTYPE; without one, none exist.
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise SourceError("the XML declares a DTD or entities, which a watch file never does")
