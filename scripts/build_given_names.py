#!/usr/bin/env python3
"""Build src/rasd/resources/given_names.txt: Arabic given names, learned from annotated corpora.

A given name is the first word of a person mention of two words or more ("محمود عباس" → محمود)
in WikiFANE Gold, AQMAR and the Wojood sample's train split (the readers of
scripts/train_ner.py, with the same label maps). ANERcorp is not used, so that ANERcorp dev
and test scores measure the list fairly; sentences sharing text with the ANERcorp CAMeL test
split are skipped all the same. A word enters the list when it opens person mentions at least
``--min-count`` times and opens no organisation or place mention more often than it opens a
person; titles and function words are left out.

    python scripts/build_given_names.py
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_ner as T  # noqa: E402

from rasd.analyze.lexicon import lexicon  # noqa: E402
from rasd.arabic import fold  # noqa: E402

ARABIC = re.compile("[\u0621-\u064a]+")
OUT = T.ROOT / "src" / "rasd" / "resources" / "given_names.txt"


def first_words(sents) -> tuple[Counter, Counter]:
    person, other = Counter(), Counter()
    for words, labels in sents:
        for k, lab in enumerate(labels):
            if not lab.startswith("B-"):
                continue
            multi = k + 1 < len(labels) and labels[k + 1] == "I-" + lab[2:]
            (person if lab == "B-PER" and multi else other)[words[k]] += 1 if lab != "B-PER" or multi else 0
    return person, other


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    filt = T.TestFilter(T.read_conll_sentences(T.CAMEL_TEST))
    T.WOJOOD = [p for p in T.WOJOOD if p.stem == "train"]  # the train split only
    sents = []
    for read in (T.read_wojood, T.read_aqmar, lambda: T.read_fane(T.WIKIFANE)):
        sents += [s for s in read() if T.folded_words(s[0]) and not filt.overlaps(s[0])]
    person, other = first_words(sents)
    lex = lexicon()
    function = set().union(*lex.function_words.values())
    names = set()
    for word, n in person.items():
        key = fold(word)
        if n < args.min_count or other[word] >= n or len(key) < 3 or not ARABIC.fullmatch(key):
            continue
        if key.startswith("ال"):
            continue  # الأميرال, العقيد: a title or a family name, not a given name
        if lex.title(key) is not None or key in function or key in lex.cues:
            continue
        names.add(word)
    # "ومحسن", "لأحمد": a proclitic glued to a name already listed is not another name
    folded = {fold(w) for w in names}
    names = {w for w in names if not (fold(w)[0] in "وفلبك" and fold(w)[1:] in folded)}
    header = (
        "# Arabic given names: the first word of person mentions (two words or more) in WikiFANE Gold\n"
        "# (Alotaibi & Lee 2014, CC BY-SA 3.0), AQMAR (Mohit et al. 2012, CC BY-SA 3.0) and the Wojood\n"
        "# sample's train split (Jarrar et al. 2022, MIT); built by scripts/build_given_names.py.\n"
        f"# {len(names)} names (Arabic script, no article) seen opening a person at least {args.min_count} times and an organisation\n"
        "# or place less often. Edit freely: a name is a feature of the NER tagger, not a decision.\n")
    OUT.write_text(header + "\n".join(sorted(names, key=fold)) + "\n", encoding="utf-8")
    print(f"{len(names)} given names from {len(sents)} sentences → {OUT.relative_to(T.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
