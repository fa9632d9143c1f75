"""The published record schema (JSON Schema 2020-12) that every exported record follows.

One shape for every consumer: the CLI's ``--json``, ``dossier export``, ``dossier code``
and the REST API all emit these objects. Later record types extend ``RECORDS``.
"""

from __future__ import annotations

from typing import Any

PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip

ENTITY_KINDS = [
    "person",
    "state",
    "igo",
    "ngo",
    "media",
    "armed_group",
    "region",
    "place",
    "population",  # the people of a place a curfew or aid falls on (events' recipients)
    "unknown",
]
FACTUALITY = ["asserted", "negated", "hypothetical", "conditional", "future", "historical"]

_str = {"type": ["string", "null"]}
_int = {"type": ["integer", "null"]}
_spans = {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}

DEFS: dict[str, Any] = {
    "date": {
        "type": ["object", "null"],
        "description": "A resolved date: ISO-prefix value, its granularity, the text, and its basis.",
        "properties": {
            "value": _str,
            "granularity": _str,
            "text": _str,
            "basis": {"enum": ["text", "publication"]},
            "start": _str,
            "end": _str,
        },
        "required": ["value", "granularity", "text", "basis"],
        "additionalProperties": False,
    },
    "entity": {
        "type": "object",
        "description": "Who: a span resolved to an actor (actor_id) with country, sector, kind.",
        "properties": {
            "text": {"type": "string"},
            "name": _str,
            "actor_id": _str,
            "country": _str,
            "sector": _str,
            "kind": {"enum": ENTITY_KINDS},
            "role": _str,
            "start": _int,
            "end": _int,
            "country_basis": _str,
        },
        "required": ["text", "name", "actor_id", "country", "sector", "kind"],
        "additionalProperties": False,
    },
    "location": {
        "type": ["object", "null"],
        "properties": {
            "name": {"type": "string"},
            "country": _str,
            "lat": {"type": ["number", "null"]},
            "lon": {"type": ["number", "null"]},
        },
        "required": ["name"],
        "additionalProperties": False,
    },
    "attribution": {
        "type": "object",
        "description": "article: the article asserts the event; actor: a claimant says so.",
        "properties": {
            "by": {"enum": ["article", "actor"]},
            "claimant": {"oneOf": [{"$ref": "#/$defs/entity"}, {"type": "null"}]},
            "statement_id": _str,
        },
        "required": ["by"],
        "additionalProperties": False,
    },
}

_entity_or_null = {"oneOf": [{"$ref": "#/$defs/entity"}, {"type": "null"}]}
_entities = {"type": "array", "items": {"$ref": "#/$defs/entity"}}


def _record(
    record_type: str, description: str, fields: dict[str, Any], required: list[str]
) -> dict:
    properties = {
        "record_type": {"const": record_type},
        "id": {"type": "string"},
        "article_id": {"type": ["string", "null"]},
        "sentence": _str,
        "start": _int,
        "end": _int,
        **fields,
    }
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": ["record_type", "id", "article_id", "sentence", "start", "end", *required],
        "additionalProperties": False,
    }


RECORDS: dict[str, dict] = {
    "article": _record(
        "article",
        "An ingested article; its text is what every offset points into.",
        {
            "text": {"type": "string"},
            "title": _str,
            "published": _str,
            "published_precision": _str,
            "source": _str,
            "url": _str,
            "path": _str,
            "sha256": _str,
            "canonical_id": _str,
        },
        ["text", "title", "published", "source", "url", "path"],
    ),
    "actor": _record(
        "actor",
        "An actor of the knowledge base, or one made for a single article (article_id set).",
        {
            "name": {"type": "string"},
            "kind": {"enum": ENTITY_KINDS},
            "country": _str,
            "sector": _str,
            "roles": {"type": "array", "items": {"type": "object"}},
            "descriptors": {"type": "array", "items": {"type": "string"}},
        },
        ["name", "kind", "country"],
    ),
    "mention": _record(
        "mention",
        "A span naming or referring to an actor (names, titles, metonyms, pronouns).",
        {
            "text": {"type": "string"},
            "label": {"type": "string"},
            "entity": _entity_or_null,
            "antecedent": _int,
        },
        ["text", "entity"],
    ),
    "timex": _record(
        "timex",
        "A TimeML TIMEX3 with its normalised value and calendar reading.",
        {
            "text": {"type": "string"},
            "type": {"enum": ["DATE", "TIME", "DURATION", "SET"]},
            "value": {"type": "string"},
            "date": {"$ref": "#/$defs/date"},
            "mod": _str,
        },
        ["text", "type", "value"],
    ),
    "statement": _record(
        "statement",
        "Who said what (cue, content), to whom, where and when.",
        {
            "speaker": _entity_or_null,
            "cue": {"type": "string"},
            "cue_lemma": {"type": "string"},
            "content": {"type": "string"},
            "kind": {"enum": ["direct", "indirect", "mixed"]},
            "addressee": _entity_or_null,
            "venue": _str,
            "date": {"$ref": "#/$defs/date"},
            "speaker_span": _spans,
            "cue_span": _spans,
            "content_span": _spans,
        },
        ["speaker", "cue", "content", "kind", "addressee", "venue", "date"],
    ),
    "event": _record(
        "event",
        "A PLOVER event: actor and recipient lists, type, mode, contexts, factuality.",
        {
            "actor": _entities,
            "recipient": _entities,
            "type": {"enum": PLOVER_TYPES},
            "mode": _str,
            "modes": {"type": "array", "items": {"type": "string"}},
            "contexts": {"type": "array", "items": {"type": "string"}},
            "cameo": _str,
            "intensity": {"type": ["number", "null"]},
            "factuality": {"enum": FACTUALITY},
            "condition": _str,
            "deadline": {"$ref": "#/$defs/date"},
            "attribution": {"$ref": "#/$defs/attribution"},
            "date": {"$ref": "#/$defs/date"},
            "location": {"$ref": "#/$defs/location"},
            "trigger": {"type": "string"},
            "trigger_span": {"type": "array", "items": {"type": "integer"}},
        },
        ["actor", "recipient", "type", "mode", "contexts", "date", "factuality", "attribution"],
    ),
}


