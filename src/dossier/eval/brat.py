"""Scores quote/attribution extraction against BRAT standoff files in PolNeAR's layout.

A gold folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``; with
several annotators per article the first (sorted) file is the gold. Spans are scored
per part (Source, Cue, Content) and per whole attribution (all three parts matched),
by exact match and by overlap match (shared characters at least half of the longer
span), over all gold attributions and over speech attributions only (cue lemma listed
in ``extract/data/speech_verbs.txt``). Fragments of a discontinuous span separated by
whitespace only are merged first, on both sides: PolNeAR annotators split long quotes
at sentence and paragraph breaks, which says nothing about where the quote lies.

A folder without ``attributions/`` is raw input: predictions are written, nothing scored.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossier.eval.scoring import Figures

Spans = tuple[tuple[int, int], ...]
PARTS = ("Source", "Cue", "Content")


@dataclass(frozen=True)
class Attr:
    """One attribution: its parts as merged span tuples (empty when absent) and cue lemma."""

    source: Spans
    cue: Spans
    content: Spans
    speech: bool = False

    def part(self, name: str) -> Spans:
        return {"Source": self.source, "Cue": self.cue, "Content": self.content}[name]


# --------------------------------------------------------------------------- reading


def parse_spans(field_text: str) -> Spans:
    """``"12 20;25 30"`` -> ((12, 20), (25, 30))."""
    pairs = []
    for chunk in field_text.split(";"):
        start, end = chunk.split()
        pairs.append((int(start), int(end)))
    return tuple(pairs)


def merge_spans(spans: Iterable[tuple[int, int]], text: str) -> Spans:
    """Sorted spans, with fragments joined where only whitespace lies between them."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def read_ann(path: Path) -> list[dict[str, Spans]]:
    """The attributions of one ``.ann`` file as ``{"Source": spans, "Cue": ..., "Content": ...}``."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (label, parse_spans(offsets))
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(arg.split(":", 1) for arg in fields[1].split())
            events.append(roles)
    attributions = []
    for roles in events:
        attr = {part: spans[roles[part]][1] for part in PARTS if roles.get(part) in spans}
        attributions.append(attr)
    return attributions


def gold_files(gold_dir: Path) -> list[tuple[str, Path | None]]:
    """``(name, ann_path)`` for each text; the first annotator's file, None when unannotated."""
    ann_dir = gold_dir / "attributions"
    found = []
    for text_path in sorted((gold_dir / "text").glob("*.txt")):
        name = text_path.stem
        anns = sorted(ann_dir.glob(f"{name}_*.ann")) if ann_dir.is_dir() else []
        found.append((name, anns[0] if anns else None))
    return found


@functools.lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    from dossier.extract.quotes_lexicon import load_words

    return frozenset(load_words("speech_verbs.txt"))


def cue_lemma(doc, spans: Spans) -> str:
    """The lemma that names a cue: its last verb (``has not said`` -> say), else its last word."""
    tokens = [t for s, e in spans for t in (doc.char_span(s, e, alignment_mode="expand") or [])]
    content = [t for t in tokens if t.is_alpha]
    verbs = [t for t in content if t.pos_ in ("VERB", "NOUN")]
    if {t.lower_ for t in content} >= {"according", "to"}:
        return "according to"
    pick = (verbs or content or tokens or [None])[-1]
    return pick.lemma_.lower() if pick is not None else ""


def to_attr(doc, parts: dict[str, Spans]) -> Attr:
    text = doc.text
    cue = merge_spans(parts.get("Cue", ()), text)
    return Attr(
        source=merge_spans(parts.get("Source", ()), text),
        cue=cue,
        content=merge_spans(parts.get("Content", ()), text),
        speech=cue_lemma(doc, cue) in speech_lemmas(),
    )


# --------------------------------------------------------------------------- scoring


