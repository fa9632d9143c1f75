"""Hand-built records for the story-analysis tests (``from test_analyze_records import …``).

Records are made with ``dossier.records`` dataclasses, so they have exactly the
published shape the extractors emit; the tests here check that they validate.
"""

from __future__ import annotations

from dossier.records import Article, Attribution, DateValue, Entity, Event, Mention, Statement
from dossier.schema import validate


def person(name: str, actor_id: str, country: str) -> Entity:
    return Entity(
        text=name.split()[-1], name=name, actor_id=actor_id, country=country, kind="person"
    )


def state(name: str, code: str) -> Entity:
    return Entity(text=name, name=name, actor_id=code, country=code, kind="state")


VANCE = person("JD Vance", "jd-vance", "USA")
TRUMP = person("Donald Trump", "donald-trump", "USA")
PUTIN = person("Vladimir Putin", "vladimir-putin", "RUS")
ZELENSKY = person("Volodymyr Zelensky", "volodymyr-zelensky", "UKR")
RUTTE = person("Mark Rutte", "mark-rutte", "NLD")
USA = state("United States", "USA")
RUSSIA = state("Russia", "RUS")
UKRAINE = state("Ukraine", "UKR")
INDIA = state("India", "IND")
EUROPE = Entity(text="Europe", name="Europe", actor_id="europe", kind="region")


def date(value: str | None, granularity: str = "day", basis: str = "text", text=None) -> DateValue:
    return DateValue(value, granularity, text or value, basis)


def article(article_id: str, published: str, text: str = "", **fields) -> dict:
    return Article(id=article_id, text=text or "(text)", published=published, **fields).to_json()


def event(*args, **kwargs) -> dict:
    return event_record(*args, **kwargs).to_json()


def statement(*args, **kwargs) -> dict:
    return statement_record(*args, **kwargs).to_json()


def event_record(
    article_id: str,
    sentence: str,
    type: str,
    actor: list[Entity],
    recipient: list[Entity],
    when: DateValue | None,
    *,
    start: int = 0,
    claimant: Entity | None = None,
    **fields,
) -> Event:
    attribution = Attribution("actor", claimant) if claimant else Attribution()
    return Event(
        article_id=article_id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        actor=actor,
        recipient=recipient,
        type=type,
        date=when,
        attribution=attribution,
        **fields,
    )


def statement_record(
    article_id: str,
    sentence: str,
    speaker: Entity,
    content: str,
    when: DateValue | None,
    *,
    start: int = 0,
    cue: str = "said",
    **fields,
) -> Statement:
    return Statement(
        article_id=article_id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        speaker=speaker,
        cue=cue,
        cue_lemma=cue,
        content=content,
        date=when,
        **fields,
    )


def mention(article_id: str, sentence: str, entity: Entity, start: int = 0) -> dict:
    """A name in a sentence, resolved to ``entity`` (how analysis learns surface forms)."""
    at = sentence.index(entity.text)
    return Mention(
        article_id=article_id,
        sentence=sentence,
        start=start + at,
        end=start + at + len(entity.text),
        text=entity.text,
        entity=entity,
    ).to_json()


def test_builders_make_published_records():
    records = [
        article("a1", "2025-02-14"),
        event("a1", "Trump rang Putin.", "CONSULT", [TRUMP], [PUTIN], date("2025-02-12")),
        statement("a1", "Vance said he cares.", VANCE, "I care.", date("2025-02-14")),
        mention("a1", "Vance said he cares.", VANCE),
    ]
    for record in records:
        validate(record)
