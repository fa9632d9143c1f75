"""Statements in the two seed articles, through the full default pipeline.

Speakers are checked by surname against the span text or the resolved name, whichever
the actors component gives, so the tests hold with or without actor resolution.
"""

from __future__ import annotations

import json

import pytest

from dossier.records import Statement

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(shared_dir, extract):
    """``seed(prefix)`` -> (text, statements) of the seed file whose name starts so."""
    metas = [json.loads(line) for line in (shared_dir / "seeds" / "articles.jsonl").read_text().splitlines()]
    cache: dict[str, tuple[str, list[Statement]]] = {}

    def load(prefix: str) -> tuple[str, list[Statement]]:
        if prefix not in cache:
            meta = next(m for m in metas if m["file"].startswith(prefix))
            text = (shared_dir / "seeds" / meta["file"]).read_text(encoding="utf-8")
            records = extract(text, published=meta["published"], title=meta["title"])
            cache[prefix] = (text, [r for r in records if isinstance(r, Statement)])
        return cache[prefix]

    return load


def content_of(text: str, st: Statement) -> str:
    return " ".join(text[s:e] for s, e in st.content_span)


def saying(text: str, statements: list[Statement], fragment: str) -> list[Statement]:
    found = [st for st in statements if fragment in content_of(text, st)]
    assert found, f"no statement holds {fragment!r}"
    return found


def spoken_by(st: Statement, surname: str) -> bool:
    if st.speaker is None:
        return False
    return surname in st.speaker.text or surname in (st.speaker.name or "")


def by(found: list[Statement], *surnames: str) -> Statement:
    mine = [st for st in found if any(spoken_by(st, name) for name in surnames)]
    assert mine, [(st.speaker, st.cue) for st in found]
    return mine[0]


FEB = "2025-02-14"
AUG = "2025-08-24"


def test_headline_is_a_warning_by_vance(seed):
    text, statements = seed(FEB)
    st = by(saying(text, statements, "Possible Sanctions"), "Vance")
    assert st.cue_lemma == "warn"


def test_vance_told_reporters(seed):
    text, statements = seed(FEB)
    st = by(saying(text, statements, "negotiated settlement"), "Vance")
    assert st.kind == "direct" and st.cue_lemma == "tell"
    assert st.addressee is not None and st.addressee.text == "reporters"


def test_vance_interview_continues_into_next_paragraph(seed):
    text, statements = seed(FEB)
    st = by(saying(text, statements, "tools of leverage"), "Vance")
    assert st.kind == "mixed"
    assert "formulations" in content_of(text, st)
    assert st.venue is not None and "Wall Street Journal" in st.venue


def test_vance_indirect_sanctions_threat(seed):
    text, statements = seed(FEB)
    st = by(saying(text, statements, "military action"), "Vance")
    assert st.kind == "indirect" and st.cue_lemma == "say"


def test_baerbock_she_said_covers_both_sentences(seed):
    text, statements = seed(FEB)
    st = by(saying(text, statements, "gain nothing"), "Baerbock", "she")
    assert st.cue_lemma == "say"
    assert st.kind == "direct"
    assert "lasting security" in content_of(text, st)


def test_rutte_partial_quotes(seed):
    text, statements = seed(FEB)
    for fragment in ("maximum strength", "lasting peace", "absolutely right"):
        st = by(saying(text, statements, fragment), "Rutte")
        assert st.kind == "mixed", fragment
    assert by(saying(text, statements, "grow up"), "Rutte").kind == "direct"


def test_starmer_office_with_nested_added(seed):
    text, statements = seed(FEB)
    found = saying(text, statements, "security guarantees")
    office = [st for st in found if st.speaker and "office" in st.speaker.text]
    assert office and office[0].cue_lemma == "say"
    added = [st for st in found if st.cue_lemma == "add"]
    assert added and added[0].speaker is not None
    told = by(found, "Starmer")
    assert told.cue_lemma == "tell" and told.addressee is not None
    assert "Zelenskiy" in told.addressee.text


def test_podcast_line_is_dated_2022(seed):
    text, statements = seed(FEB)
    st = by(saying(text, statements, "one way or the other"), "Vance")
    assert st.kind == "direct"
    assert st.venue is not None and "podcast" in st.venue
    assert st.date is not None and st.date.value == "2022"


def test_vance_concessions_quotes(seed):
    text, statements = seed(AUG)
    for fragment in ("significant concessions", "flexible", "puppet regime", "stop the killing"):
        found = saying(text, statements, fragment)
        assert any(spoken_by(st, "Vance") for st in found), fragment


def test_lavrov_proposal(seed):
    text, statements = seed(AUG)
    st = by(saying(text, statements, "guarantors"), "Lavrov")
    assert st.kind == "indirect"
    assert st.venue is not None and "interview" in st.venue


def test_sources_account_of_putin_demands(seed):
    text, statements = seed(AUG)
    st = by(saying(text, statements, "Donbas"), "sources")
    assert st.cue_lemma == "tell"
    assert st.addressee is not None and st.addressee.text == "Reuters"
