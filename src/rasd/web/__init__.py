"""The analyst's workbench: web pages and a JSON API over an rasd database (``rasd serve``)."""
from .app import create_app

__all__ = ["create_app"]
