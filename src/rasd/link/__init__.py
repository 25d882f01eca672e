"""Cross-document records built from the stored articles (people and their roles over time)."""