def span_length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def shared_chars(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def overlaps(a: Spans, b: Spans) -> bool:
    """Overlap match: shared characters are at least half of the longer span."""
    if not a or not b:
        return a == b
    return 2 * shared_chars(a, b) >= max(span_length(a), span_length(b))


def same(a: Spans, b: Spans, exact: bool) -> bool:
    return a == b if exact else overlaps(a, b)


def same_attr(a: Attr, b: Attr, exact: bool) -> bool:
    return all(same(a.part(x), b.part(x), exact) for x in PARTS)


@dataclass
class Tally(Figures):
    tp_pred: int = 0
    tp_gold: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.pred += other.pred
        self.gold += other.gold

    def counts(self) -> tuple[int, int, int, int]:
        return (self.tp_pred, self.pred, self.tp_gold, self.gold)


def match_count(pred: list, gold: list, matches) -> Tally:
    """Predicted items matching some gold item, and gold items matched by some prediction."""
    tp_pred = sum(any(matches(p, g) for g in gold) for p in pred)
    tp_gold = sum(any(matches(p, g) for p in pred) for g in gold)
    return Tally(tp_pred, tp_gold, len(pred), len(gold))


def score_article(pred: list[Attr], gold: list[Attr]) -> dict[tuple[str, str], Tally]:
    """Tallies keyed by (part or ``Attribution``, ``exact``/``overlap``)."""
    tallies = {}
    for mode in ("exact", "overlap"):
        exact = mode == "exact"
        for part in PARTS:
            pred_spans = sorted({a.part(part) for a in pred if a.part(part)})
            gold_spans = sorted({a.part(part) for a in gold if a.part(part)})
            tallies[part, mode] = match_count(pred_spans, gold_spans, functools.partial(same, exact=exact))
        tallies["Attribution", mode] = match_count(pred, gold, functools.partial(same_attr, exact=exact))
    return tallies


@dataclass
class Report:
    """Summed tallies for ``all`` and ``speech`` attributions; ``format()`` prints the table."""

    tallies: dict[str, dict[tuple[str, str], Tally]] = field(default_factory=dict)
    articles: int = 0
    gold_attributions: dict[str, int] = field(default_factory=dict)

    def add(self, subset: str, article: dict[tuple[str, str], Tally]) -> None:
        into = self.tallies.setdefault(subset, {})
        for key, tally in article.items():
            into.setdefault(key, Tally()).add(tally)

    def f1(self, subset: str, part: str, mode: str) -> float:
        return self.tallies[subset][part, mode].f1

    def format(self) -> str:
        lines = [f"articles: {self.articles}"]
        for subset, tallies in self.tallies.items():
            lines.append(f"\n{subset} attributions ({self.gold_attributions.get(subset, 0)} gold):")
            lines.append(f"{'part':<12} {'match':<8} {'P':>6} {'R':>6} {'F1':>6}")
            for part in (*PARTS, "Attribution"):
                for mode in ("exact", "overlap"):
                    t = tallies[part, mode]
                    lines.append(
                        f"{part:<12} {mode:<8} {100 * t.precision:6.1f} {100 * t.recall:6.1f} {100 * t.f1:6.1f}"
                    )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


# --------------------------------------------------------------------------- predicting


def published_dates(gold_dir: Path) -> dict[str, dt.date]:
    """Publication dates from a ``metadata.tsv`` beside (or above) the folder, when there is one."""
    for candidate in (gold_dir / "metadata.tsv", gold_dir.parent / "metadata.tsv"):
        if candidate.is_file():
            rows = [line.split("\t") for line in candidate.read_text(encoding="utf-8").splitlines()]
            header = rows[0]
            if "filename" in header and "publication_date" in header:
                name_at, date_at = header.index("filename"), header.index("publication_date")
                return {
                    row[name_at]: dt.date.fromisoformat(row[date_at][:10])
                    for row in rows[1:]
                    if len(row) > date_at and row[date_at][:4].isdigit()
                }
    return {}


def predict(doc, name: str, published: dt.date | None = None) -> list:
    """The statements component run alone on a parsed doc (plain NER speakers)."""
    from dossier.extract.base import Context
    from dossier.extract.sentences import entities
    from dossier.extract.statements import statements

    ctx = Context(article_id=name, published=published)
    ctx.records.extend(entities(doc, ctx))
    return statements(doc, ctx)


def statement_attr(doc, statement) -> Attr:
    parts = {
        "Source": tuple(map(tuple, statement.speaker_span)),
        "Cue": tuple(map(tuple, statement.cue_span)),
        "Content": tuple(map(tuple, statement.content_span)),
    }
    return to_attr(doc, parts)


def write_ann(path: Path, text: str, statements: list) -> None:
    """Statements as BRAT standoff in PolNeAR's shape (a shared Source is written once)."""
    lines: list[str] = []
    ids: dict[tuple[str, Spans], str] = {}

    def span_id(label: str, spans: Spans) -> str:
        key = (label, spans)
        if key not in ids:
            ids[key] = f"T{len(ids) + 1}"
            offsets = ";".join(f"{s} {e}" for s, e in spans)
            snippet = " ".join(text[s:e] for s, e in spans).replace("\n", " ")
            lines.append(f"{ids[key]}\t{label} {offsets}\t{snippet}")
        return ids[key]

    for n, st in enumerate(statements, start=1):
        args = []
        for label, spans in (("Content", st.content_span), ("Cue", st.cue_span), ("Source", st.speaker_span)):
            if spans:
                args.append(f"{label}:{span_id(label, tuple(map(tuple, spans)))}")
        kind = "Attribution" if st.speaker_span else "Attribution-no-source"
        anchor = span_id(kind, tuple(map(tuple, st.cue_span or st.content_span)))
        lines.append(f"E{n}\t{kind}:{anchor} {' '.join(args)}")
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def evaluate(gold_dir, out_dir=None, docs=None) -> Report:
    """Score predictions on a PolNeAR-layout folder; write ``.ann`` predictions to ``out_dir``.

    ``docs`` may map names to already parsed docs (a cache); otherwise texts are parsed here.
    """
    from dossier import nlp

    gold_dir = Path(gold_dir)
    out = Path(out_dir) if out_dir else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    files = gold_files(gold_dir)
    dates = published_dates(gold_dir)
    report = Report()
    parsed = docs or {}
    language = nlp.load()
    for name, ann_path in files:
        text = (gold_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        doc = parsed.get(name) or language(text)
        statements = predict(doc, name, dates.get(name))
        if out:
            out_name = ann_path.name if ann_path else f"{name}.ann"
            write_ann(out / out_name, text, statements)
        if ann_path is None:
            continue
        report.articles += 1
        gold = [to_attr(doc, parts) for parts in read_ann(ann_path)]
        pred = [statement_attr(doc, st) for st in statements]
        for subset, keep in (("all", lambda a: True), ("speech", lambda a: a.speech)):
            gold_sub = [a for a in gold if keep(a)]
            report.gold_attributions[subset] = report.gold_attributions.get(subset, 0) + len(gold_sub)
            report.add(subset, score_article([a for a in pred if keep(a)], gold_sub))
    return report
