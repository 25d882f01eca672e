"""HTML pages: the article's main text and metadata, via trafilatura."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import trafilatura

from .base import RawDocument, ReadError
from .dates import to_iso
from .encoding import decode


def read_html(path: str, data: bytes) -> Iterator[RawDocument]:
    """One RawDocument for an HTML file, named after the file."""
    yield html_document(decode(data, path), path, os.path.basename(path))


def html_document(html: str, path: str, doc: str, url: str | None = None) -> RawDocument:
    """Extract the main text of a page; ReadError if it has none.

    One ``bare_extraction`` call gives both the text (as ``extract`` would, without
    its Unicode normalisation: readers hand text on unchanged) and the metadata.
    """
    result = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        favor_recall=True,
        with_metadata=True,
        # Only dates the page states in its markup or URL; the extensive search
        # would guess from any date-like string in the body.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
    text = (result.text or "").strip() if result is not None else ""
    if not text:
        raise ReadError(path, "no article text found in HTML")
    return RawDocument(
        path=path,
        doc=doc,
        text=text,
        title=result.title or None,
        published=to_iso(result.date),
        source=result.sitename or None,
        url=url or result.url or None,
    )
