"""One happening, many reports: merge event and statement records into story events.

A call mentioned five times in one article, or an invasion told by two outlets, is
one ``story_event`` record with every report listed in ``mentions`` (GDELT's
NumMentions, with the evidence). Repeated quotes use the same record type with
``kind: "statement"``, so a consumer reads one shape for "how often was this told".

Reports merge when they share the PLOVER type (events) or the speaker and most
content words (statements), the factuality class, compatible actors and recipients
(same actor id, or same country unless both are different known people), and
dates each within the other's granularity. Across articles, events also need a
similar trigger, the same mode or a shared context; within one article, the article's own later
references ("the call") suffice. Clustering is complete-link: a report joins a
story only if it is compatible with every report already in it, so two similar
events a week apart never chain into one through a vaguer report.

Near-duplicate articles (``canonical_id`` set) have their mentions listed and
flagged (``near_duplicate_of``) but never counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dossier.analyze import dates
from dossier.analyze.actors import compatible_parties, entity_key, holders, recipients, same_actor
from dossier.analyze.lexicon import load, tokens
from dossier.analyze.timeline import chronological
from dossier.records import record_id

Similar = Callable[[dict, dict, dict], bool]


def story_events(records: Iterable[dict], articles: Iterable[dict] = ()) -> list[dict]:
    """``story_event`` records for the statements and events in ``records``, by date.

    ``articles`` (article records) supply near-duplicate links; without them every
    article counts.
    """
    records = list(records)
    canonical = {a["id"]: a.get("canonical_id") for a in articles}
    events = [r for r in records if r.get("record_type") == "event"]
    statements = [r for r in records if r.get("record_type") == "statement"]
    stories = [
        story_event("event", members, canonical)
        for members in cluster(events, same_happening, canonical)
    ] + [
        story_event("statement", members, canonical)
        for members in cluster(statements, same_saying, canonical)
    ]
    return sorted(stories, key=lambda s: (*dates.sort_key(s["date"]), s["id"]))


def cluster(records: list[dict], similar: Similar, canonical: dict) -> list[list[dict]]:
    """Complete-link groups; the most precisely dated reports seed the groups.

    Only records of one block (same event type, or same speaker country) are
    compared, which keeps large stores tractable.
    """
    blocks: dict[str, list[dict]] = {}
    for record in records:
        blocks.setdefault(_block(record), []).append(record)
    groups: list[list[dict]] = []
    for block in blocks.values():
        groups += _complete_link(block, similar, canonical)
    return groups


def _block(record: dict) -> str:
    if record["record_type"] == "event":
        return record.get("type") or ""
    speaker = record.get("speaker")
    if not speaker:
        return ""
    return speaker.get("country") or entity_key(speaker)


def _complete_link(records: list[dict], similar: Similar, canonical: dict) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for record in sorted(records, key=lambda r: (dates.rank(r.get("date")), chronological(r))):
        for group in groups:
            if all(similar(record, member, canonical) for member in group):
                group.append(record)
                break
        else:
            groups.append([record])
    return groups


def _article_key(record: dict, canonical: dict) -> str:
    return canonical.get(record["article_id"]) or record["article_id"]


def _same_factuality(a: dict, b: dict) -> bool:
    classes = load("clusters")["factuality_class"]
    return classes.get(a.get("factuality")) == classes.get(b.get("factuality"))


def _dates_fit(a: dict, b: dict, same_article: bool) -> bool:
    """Within one article an undated or publication-dated reference is the article's own
    later mention; across articles the dates must overlap."""
    if same_article and any(
        not r.get("date") or r["date"].get("basis") == "publication" for r in (a, b)
    ):
        return True
    # once either report tells it as history, a publication date only bounds it above
    told_as_past = any(r.get("factuality") == "historical" for r in (a, b))
    return dates.compatible(a.get("date"), b.get("date"), past=(told_as_past, told_as_past))


def same_happening(a: dict, b: dict, canonical: dict) -> bool:
    same_article = _article_key(a, canonical) == _article_key(b, canonical)
    if a.get("type") != b.get("type") or not _same_factuality(a, b):
        return False
    if a.get("mode") and b.get("mode") and a["mode"] != b["mode"]:
        return False
    if not compatible_parties(a, b):
        return False
    if not _dates_fit(a, b, same_article):
        return False
    return same_article or _similar_trigger(a, b)


def _similar_trigger(a: dict, b: dict) -> bool:
    """Triggers sharing a stem, or the same mode ("phone"), or a shared context."""
    if a.get("mode") and a["mode"] == b.get("mode"):
        return True
    shared_context = set(a.get("contexts") or []) & set(b.get("contexts") or [])
    return bool(stems(a.get("trigger")) & stems(b.get("trigger")) or shared_context)


def stems(text: str | None) -> set[str]:
    """Crude stems of the content words of ``text``: their first few letters."""
    table = load("clusters")
    stop = set(table["stopwords"])
    return {t[: table["stem_length"]] for t in tokens(text) if t not in stop}


def same_saying(a: dict, b: dict, canonical: dict) -> bool:
    if not (a.get("speaker") and b.get("speaker") and same_actor(a["speaker"], b["speaker"])):
        return False
    same_article = _article_key(a, canonical) == _article_key(b, canonical)
    return _dates_fit(a, b, same_article) and _same_words(a.get("content"), b.get("content"))


def _same_words(a: str | None, b: str | None) -> bool:
    table = load("clusters")
    words_a, words_b = _content_words(a), _content_words(b)
    shorter = min(len(words_a), len(words_b))
    if shorter < table["min_words"]:
        return False
    return len(words_a & words_b) / shorter >= table["quote_overlap"]


def _content_words(text: str | None) -> set[str]:
    stop = set(load("clusters")["stopwords"])
    return {t for t in tokens(text) if t not in stop}


# -- the story_event record ---------------------------------------------------------------


def story_event(kind: str, members: list[dict], canonical: dict) -> dict:
    """The ``story_event`` record of one group of reports (see ``dossier schema``)."""
    lead = min(members, key=lambda r: (dates.rank(r.get("date")), chronological(r)))
    mentions = [_mention(r, canonical) for r in sorted(members, key=chronological)]
    counted = [m for m in mentions if not m["near_duplicate_of"]]
    one_article = len({r["article_id"] for r in members}) == 1
    return {
        "record_type": "story_event",
        "id": record_id("story_event", *sorted(r["id"] for r in members)),
        "article_id": lead["article_id"] if one_article else None,
        "sentence": lead["sentence"] if one_article else None,
        "start": lead["start"] if one_article else None,
        "end": lead["end"] if one_article else None,
        "kind": kind,
        "type": lead.get("type") if kind == "event" else None,
        "mode": lead.get("mode"),
        "modes": list(dict.fromkeys(m for r in [lead, *members] for m in modes_of(r))),
        "contexts": sorted({c for r in members for c in r.get("contexts") or []}),
        "factuality": lead.get("factuality", "asserted"),
        "condition": lead.get("condition"),
        "actor": _unique(e for r in members for e in holders(r)),
        "claimants": _unique(_claimants(members)),
        "recipient": _unique(e for r in members for e in recipients(r)),
        "date": lead.get("date"),
        "trigger": lead.get("trigger") if kind == "event" else lead.get("cue"),
        "content": max((r.get("content") or "" for r in members), key=len) or None,
        "mentions": mentions,
        "num_mentions": len(counted),
        "num_articles": len({m["article_id"] for m in counted}),
    }


def modes_of(record: dict) -> list[str]:
    """Every mode of a report: a threat of sanctions and of force has two."""
    return record.get("modes") or ([record["mode"]] if record.get("mode") else [])


def _mention(record: dict, canonical: dict) -> dict:
    return {
        "record_id": record["id"],
        "article_id": record["article_id"],
        "sentence": record.get("sentence"),
        "start": record.get("start"),
        "end": record.get("end"),
        "date": record.get("date"),
        "near_duplicate_of": canonical.get(record["article_id"]),
    }


def _claimants(members: list[dict]) -> Iterable[dict]:
    """Who, other than the actors, is said to have told of the happening."""
    actors = {entity_key(e) for r in members for e in holders(r)}
    for record in members:
        claimant = (record.get("attribution") or {}).get("claimant")
        if claimant and entity_key(claimant) not in actors:
            yield claimant


def _unique(entities: Iterable[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for entity in entities:
        seen.setdefault(entity_key(entity), entity)
    return list(seen.values())
