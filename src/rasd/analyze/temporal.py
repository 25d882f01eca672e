"""Pipeline stage: the article's own date, then every temporal expression resolved against it."""
from __future__ import annotations

from datetime import date

from rasd.analyze.dates import find_dates
from rasd.analyze.published import publication_date
from rasd.model import Article


def date_article(article: Article) -> None:
    """Set ``published`` (metadata first, else what the page itself states) and the ``dates`` layer.

    Relative expressions (أمس، الأحد الماضي، نهاية العام الجاري) are resolved against the
    publication date; an article with no date of its own leaves them unresolved (None)."""
    value, span, how = publication_date(article.text, article.removed, article.published)
    article.published = value
    article.published_how = how if value else None
    article.published_span = span
    anchor = date.fromisoformat(value[:10]) if value else None
    article.dates = find_dates(article.text, anchor)
