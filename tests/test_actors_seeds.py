"""Actor resolution on the two seed articles in ../shared/seeds (skipped when absent).

The expectations name who each phrase is, never the articles' wording beyond short names.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from dossier import kb as kb_module
from dossier.extract.actors import actors
from dossier.extract.base import Context
from test_actors_fixtures import PEOPLE_YAML

#: Seed people by the spelling the seeds use; the shipped KB must know them all.
SEED_NAMES = ["Zelenskiy", "Marco Rubio", "Pete Hegseth", "Mark Rutte", "Annalena Baerbock",
              "Keir Starmer", "Sergei Lavrov", "Vladimir Putin", "Donald Trump", "JD Vance", "Kristen Welker"]


@pytest.fixture(scope="module")
def seed_kb(tmp_path_factory):
    """The shipped KB; while the people files are being written, the test people are merged
    in for anyone the shipped files do not know yet (same ids, so nothing doubles)."""
    kb = kb_module.load()
    known = {n for n in SEED_NAMES if any(c.kind == "person" for c in kb.lookup(n))}
    if known == set(SEED_NAMES):
        return kb
    path = tmp_path_factory.mktemp("kb") / "seed_people.yaml"
    people = yaml.safe_load(PEOPLE_YAML)
    path.write_text(yaml.safe_dump(people), encoding="utf-8")
    return kb_module.load(user_files=[path])


@pytest.fixture(scope="module")
def seeds(shared_dir, nlp, seed_kb):
    """article id -> (text, mentions)."""
    result = {}
    for line in (shared_dir / "seeds" / "articles.jsonl").read_text().splitlines():
        meta = json.loads(line)
        text = (shared_dir / "seeds" / meta["file"]).read_text(encoding="utf-8")
        ctx = Context(meta["id"], published=dt.date.fromisoformat(meta["published"]), kb=seed_kb)
        result[meta["id"]] = (text, actors(nlp(text), ctx))
    return result


FEB, AUG = "seed-2025-02-14", "seed-2025-08-24"

#: (article, text contained in the mention, surname or actor id, office, country, sector)
PEOPLE = [
    (FEB, "Zelenskiy", "Zelensk", "head_of_state", "UKR", "GOV"),
    (FEB, "Marco Rubio", "Rubio", "foreign_minister", "USA", "GOV"),
    (FEB, "Pete Hegseth", "Hegseth", "defence_minister", "USA", "GOV"),
    (FEB, "Mark Rutte", "Rutte", "secretary_general", "IGO", "GOV"),
    (FEB, "Annalena Baerbock", "Baerbock", "foreign_minister", "DEU", "GOV"),
    (FEB, "Keir Starmer", "Starmer", "head_of_government", "GBR", "GOV"),
    (FEB, "Vladimir Putin", "Putin", "head_of_state", "RUS", "GOV"),
    (FEB, "JD Vance", "Vance", "vice_president", "USA", "GOV"),
    (FEB, "Donald Trump", "Trump", "head_of_state", "USA", "GOV"),
    (AUG, "Sergei Lavrov", "Lavrov", "foreign_minister", "RUS", "GOV"),
    (AUG, "Kristen Welker", "Welker", "journalist", "USA", "MED"),
    (AUG, "JD Vance", "Vance", "vice_president", "USA", "GOV"),
    (AUG, "Vladimir Putin", "Putin", "head_of_state", "RUS", "GOV"),
    (AUG, "President Trump", "Trump", "head_of_state", "USA", "GOV"),
]

BODIES = [
    (FEB, "NATO", "nato", "igo", "IGO"),
    (FEB, "European Union", "eu", "igo", "IGO"),
    (FEB, "Reuters", "reuters", "media", None),
    (FEB, "Wall Street Journal", "wsj", "media", None),
    (AUG, "NBC", "nbc", "media", None),
    (AUG, "United Nations Security Council", "unsc", "igo", "IGO"),
]


def containing(mentions, text):
    return [m for m in mentions if text in m.text]


@pytest.mark.parametrize(("article", "text", "who", "office", "country", "sector"), PEOPLE)
def test_named_people_resolve_with_their_role(seeds, article, text, who, office, country, sector):
    found = containing(seeds[article][1], text)
    assert found, f"{text!r} not found"
    for m in found:
        e = m.entity
        assert e.kind == "person" and who in (e.name or ""), (m.text, e)
        assert e.actor_id and not e.actor_id.startswith("article:"), (m.text, e)
        assert (e.role, e.country, e.sector) == (office, country, sector), (m.text, e)


@pytest.mark.parametrize(("article", "text", "actor_id", "kind", "country"), BODIES)
def test_named_bodies_resolve(seeds, article, text, actor_id, kind, country):
    found = [m for m in seeds[article][1] if m.text == text]
    assert found, f"{text!r} not found"
    for m in found:
        assert (m.entity.actor_id, m.entity.kind) == (actor_id, kind)
        if country:
            assert m.entity.country == country


def test_media_sector(seeds):
    for article in (FEB, AUG):
        for m in seeds[article][1]:
            if m.entity.kind == "media":
                assert m.entity.sector == "MED"


@pytest.mark.parametrize("article", [FEB, AUG])
def test_capitals_are_governments_never_people(seeds, article):
    for m in seeds[article][1]:
        if m.text in ("Kyiv", "Moscow", "Washington", "Kremlin", "New Delhi"):
            assert m.entity.kind in ("state", "place"), m
            if m.label != "PLACE":
                assert m.entity.sector == "GOV" and m.entity.actor_id in ("UKR", "RUS", "USA", "IND")


def test_acting_capitals(seeds):
    feb = seeds[FEB][1]
    assert {m.entity.country for m in feb if m.text in ("Kyiv", "Moscow", "Washington") and m.label != "PLACE"} == {
        "UKR", "RUS", "USA"}


def test_she_said_is_baerbock(seeds):
    text, mentions = seeds[FEB]
    she = [m for m in mentions if m.text == "she"]
    assert she and she[0].entity.name and "Baerbock" in she[0].entity.name
    antecedent = next(m for m in mentions if m.start == she[0].antecedent)
    assert "Baerbock" in antecedent.text


def test_he_added_is_starmer(seeds):
    _, mentions = seeds[FEB]
    starmer = next(m for m in mentions if "Keir Starmer" in m.text)
    after = [m for m in mentions if m.text == "he" and m.start > starmer.start]
    assert after and "Starmer" in after[0].entity.name


def test_title_only_mentions_name_the_holder(seeds):
    feb, aug = seeds[FEB][1], seeds[AUG][1]
    assert "Putin" in next(m for m in feb if m.text == "Russian president").entity.name
    us_vp = next(m for m in aug if m.text == "US Vice President" and m.antecedent is not None)
    assert "Vance" in us_vp.entity.name


def test_places_and_regions(seeds):
    feb, aug = seeds[FEB][1], seeds[AUG][1]
    assert all(m.label == "PLACE" for m in feb if m.text == "Munich")
    assert all(m.label == "PLACE" for m in aug if m.text == "Alaska")
    europe = [m for m in feb if m.text == "European governments"]
    assert europe and (europe[0].entity.kind, europe[0].entity.sector) == ("region", "GOV")
    forces = next(m for m in feb if m.text == "Russian forces").entity
    assert (forces.country, forces.sector) == ("RUS", "MIL")


def test_anonymous_and_institutional_actors(seeds):
    feb = seeds[FEB][1]
    delegation = next(m for m in feb if "delegation source" in m.text).entity
    assert delegation.actor_id.startswith("article:") and delegation.country == "UKR"
    office = next(m for m in feb if m.text == "Starmer's office").entity
    assert (office.country, office.sector) == ("GBR", "GOV")


def test_no_pronoun_is_left_pointing_nowhere(seeds):
    for article in (FEB, AUG):
        _, mentions = seeds[article]
        starts = {m.start for m in mentions}
        for m in mentions:
            if m.antecedent is not None:
                assert m.antecedent in starts


@pytest.mark.slow
def test_plover_gold_actor_texts_map_to_their_country(shared_dir, nlp):
    from dossier.eval.actors import evaluate

    result = evaluate(shared_dir / "data/events/plover/PLOVER_GSR_CAMEO.txt", nlp=nlp)
    assert result["gold_actor_texts"] == 650
    assert result["accuracy_of_all"] >= 0.75
