"""One person across articles: titles over time, ordered only as far as the evidence allows."""
from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_the_seed_spokesman_is_one_person_with_his_titles_in_time_order(tmp_path, seed_paths):
    db = str(tmp_path / "r.db")
    assert run("ingest", str(seed_paths[0].parent), "--db", db).exit_code == 0
    result = run("person", "تحسين الخفاجى", "--db", db, "--json")  # any spelling of the name
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    assert rec["name"] == "تحسين الخفاجي" and rec["articles"] == 5
    seen = [(s["doc"][:3], s["published"], s["not_before"]) for s in rec["seen"]]
    # two articles carry their own date; 002 mentions 6 تشرين الثاني 2025 (a lower bound only);
    # 000 and 001 stay undated, after everything that has evidence
    assert seen[:3] == [("003", "2021-04-28", None), ("004", "2021-09-09", None), ("002", None, "2025-11-06")]
    assert {s[0] for s in seen[3:]} == {"000", "001"} and all(s[1] is None and s[2] is None for s in seen[3:])
    roles = [r["role"] for r in rec["roles"]]
    assert roles.index("المتحدث باسم القيادة") < roles.index("المتحدث باسم قيادة العمليات") \
        < roles.index("مدير الإعلام والتوجيه المعنوي في الوزارة")
    assert "مدير العلاقات والاعلام في الوزارة" in roles
    assert {s["doc"][:3] for s in rec["statements"]} == {"000", "001", "002", "003", "004"}
    assert len(rec["statements"]) >= 40


def test_a_shared_surname_is_not_enough_to_merge(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("وقال وزير الداخلية أحمد الخفاجي إن الحدود مؤمنة بالكامل.", encoding="utf-8")
    (folder / "b.txt").write_text("وقال المتحدث باسم الوزارة تحسين الخفاجي إن القوات جاهزة.", encoding="utf-8")
    (folder / "c.txt").write_text("وأكد الخفاجي أن الاتفاق سيوقع قريبا.", encoding="utf-8")
    db = str(tmp_path / "r.db")
    run("ingest", str(folder), "--db", db)
    people = [json.loads(x) for x in run("people", "--db", db, "--json").stdout.splitlines()]
    names = sorted(p["name"] for p in people)
    assert "أحمد الخفاجي" in names and "تحسين الخفاجي" in names
    # "الخفاجي" alone could be either: it is kept apart, not merged into one of them
    assert next(p for p in people if p["name"] == "أحمد الخفاجي")["articles"] == 1
    assert next(p for p in people if p["name"] == "تحسين الخفاجي")["articles"] == 1


def test_organisations_and_places_are_one_record_across_spellings_and_articles(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    # Three outlets, three spellings of one force and of one country.
    (folder / "a.txt").write_text("بغداد - 3 آذار 2020\nوقالت القوات الأميركية إن أميركا لن تنسحب.", encoding="utf-8")
    (folder / "b.txt").write_text("أربيل - 5 أيار 2021\nوأعلنت القوات الأمريكية أن الولايات المتحدة الأمريكية باقية.",
                                  encoding="utf-8")
    (folder / "c.txt").write_text("وأكد مصدر أن للقوات الامريكية دورا في التدريب.", encoding="utf-8")
    db = str(tmp_path / "r.db")
    assert run("ingest", str(folder), "--db", db).exit_code == 0
    records = [json.loads(line) for line in run("entities", "--db", db, "--json").stdout.splitlines()]
    forces = [r for r in records if r["type"] == "ORG" and "القوات" in r["name"]]
    assert len(forces) == 1 and forces[0]["articles"] == 3
    assert {"القوات الأميركية", "القوات الأمريكية", "للقوات الامريكية"} <= set(forces[0]["aliases"])
    assert (forces[0]["first_seen"], forces[0]["last_seen"]) == ("2020-03-03", "2021-05-05")
    usa = [r for r in records if r["name"] == "الولايات المتحدة"]
    assert len(usa) == 1 and usa[0]["type"] == "LOC" and usa[0]["articles"] == 2
    one = json.loads(run("entity", "القوات الامريكيه", "--db", db, "--json").stdout)
    assert [s["doc"] for s in one["seen"]] == ["a.txt", "b.txt", "c.txt"]
    assert run("entity", "وزارة لا توجد", "--db", db).exit_code != 0


def test_a_capital_speaking_for_its_state_joins_the_state_record(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("وقالت واشنطن إنها لن تسحب قواتها من المنطقة قبل نهاية العام.", encoding="utf-8")
    (folder / "b.txt").write_text("وصل وفد عراقي إلى واشنطن أمس في زيارة تستمر ثلاثة أيام.", encoding="utf-8")
    db = str(tmp_path / "r.db")
    assert run("ingest", str(folder), "--db", db).exit_code == 0
    records = {r["name"]: r for r in map(json.loads, run("entities", "--db", db, "--json").stdout.splitlines())}
    assert records["الولايات المتحدة"]["articles"] == 1 and "واشنطن" in records["الولايات المتحدة"]["aliases"]
    assert records["واشنطن"]["articles"] == 1  # the city, where the article only travels there
    state = json.loads(run("entity", "الولايات المتحدة", "--db", db, "--json").stdout)
    assert [s["doc"] for s in state["seen"]] == ["a.txt"]
