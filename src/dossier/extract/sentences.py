"""Sentence records, and plain named-entity mentions until actor resolution runs."""

from __future__ import annotations

from dossier.extract.base import Context, register
from dossier.records import Entity, Mention, Record, Sentence

#: spaCy NER labels that can name an actor or a place.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@register("sentences", version="2")
def sentences(doc, ctx: Context) -> list[Record]:
    return [
        Sentence(ctx.article_id, sent.text, sent.start_char, sent.end_char) for sent in doc.sents
    ]


@register("entities")
def entities(doc, ctx: Context) -> list[Record]:
    """spaCy's named entities as unresolved mentions (``actors`` supersedes this)."""
    return [
        Mention(
            ctx.article_id,
            ent.sent.text,
            ent.start_char,
            ent.end_char,
            text=ent.text,
            label=ent.label_,
            entity=Entity(text=ent.text, start=ent.start_char, end=ent.end_char),
        )
        for ent in doc.ents
        if ent.label_ in ACTOR_LABELS
    ]
