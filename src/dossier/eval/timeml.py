"""TempEval-3 evaluation of the temporal tagger on TimeML files.

Each file's ``<TEXT>`` content, tags stripped, is tagged with its CREATION_TIME
TIMEX3 as anchor. Extraction is scored strict (same span) and relaxed
(overlapping spans); ``value`` and ``type`` are scored as TempEval-3's official
scorer does: an attribute counts as correct when a relaxed match carries the
same attribute, and its precision/recall divide that count by the system's and
the gold timex counts. Files with no TIMEX3 besides the creation time are raw
input: they are only tagged (and written when ``out_dir`` is given).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from dossier import nlp
from dossier.eval.scoring import prf
from dossier.extract.time import TaggedSpan, tag

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
TEXT_ELEMENT = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S)
CREATION_TIME = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDoc:
    """One TimeML file: its plain text, anchor, gold timexes and the raw markup."""

    path: Path
    raw: str
    text: str
    anchor: dt.date | None
    gold: list[GoldTimex]

    @property
    def is_raw_input(self) -> bool:
        return not self.gold


def read_timeml(path: Path) -> TimeMLDoc:
    raw = path.read_text(encoding="utf-8")
    body = TEXT_ELEMENT.search(raw)
    text, gold = strip_tags(body.group(2) if body else "")
    return TimeMLDoc(path, raw, text, creation_time(raw), gold)


def creation_time(raw: str) -> dt.date | None:
    tag_text = CREATION_TIME.search(raw)
    if not tag_text:
        return None
    value = dict(ATTRIBUTE.findall(tag_text.group(0))).get("value", "")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def strip_tags(markup: str) -> tuple[str, list[GoldTimex]]:
    """The plain text of TimeML markup, and its TIMEX3 spans as offsets into it."""
    pieces: list[str] = []
    length, position = 0, 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict] | None = None
    for m in TAG.finditer(markup):
        piece = html.unescape(markup[position : m.start()])
        pieces.append(piece)
        length += len(piece)
        position = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex = (length, dict(ATTRIBUTE.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            if attrs.get("functionInDocument") != "CREATION_TIME":
                gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    pieces.append(html.unescape(markup[position:]))
    return "".join(pieces), gold


@dataclass
class Predicted:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


def char_spans(doc, spans: list[TaggedSpan]) -> list[Predicted]:
    out = []
    for span in spans:
        tokens = doc[span.start : span.end]
        r = span.reading
        out.append(Predicted(tokens.start_char, tokens.end_char, r.type, r.value, r.mod))
    return out


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def prf(self, correct: int) -> tuple[float, float, float]:
        return prf(correct, self.system, correct, self.gold)


@dataclass
class Report:
    """TempEval-3 figures over a folder, with per-timex mistakes for inspection."""

    scores: Scores = field(default_factory=Scores)
    files: int = 0
    raw_files: int = 0
    seconds: float = 0.0
    mistakes: list[tuple[str, str, str, str]] = field(default_factory=list)

    def figure(self, name: str) -> tuple[float, float, float]:
        return self.scores.prf(getattr(self.scores, name))

    def format(self) -> str:
        rows = [f"{'':10} {'P':>7} {'R':>7} {'F1':>7}"]
        for name in ("strict", "relaxed", "value", "type"):
            p, r, f = self.figure(name)
            rows.append(f"{name:10} {100 * p:7.2f} {100 * r:7.2f} {100 * f:7.2f}")
        s = self.scores
        rows.append(
            f"{self.files} scored files ({self.raw_files} raw), {s.gold} gold / {s.system} system timexes, "
            f"{self.seconds:.1f}s"
        )
        return "\n".join(rows)


def score_doc(doc: TimeMLDoc, predicted: list[Predicted], scores: Scores, mistakes: list) -> None:
    scores.gold += len(doc.gold)
    scores.system += len(predicted)
    unused = list(predicted)
    for gold in doc.gold:
        best = max(unused, key=lambda p: _overlap(gold, p), default=None)
        gold_text = doc.text[gold.start : gold.end]
        if best is None or _overlap(gold, best) <= 0:
            mistakes.append((doc.path.name, "missed", gold_text, f"{gold.type} {gold.value}"))
            continue
        unused.remove(best)
        scores.relaxed += 1
        scores.strict += (best.start, best.end) == (gold.start, gold.end)
        scores.value += best.value == gold.value
        scores.type += best.type == gold.type
        if best.value != gold.value or best.type != gold.type:
            found = f"{doc.text[best.start:best.end]!r} {best.type} {best.value}"
            mistakes.append((doc.path.name, "wrong", gold_text, f"{gold.type} {gold.value} <- {found}"))
    for p in unused:
        mistakes.append((doc.path.name, "spurious", doc.text[p.start : p.end], f"{p.type} {p.value}"))


def _overlap(gold: GoldTimex, p: Predicted) -> int:
    return min(gold.end, p.end) - max(gold.start, p.start)


def timeml_output(doc: TimeMLDoc, predicted: list[Predicted]) -> str:
    """The input file with its ``<TEXT>`` replaced by the plain text and predicted TIMEX3 tags."""
    parts, position = [], 0
    for n, p in enumerate(sorted(predicted, key=lambda x: x.start), start=1):
        attrs = f'tid="t{n}" type="{p.type}" value={quoteattr(p.value)}'
        if p.mod:
            attrs += f' mod="{p.mod}"'
        parts.append(escape(doc.text[position : p.start]))
        parts.append(f"<TIMEX3 {attrs}>{escape(doc.text[p.start : p.end])}</TIMEX3>")
        position = p.end
    parts.append(escape(doc.text[position:]))
    tagged = "".join(parts)
    if TEXT_ELEMENT.search(doc.raw):
        return TEXT_ELEMENT.sub(lambda m: m.group(1) + tagged + m.group(3), doc.raw, count=1)
    return doc.raw


def output_name(path: Path) -> str:
    """``X.tml.TE3input`` -> ``X.tml``: the name up to and including ``.tml``."""
    name = path.name
    cut = name.find(".tml")
    return name[: cut + 4] if cut >= 0 else name


def timeml_files(gold_dir: Path) -> list[Path]:
    return sorted(p for p in Path(gold_dir).rglob("*") if p.is_file() and ".tml" in p.name)


def evaluate(gold_dir: str | Path, out_dir: str | Path | None = None, files: Iterable[Path] | None = None) -> Report:
    """Tag every TimeML file under ``gold_dir``; score the annotated ones; write predictions."""
    import time

    paths = list(files) if files is not None else timeml_files(Path(gold_dir))
    docs = [read_timeml(p) for p in paths]
    language = nlp.load()
    report = Report()
    started = time.perf_counter()
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    parsed = language.pipe((d.text for d in docs), disable=["ner"], batch_size=32)
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        predicted = char_spans(spacy_doc, tag(spacy_doc, doc.anchor))
        if doc.is_raw_input:
            report.raw_files += 1
        else:
            report.files += 1
            score_doc(doc, predicted, report.scores, report.mistakes)
        if out_dir is not None:
            (Path(out_dir) / output_name(doc.path)).write_text(timeml_output(doc, predicted), encoding="utf-8")
    report.seconds = time.perf_counter() - started
    return report
