"""Scores actor resolution against the PLOVER gold standard records.

Each gold record is one sentence with ``source``/``target`` lists of ``{actorText, code,
sector}``. For every gold actor text found in its sentence, the ``actors`` component runs on
the sentence (dated by the record) and the mention covering that text must carry the gold
country code. ``python -m dossier.eval.actors PLOVER_GSR_CAMEO.txt`` prints the figures;
``python -m dossier.eval.actors --speed DIR`` times the component against spaCy's parse of
the ``*.txt`` files in DIR.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Codes the PLOVER gold uses that differ from ISO3 (old CAMEO spellings and slips).
GOLD_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "TMP": "TLS", "ZAR": "COD"}


@dataclass
class GoldActor:
    record_id: str
    sentence: str
    date: str | None
    text: str
    code: str
    sector: str | None


def gold_actors(path: str | Path) -> Iterator[GoldActor]:
    """The gold actors of a PLOVER JSON array, skipping its DOCUMENT header record."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    for record in records:
        if record.get("event") == "DOCUMENT":
            continue
        for role in ("source", "target"):
            actors = record.get(role)
            if not isinstance(actors, list):  # some records hold "" or a note here
                continue
            for actor in actors:
                if actor.get("actorText") and actor.get("code"):
                    yield GoldActor(
                        record["id"], record["text"], record.get("date"),
                        actor["actorText"].strip(), actor["code"], actor.get("sector"),
                    )


def locate(sentence: str, actor_text: str) -> tuple[int, int] | None:
    """Character span of a gold actor text; elided texts ("Serb ... forces") span their parts."""
    parts = [p.strip() for p in actor_text.replace("..", "\x00").split("\x00") if p.strip(" .")]
    start = sentence.find(parts[0]) if parts else -1
    if start < 0:
        return None
    last = sentence.find(parts[-1].strip(" ."), start)
    end = last + len(parts[-1].strip(" .")) if last >= 0 else start + len(parts[0])
    return start, end


def evaluate(path: str | Path, nlp=None, kb=None) -> dict:
    """How many gold actor texts resolve to their gold country code."""
    from dossier import kb as kb_module
    from dossier import nlp as nlp_module
    from dossier.extract.actors import actors
    from dossier.extract.base import Context
    from dossier.extract.pipeline import parse_published

    nlp = nlp or nlp_module.load()
    kb = kb or kb_module.load()
    gold = list(gold_actors(path))
    docs = {g.sentence: doc for g, doc in zip(gold, nlp.pipe(g.sentence for g in gold), strict=True)}
    counts: Counter = Counter()
    misses = []
    mentions_of: dict[tuple[str, str | None], list] = {}
    for g in gold:
        counts["gold"] += 1
        span = locate(g.sentence, g.text)
        if span is None:
            counts["not_in_text"] += 1
            continue
        key = (g.sentence, g.date)
        if key not in mentions_of:
            ctx = Context(article_id=g.record_id, published=parse_published(g.date), kb=kb)
            mentions_of[key] = actors(docs[g.sentence], ctx)
        ctx = Context(article_id=g.record_id, records=mentions_of[key])
        entity = ctx.entity_for(*span)
        predicted = entity.country if entity else None
        expected = GOLD_CODE_ALIASES.get(g.code, g.code)
        counts["resolved"] += predicted is not None
        if predicted == expected:
            counts["correct"] += 1
        else:
            misses.append({"text": g.text, "gold": g.code, "predicted": predicted, "record": g.record_id})
    located = counts["gold"] - counts["not_in_text"]
    return {
        "gold_actor_texts": counts["gold"],
        "located_in_sentence": located,
        "resolved_to_a_country": counts["resolved"],
        "correct_country": counts["correct"],
        "accuracy_of_located": round(counts["correct"] / located, 4) if located else 0.0,
        "accuracy_of_all": round(counts["correct"] / counts["gold"], 4) if counts["gold"] else 0.0,
        "misses": misses,
    }


def speed(text_dir: str | Path, nlp=None, kb=None, repeats: int = 3) -> dict:
    """Tokens per second of spaCy's parse and of the ``actors`` component on parsed docs."""
    from dossier import kb as kb_module
    from dossier import nlp as nlp_module
    from dossier.extract.actors import actors
    from dossier.extract.base import Context

    nlp = nlp or nlp_module.load()
    kb = kb or kb_module.load()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(text_dir).glob("*.txt"))]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - start
    tokens = sum(len(d) for d in docs)
    actors(docs[0], Context("warm-up", published=dt.date(2016, 6, 1), kb=kb))  # builds matchers
    component = min(_time_actors(docs, kb, actors, Context) for _ in range(repeats))
    return {
        "docs": len(docs), "tokens": tokens,
        "parse_tokens_per_s": round(tokens / parse), "actors_tokens_per_s": round(tokens / component),
        "actors_share_of_parse": round(component / parse, 4),
    }


def _time_actors(docs, kb, actors, context) -> float:
    start = time.perf_counter()
    for i, doc in enumerate(docs):
        actors(doc, context(str(i), published=dt.date(2016, 6, 1), kb=kb))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[0] == "--speed":
        print(json.dumps(speed(argv[1]), indent=1))
        return
    result = evaluate(argv[0])
    shown = {k: v for k, v in result.items() if k != "misses"}
    shown["misses_sample"] = result["misses"][:40]
    print(json.dumps(shown, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
