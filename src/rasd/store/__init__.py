"""Storage: SQLite (one file, WAL, migrations, Arabic full-text search)."""
from .searchtext import SearchError, index_text, parse_query, snippet, term
from .sqlite import MIGRATIONS, SCHEMA_VERSION, SearchHit, Store, StoreError, default_db_path

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SearchError",
    "SearchHit",
    "Store",
    "StoreError",
    "default_db_path",
    "index_text",
    "parse_query",
    "snippet",
    "term",
]
