"""Arabic linguistic knowledge kept as data files a linguist can edit.

Files are UTF-8 text. ``#`` starts a comment line; blank lines are ignored.
A ``.tsv`` file has tab-separated columns named by its first non-comment line.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    raw = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """One entry per line."""
    return tuple(ln.strip() for ln in _lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file as dicts keyed by its header; missing cells are ''."""
    lines = _lines(name)
    header = [h.strip() for h in lines[0].split("\t")]
    rows = []
    for ln in lines[1:]:
        cells = [c.strip() for c in ln.split("\t")]
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


@lru_cache(maxsize=1)
def pycountry_names() -> tuple[str, ...]:
    """Arabic country names from pycountry's ISO 3166 translations (shipped with the package),
    those written without a comma ("كوريا، جمهورية" is listed in places.tsv as people write it)."""
    try:
        import pycountry
    except ImportError:  # an optional source: the curated places.tsv stands alone
        return ()
    path = resources.files("pycountry").joinpath("locales/ar/LC_MESSAGES/iso3166-1.mo")
    try:
        with path.open("rb") as fh:
            ar = gettext.GNUTranslations(fh)
    except OSError:
        return ()
    out = []
    for country in pycountry.countries:
        name = ar.gettext(country.name)
        if name != country.name and "،" not in name and "," not in name:
            out.append(name)
    return tuple(out)
