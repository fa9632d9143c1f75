"""The whole story of a record set as Markdown, for a reader who has not read the articles.

Sections: sources, who's who, what happened (story events), what was said
(repeated quotes merged), positions and how they shifted, who presses whom (the
lever map), and the full timeline. Every claim quotes the sentence it rests on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dossier.analyze import dates
from dossier.analyze.actors import all_entities, display_name, entity_key, is_actor
from dossier.analyze.clusters import modes_of, story_events
from dossier.analyze.levers import FACTUALITY_NOTES, lever_map, relation
from dossier.analyze.lexicon import load
from dossier.analyze.positions import shifts
from dossier.analyze.timeline import timeline

MAX_ACTORS = 20


def story(
    records: Iterable[dict],
    articles: Iterable[dict] = (),
    *,
    title: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> str:
    """Markdown telling what ``records`` (statements and events) say, with evidence."""
    records = list(records)
    mentions = [r for r in records if r.get("record_type") == "mention"]
    records = timeline(records, actor=actor, since=since, until=until)
    used = {r["article_id"] for r in records}
    articles = [a for a in articles if a["id"] in used or not used]
    stories = story_events(records, articles)
    sections = [
        _heading(records, articles, title),
        _sources(articles),
        _whos_who(records),
        _happened([s for s in stories if s["kind"] == "event" and any(map(is_actor, s["actor"]))]),
        _said([s for s in stories if s["kind"] == "statement" and any(map(is_actor, s["actor"]))]),
        _shifts(shifts([*records, *mentions])),
        _levers(records, articles),
        _timeline(records, {a["id"] for a in articles if a.get("canonical_id")}),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _heading(records: list[dict], articles: list[dict], title: str | None) -> str:
    spans = [dates.value_interval((r.get("date") or {}).get("value")) for r in records]
    spans = [s for s in spans if s]
    period = f"{min(s[0] for s in spans)} to {max(s[1] for s in spans)}" if spans else "undated"
    counts = Counter(r["record_type"] for r in records)
    return (
        f"# {title or 'The story'}\n\n"
        f"{len(articles)} article(s); {counts['statement']} statement(s) and "
        f"{counts['event']} event(s) dated {period}. Dates marked * are known only from "
        "the article's publication date."
    )


def _sources(articles: list[dict]) -> str:
    if not articles:
        return ""
    lines = ["## Sources", ""]
    for article in sorted(articles, key=lambda a: (a.get("published") or "", a["id"])):
        line = (
            f"- {article.get('published') or 'undated'} · {article.get('source') or 'unknown outlet'}"
            f" — *{_inline(article.get('title') or article['id'])}* (`{article['id']}`)"
        )
        if article.get("canonical_id"):
            line += f" — near-duplicate of `{article['canonical_id']}`, not counted"
        lines.append(line)
    return "\n".join(lines)


def _whos_who(records: list[dict]) -> str:
    entities = [e for e in all_entities(records) if is_actor(e)]
    if not entities:
        return ""
    counts = Counter(entity_key(e) for e in entities)
    first = {}
    for entity in entities:
        first.setdefault(entity_key(entity), entity)
    lines = ["## Who's who", ""]
    for key, n in counts.most_common(MAX_ACTORS):
        entity = first[key]
        facts = [entity.get("kind"), entity.get("country"), entity.get("role")]
        about = ", ".join(f for f in facts if f and f != "unknown")
        lines.append(
            f"- **{display_name(entity)}**{f' ({about})' if about else ''}: named in {n} record(s)"
        )
    return "\n".join(lines)


def names(entities: list[dict]) -> str:
    return " and ".join(display_name(e) for e in entities) or "someone"


def event_phrase(item: dict) -> str:
    """An event or story event in words, as in: Donald Trump consults Vladimir Putin
    [phone] (conditional: if …), per JD Vance."""
    actors = item["actor"]
    acting = {entity_key(a) for a in actors}
    recipients = [r for r in item["recipient"] if entity_key(r) not in acting]  # merged reports may name one twice
    if not recipients and len(actors) > 1 and item["type"] in load("relations")["mutual"]:
        actors, recipients = actors[:1], actors[1:]  # "Trump and Putin spoke"
    verb = relation(item["type"])
    words = verb["phrase"] if recipients else verb["relation"]
    text = f"{names(actors)} {_agreeing(words, len(actors))}"
    if recipients:
        text += f" {names(recipients)}"
    modes = modes_of(item)
    if modes:
        text += f" [{', '.join(modes)}]"
    note = FACTUALITY_NOTES.get(item.get("factuality") or "")
    if item.get("condition"):
        note = f"{note or 'if'}: {item['condition']}"
    text += f" ({note})" if note else ""
    claimants = item.get("claimants") or _claimant(item)
    return text + (f", per {names(claimants)}" if claimants else "")


def _agreeing(words: str, subjects: int) -> str:
    """The relation's verb in the plural for several actors ("Russia and Putin concede to");
    every relation verb is regular, so its third-person "s" goes."""
    if subjects < 2:
        return words
    verb, _, rest = words.partition(" ")
    return f"{verb.removesuffix('s')} {rest}".rstrip()


def _claimant(record: dict) -> list[dict]:
    claimant = (record.get("attribution") or {}).get("claimant")
    actors = {entity_key(e) for e in record.get("actor") or []}
    return [claimant] if claimant and entity_key(claimant) not in actors else []


def _reports(story: dict) -> str:
    return f"{story['num_mentions']} report(s) in {story['num_articles']} article(s)"


def _evidence(story: dict) -> list[str]:
    """One quoted sentence per article, flagged where the article is a near-duplicate."""
    seen, lines = set(), []
    for mention in story["mentions"]:
        if mention["article_id"] in seen:
            continue
        seen.add(mention["article_id"])
        flag = " (near-duplicate, not counted)" if mention["near_duplicate_of"] else ""
        lines.append(f"  > {_inline(mention['sentence'])} — `{mention['article_id']}`{flag}")
    return lines


def _happened(stories: list[dict]) -> str:
    if not stories:
        return ""
    lines = ["## What happened", ""]
    for item in stories:
        lines.append(f"- **{dates.label(item['date'])}** — {event_phrase(item)} — {_reports(item)}")
        lines += _evidence(item)
    return "\n".join(lines)


def _said(stories: list[dict]) -> str:
    if not stories:
        return ""
    lines = ["## What was said", ""]
    for item in stories:
        lines.append(
            f"- **{dates.label(item['date'])}** — {names(item['actor'])} ({item['trigger']}): "
            f"“{_inline(item['content'])}” — {_reports(item)}"
        )
    return "\n".join(lines)


def _shifts(found: list[dict]) -> str:
    lines = ["## Positions and shifts", ""]
    if not found:
        return "\n".join([*lines, "No actor's position on an issue changed in these records."])
    for shift in found:
        start, end = shift["from"], shift["to"]
        issue = shift["issue"]["name"] + (
            f" ({shift['issue']['context']})" if shift["issue"]["context"] else ""
        )
        cue = f", the text says “{shift['cue']}”" if shift["cue"] else ""
        lines.append(
            f"- **{display_name(shift['actor'])} on {issue}**: {start['stance']} "
            f"({dates.label(start['date'])}) → {end['stance']} ({dates.label(end['date'])}) — "
            f"{shift['degree']}, {shift['direction']} ({shift['basis']}{cue})"
        )
        lines.append(f"  > before: {_point_evidence(start)}")
        lines.append(f"  > after: {_point_evidence(end)}")
    return "\n".join(lines)


def _point_evidence(point: dict) -> str:
    """The sentence, and the quote too when the statement runs past its first sentence."""
    sentence, said = _inline(point["sentence"]), _inline(point.get("content"))
    quote = f" (said: “{said}”)" if said and said not in sentence else ""
    return f"{sentence}{quote} — `{point['article_id']}`"


def _levers(records: list[dict], articles: list[dict]) -> str:
    levers = lever_map(records, articles=articles)
    if not levers.edges:
        return ""
    return f"## Who presses whom\n\n```text\n{levers.outline()}\n```"


def _timeline(records: list[dict], near_duplicates: set[str]) -> str:
    if not records:
        return ""
    lines = ["## Timeline", "", "| date | who | what | article |", "|---|---|---|---|"]
    for record in records:
        source = f"`{record['article_id']}`"
        if record["article_id"] in near_duplicates:
            source += " (near-duplicate)"
        lines.append(
            f"| {dates.label(record.get('date'))} | {_cell(_who(record))} | "
            f"{_cell(_what(record))} | {source} |"
        )
    return "\n".join(lines)


def _who(record: dict) -> str:
    if record["record_type"] == "statement":
        return display_name(record.get("speaker"))
    return names(record.get("actor") or [])


def _what(record: dict) -> str:
    if record["record_type"] == "statement":
        return f"{record.get('cue')}: “{record.get('content')}”"
    return event_phrase(record).removeprefix(names(record.get("actor") or []) + " ")


def _inline(text: str | None) -> str:
    return " ".join((text or "").split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")
