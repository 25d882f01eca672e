"""Pipeline stage: named entities from the statistical tagger, merged with the people the
quote stage already resolved (titled persons and speakers, with their roles).

A tagged person whose name is one of a resolved person's names ("الخفاجي", "تحسين الخفاجي")
becomes another mention of that person; everything else is grouped by type and folded name.
Without a trained model file the stage leaves the article's entities as they are.
"""
from __future__ import annotations

from rasd.analyze import ner
from rasd.arabic import search_key
from rasd.model import Article, Entity


def tag_entities(article: Article) -> None:
    """Add the tagger's PER/ORG/LOC mentions to ``article.entities``."""
    if not ner.model_available():
        return
    known: dict[tuple[str, str], Entity] = {}
    for e in article.entities:
        names = {e.name, *(m.text for m in e.mentions)}
        for name in names:
            key = search_key(name)
            known.setdefault((e.type, key), e)
            if e.type == "PER" and len(key.split()) >= 2:
                known.setdefault(("PER", key.split()[-1]), e)  # the family name alone
    for found in ner.entities(article.text):
        target = known.get((found.type, search_key(found.name)))
        if target is None:
            article.entities.append(found)
            known[(found.type, search_key(found.name))] = found
            continue
        taken = {m.start for m in target.mentions}
        target.mentions.extend(m for m in found.mentions if m.start not in taken)
