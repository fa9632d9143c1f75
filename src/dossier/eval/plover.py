"""Scoring the event coder on PLOVER gold records (e.g. PLOVER_GSR_CAMEO.txt).

The gold file is a JSON array: a DOCUMENT header, then one record per sentence
with ``text``, ``date``, ``source``/``target`` (lists of ``{actorText, code,
sector}``, or ``""``/absent) and ``event`` (PLOVER 0.5b1 names, mapped to current
types: DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT).

Matching is by per-sentence sets. Each gold record is one sentence, coded alone
(``dossier.code.code_sentences``, published on the record's date). For each
sentence we compare sets, summing true positives, false positives and false
negatives over sentences:

- type: the gold type vs the set of types of the predicted events;
- quad class: the same with each type's PLOVER quad category (verbal/material
  cooperation/conflict), the coarse reading event-data users aggregate to;
- actor country, source side: gold source codes vs the countries of the actors
  of all predicted events; target side likewise with recipients. Actors without
  a known country contribute nothing; a sentence without gold target has an
  empty gold set on that side;
- triple: ``(actor country, type, recipient country)`` for every actor x
  recipient pair of an event, ``None`` standing for no recipient (or an actor of
  unknown country), vs the same triples built from the gold record.

A second triple line, ``triple (place as tgt)``, reads the gold's convention for
places: the 0.5b1 records have no location field, so their coders put the state of
the place an act falls on in ``target`` ("lifted a curfew in Montenegro"). dossier
keeps places out of the recipient list (a place is never a recipient); for this line
only, an event without a recipient counts its location's state in that slot. The
first triple line is the strict one.

Negated events ("fighting has not re-emerged") are left out of the predicted
sets, as PLOVER drops them from event data. Country codes are normalised on both
sides: the gold's CAMEO-era codes JAP, ITL, VTN are ISO3 JPN, ITA, VNM; PLOVER
2's UNO and EUR count as IGO, the only code the 0.5b1 gold has for them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossier.eval.scoring import Figures
from dossier.ontology import ontology

CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UNO": "IGO", "EUR": "IGO"}


def norm_code(code: str | None) -> str | None:
    if not code or not code.strip() or code.strip() == "***":
        return None
    code = code.strip().upper()
    return CODE_FIXES.get(code, code)


@dataclass
class Score(Figures):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def counts(self) -> tuple[int, int, int, int]:
        return (self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)

    def line(self, name: str) -> str:
        return (f"{name:<22} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
                f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})")


@dataclass
class Report:
    sentences: int = 0
    type: Score = field(default_factory=Score)
    quad: Score = field(default_factory=Score)
    source: Score = field(default_factory=Score)
    target: Score = field(default_factory=Score)
    triple: Score = field(default_factory=Score)
    triple_place: Score = field(default_factory=Score)
    per_type: dict[str, Score] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted or "-")

    def format(self) -> str:
        lines = [f"PLOVER gold: {self.sentences} sentences (per-sentence set matching)",
                 self.type.line("event type"), self.quad.line("quad class"), self.source.line("actor country (src)"),
                 self.target.line("actor country (tgt)"), self.triple.line("triple (src,type,tgt)"),
                 self.triple_place.line("triple (place as tgt)"),
                 "", "per type:"]
        lines += [self.per_type[t].line(f"  {t}") for t in sorted(self.per_type)]
        lines += ["", "confusion (gold -> predicted types in the sentence; '-' none):"]
        for gold in sorted({g for g, _ in self.confusion}):
            row = sorted(((p, n) for (g, p), n in self.confusion.items() if g == gold), key=lambda x: -x[1])
            lines.append(f"  {gold:<10} " + ", ".join(f"{p} {n}" for p, n in row))
        return "\n".join(lines)


def gold_records(path: Path) -> list[dict]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def _gold_codes(side) -> set[str]:
    if not isinstance(side, list):
        return set()
    return {c for a in side if (c := norm_code(a.get("code")))}


def _countries(entities: Iterable[dict]) -> set[str]:
    return {c for e in entities if (c := norm_code(e.get("country")))}


def _triples(actors: set, kind: str, recipients: set) -> set[tuple]:
    return {(a, kind, r) for a in actors or {None} for r in recipients or {None}}


def score_sentence(report: Report, gold: dict, events: list[dict]) -> None:
    onto = ontology()
    gold_type = onto.canonical_type(gold["event"])
    events = [e for e in events if e.get("factuality") != "negated"]
    predicted = {e["type"] for e in events}
    gold_types = {gold_type} if gold_type else set()
    report.sentences += 1
    report.type.add(predicted, gold_types)
    report.quad.add({onto.quad(k) for k in predicted}, {onto.quad(k) for k in gold_types})
    for kind in predicted | gold_types:
        report.per_type.setdefault(kind, Score()).add(predicted & {kind}, gold_types & {kind})
    for kind in gold_types:
        for p in sorted(predicted) or ["-"]:
            report.confusion[(kind, p)] += 1
    gold_src, gold_tgt = _gold_codes(gold.get("source")), _gold_codes(gold.get("target"))
    report.source.add(set().union(*(_countries(e["actor"]) for e in events)), gold_src)
    report.target.add(set().union(*(_countries(e["recipient"]) for e in events)), gold_tgt)
    gold_triples = _triples(gold_src, gold_type, gold_tgt) if gold_type else set()
    report.triple.add(set().union(*(
        _triples(_countries(e["actor"]), e["type"], _countries(e["recipient"])) for e in events)), gold_triples)
    report.triple_place.add(set().union(*(
        _triples(_countries(e["actor"]), e["type"], _countries(e["recipient"]) or _place_country(e))
        for e in events)), gold_triples)


def _place_country(event: dict) -> set[str]:
    """The state of the event's location, as the 0.5b1 gold codes a place's state as target."""
    country = norm_code((event.get("location") or {}).get("country"))
    return {country} if country else set()


def evaluate(gold_file: Path | str) -> Report:
    """Code every gold sentence with the default pipeline and score it (see module doc)."""
    from dossier.code import code_sentences
    from dossier.records import Article

    records = gold_records(Path(gold_file))
    articles = [Article(id=str(i), text=r["text"], published=r.get("date")) for i, r in enumerate(records)]
    report = Report()
    for item in code_sentences(articles):
        score_sentence(report, records[int(item["id"])], item["events"])
    return report