def json_schema() -> dict[str, Any]:
    """The whole schema: one object that is any of the record types."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dossier.invalid/schema/record.json",
        "title": "dossier record",
        "description": "Every record dossier exports; record_type says which shape applies.",
        "$defs": {**DEFS, **{f"record_{name}": body for name, body in RECORDS.items()}},
        "oneOf": [{"$ref": f"#/$defs/record_{name}"} for name in RECORDS],
    }


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` naming the field when ``record`` is off-schema."""
    from jsonschema import Draft202012Validator

    schema = json_schema()
    record_type = record.get("record_type")
    if record_type not in RECORDS:
        raise ValueError(f"unknown record_type {record_type!r}")
    typed = {"$defs": schema["$defs"], "$ref": f"#/$defs/record_{record_type}"}
    Draft202012Validator(typed).validate(record)


# -- story analysis (issue 7): story events, shifts, lever-map edges -----------------------
# Records made by ``dossier.analyze`` from many records; ``article_id`` and the
# provenance fields are null when a record spans articles.

STANCES = [
    "cooperative", "hostile", "support", "oppose", "threat", "condition", "concession",
    "demand", "neutral",
]  # fmt: skip
FLIP_O_METER = ["no flip", "half flip", "full flop"]

_mention_item = {
    "type": "object",
    "description": "One report of the happening: the record, its article and sentence.",
    "properties": {
        "record_id": {"type": "string"},
        "article_id": {"type": "string"},
        "sentence": _str,
        "start": _int,
        "end": _int,
        "date": {"$ref": "#/$defs/date"},
        "near_duplicate_of": {
            **_str,
            "description": "Set when the article is a near-duplicate: listed, not counted.",
        },
    },
    "required": ["record_id", "article_id", "sentence", "start", "end"],
    "additionalProperties": False,
}
_evidence_item = {
    "type": "object",
    "properties": {k: _mention_item["properties"][k] for k in _mention_item["required"]},
    "required": _mention_item["required"],
    "additionalProperties": False,
}
_stance_point = {
    "type": "object",
    "description": "One end of a shift: the dated stance and the record it rests on.",
    "properties": {
        "date": {"$ref": "#/$defs/date"},
        "stance": {"enum": STANCES},
        "score": {"type": ["number", "null"]},
        "sentence": _str,
        "content": {**_str, "description": "What was said, when the record is a statement."},
        "record_id": {"type": "string"},
        "article_id": _str,
    },
    "required": ["date", "stance", "sentence", "record_id"],
    "additionalProperties": False,
}
_plover_type_or_null = {"enum": [*PLOVER_TYPES, None]}

RECORDS.update(
    {
        "story_event": _record(
            "story_event",
            "One happening (kind event) or one saying (kind statement) with every report of it.",
            {
                "kind": {"enum": ["event", "statement"]},
                "type": _plover_type_or_null,
                "mode": _str,
                "modes": {
                    "type": "array", "items": {"type": "string"},
                    "description": "Every mode its reports give, the leading report's first.",
                },
                "contexts": {"type": "array", "items": {"type": "string"}},
                "factuality": {"enum": FACTUALITY},
                "condition": _str,
                "actor": _entities,
                "recipient": _entities,
                "claimants": {
                    **_entities,
                    "description": "Who (other than the actors) is said to have told of it.",
                },
                "date": {"$ref": "#/$defs/date"},
                "trigger": _str,
                "content": _str,
                "mentions": {"type": "array", "items": _mention_item, "minItems": 1},
                "num_mentions": {"type": "integer", "minimum": 0},
                "num_articles": {"type": "integer", "minimum": 0},
            },
            [
                "kind",
                "type",
                "actor",
                "recipient",
                "date",
                "mentions",
                "num_mentions",
                "num_articles",
            ],
        ),
        "shift": _record(
            "shift",
            "A change of an actor's stance on an issue, graded as the Flip-O-Meter grades.",
            {
                "actor": {"$ref": "#/$defs/entity"},
                "issue": {
                    "type": "object",
                    "properties": {"target": _str, "name": _str, "context": _str},
                    "required": ["target", "context"],
                    "additionalProperties": False,
                },
                "from": _stance_point,
                "to": _stance_point,
                "direction": {"enum": ["more cooperative", "more hostile", "unclear"]},
                "degree": {"enum": FLIP_O_METER},
                "basis": {"enum": ["reported", "inferred"]},
                "cue": _str,
            },
            ["actor", "issue", "from", "to", "direction", "degree", "basis"],
        ),
        "edge": _record(
            "edge",
            "A lever-map relation: one story event from one actor to one recipient.",
            {
                "source": {"$ref": "#/$defs/entity"},
                "target": {"$ref": "#/$defs/entity"},
                "relation": {"type": "string"},
                "type": _plover_type_or_null,
                "mode": _str,
                "contexts": {"type": "array", "items": {"type": "string"}},
                "factuality": {"enum": FACTUALITY},
                "condition": _str,
                "date": {"$ref": "#/$defs/date"},
                "story_event_id": {"type": "string"},
                "evidence": {"type": "array", "items": _evidence_item},
                "num_mentions": {"type": "integer", "minimum": 0},
                "num_articles": {"type": "integer", "minimum": 0},
            },
            ["source", "target", "relation", "date", "factuality", "evidence"],
        ),
    }
)
