"""Actor resolution on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier import kb as kb_module
from dossier.extract.actors import actors
from dossier.extract.base import Context, get_component
from dossier.records import Mention
from test_actors_fixtures import PEOPLE_YAML


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    people = tmp_path_factory.mktemp("kb") / "people.yaml"
    people.write_text(PEOPLE_YAML, encoding="utf-8")
    return kb_module.load(user_files=[people])


@pytest.fixture(scope="module")
def resolve(nlp, kb):
    def run(text: str, date: str = "2025-03-10") -> list[Mention]:
        ctx = Context(article_id="t", published=dt.date.fromisoformat(date), kb=kb)
        return actors(nlp(text), ctx)

    return run


def mention(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[nth]


def test_registered_as_a_component():
    assert get_component("actors")[0] is actors


def test_title_and_country_name_the_office_holder_of_the_day(resolve):
    text = "The U.S. Secretary of State flew to Brussels for a meeting with allies."
    assert mention(resolve(text, "2023-05-02"), "U.S. Secretary of State").entity.name == "Antony Blinken"
    later = mention(resolve(text, "2025-05-02"), "U.S. Secretary of State").entity
    assert (later.name, later.role, later.country, later.sector) == ("Marco Rubio", "foreign_minister", "USA", "GOV")


def test_adjective_title_phrase(resolve):
    found = resolve("Talks stalled after the Russian foreign minister left the room early.")
    entity = mention(found, "Russian foreign minister").entity
    assert (entity.actor_id, entity.kind, entity.country, entity.role) == ("sergey-lavrov", "person", "RUS", "foreign_minister")


def test_roles_are_those_held_at_the_date(resolve):
    text = "JD Vance gave a long interview on trade policy."
    assert mention(resolve(text, "2022-06-01"), "JD Vance").entity.role is None
    assert mention(resolve(text, "2025-06-01"), "JD Vance").entity.role == "vice_president"


def test_an_official_counts_for_the_body(resolve):
    entity = mention(resolve("Mark Rutte urged members to buy more air defence."), "Mark Rutte").entity
    assert (entity.country, entity.role) == ("IGO", "secretary_general")


def test_surname_and_title_mentions_chain_to_the_full_name(resolve):
    text = ("Sergei Lavrov arrived in Ankara on Monday. Lavrov later met the Turkish side. "
            "The Russian foreign minister did not take questions.")
    found = resolve(text)
    first = mention(found, "Sergei Lavrov")
    assert mention(found, "Lavrov").antecedent == first.start
    title = mention(found, "Russian foreign minister")
    assert title.entity.actor_id == first.entity.actor_id and title.antecedent == first.start


def test_people_outside_the_kb_chain_by_surname(resolve):
    found = resolve("Analyst Priya Okonkwo-Hale wrote a report. Okonkwo-Hale argued that prices would rise.")
    full, short = mention(found, "Priya Okonkwo-Hale"), mention(found, "Okonkwo-Hale")
    assert full.entity.actor_id.startswith("article:")
    assert short.entity.actor_id == full.entity.actor_id and short.antecedent == full.start


def test_pronouns_follow_gender_and_prefer_the_previous_subject(resolve):
    text = ("Annalena Baerbock phoned Marco Rubio on Tuesday. She asked him about tariffs.\n\n"
            "Rubio thanked Baerbock for the call. He said that the allies agreed.")
    found = resolve(text)
    assert mention(found, "She").entity.name == "Annalena Baerbock"
    assert mention(found, "him").entity.name == "Marco Rubio"
    he = mention(found, "He")
    assert he.entity.name == "Marco Rubio" and he.antecedent == mention(found, "Rubio").start


def test_pronoun_after_a_quote_names_the_earlier_speaker(resolve):
    text = ("Annalena Baerbock repeated her warning about the ceasefire on Sunday.\n\n"
            '"Nobody in Kyiv or in Washington wants a deal that fails," she said.')
    she = mention(resolve(text), "she")
    assert she.entity.actor_id == "annalena-baerbock"


def test_pronoun_in_a_quote_is_not_its_speaker(resolve):
    text = ("Marco Rubio praised Donald Trump on Friday.\n\n"
            '"He has moved the talks forward," Rubio said.')
    assert mention(resolve(text), "He").entity.name == "Donald Trump"


def test_capitals_and_seats_act_as_governments(resolve):
    found = resolve("Kyiv rejected the plan, and the Kremlin said Moscow would wait for Washington.")
    for text, code in [("Kyiv", "UKR"), ("Kremlin", "RUS"), ("Moscow", "RUS"), ("Washington", "USA")]:
        entity = mention(found, text).entity
        assert (entity.kind, entity.country, entity.sector) == ("state", code, "GOV"), text
    assert all(m.entity.kind != "person" for m in found)


def test_places_in_locative_use_are_not_actors(resolve):
    found = resolve("Delegates gathered in Geneva, and later in Moscow, before flying to the Chinese capital.")
    assert mention(found, "Moscow").label == "PLACE"
    assert mention(found, "Moscow").entity.actor_id is None
    assert mention(found, "Chinese capital").label == "PLACE"


def test_possessive_capital_acts(resolve):
    entity = mention(resolve("New Delhi's purchases of oil angered the allies."), "New Delhi").entity
    assert (entity.country, entity.sector) == ("IND", "GOV")


def test_modified_nouns_resolve_the_whole_phrase(resolve):
    found = resolve("Russian troops shelled the town while European governments met and Iran's foreign ministry protested.")
    troops = mention(found, "Russian troops").entity
    assert (troops.country, troops.sector) == ("RUS", "MIL")
    govs = mention(found, "European governments").entity
    assert (govs.kind, govs.actor_id, govs.country, govs.sector) == ("region", "europe", None, "GOV")
    ministry = mention(found, "Iran's foreign ministry").entity
    assert (ministry.kind, ministry.country, ministry.sector) == ("state", "IRN", "GOV")


def test_coordinated_states_each_get_the_noun(resolve):
    found = resolve("French and Polish officials signed the accord.")
    assert mention(found, "French").entity.country == "FRA"
    assert mention(found, "Polish officials").entity.country == "POL"
    assert mention(found, "French").entity.sector == "GOV"


def test_unknown_people_keep_descriptors_and_affiliation(resolve):
    found = resolve("A Lithuanian military source told the agency the drills would go ahead, sources said.")
    src = mention(found, "Lithuanian military source").entity
    assert (src.actor_id, src.kind, src.country) == ("article:t:lithuanian-military-source", "person", "LTU")
    anon = mention(found, "sources").entity
    assert anon.actor_id == "article:t:sources" and anon.country is None


def test_person_office_stands_for_the_government(resolve):
    entity = mention(resolve("Starmer's office declined to comment on the report."), "Starmer's office").entity
    assert (entity.kind, entity.country, entity.sector) == ("state", "GBR", "GOV")


def test_bodies_groups_and_media(resolve):
    found = resolve("NATO and the European Union backed the plan, Hamas rejected it, the Wall Street Journal reported.")
    assert mention(found, "NATO").entity.country == "IGO"
    assert mention(found, "European Union").entity.kind == "igo"
    hamas = mention(found, "Hamas").entity
    assert (hamas.kind, hamas.country) == ("armed_group", "PSE")
    wsj = mention(found, "Wall Street Journal").entity
    assert (wsj.kind, wsj.sector) == ("media", "MED")


def test_a_surname_that_is_a_common_word_needs_a_proper_noun(nlp, tmp_path):
    user = tmp_path / "grain.yaml"
    user.write_text("people:\n  - {id: test-ada-grain, name: Ada Grain, surname: Grain, gender: female}\n")
    ctx = Context("t", published=dt.date(2025, 1, 1), kb=kb_module.load(user_files=[user]))
    assert not [m for m in actors(nlp("Grain prices rose again."), ctx) if m.entity.kind == "person"]
    assert [m.entity.actor_id for m in actors(nlp("Officials met Grain on Monday."), ctx)][-1] == "test-ada-grain"


def test_runs_in_the_pipeline(extract):
    records = extract("Kyiv said the Kremlin was stalling.", components=["sentences", "actors"])
    mentions = [r for r in records if isinstance(r, Mention)]
    assert {m.entity.country for m in mentions} == {"UKR", "RUS"}


def test_unaffiliated_institutions_are_article_actors(resolve):
    found = resolve("According to the finance ministry, the new bridge will cost more.")
    entity = mention(found, "finance ministry").entity
    assert (entity.actor_id, entity.kind, entity.country, entity.sector) == (
        "article:t:finance-ministry", "unknown", None, "GOV")


def test_an_appositive_gives_an_unknown_person_office_and_country(resolve):
    found = resolve("The offer came from Ilse Marrow, the Austrian chancellor, on Monday.")
    entity = mention(found, "Ilse Marrow").entity
    assert (entity.kind, entity.country, entity.role) == ("person", "AUT", "head_of_government")


def test_gold_actor_texts_are_located_even_when_elided():
    from dossier.eval.actors import locate

    sentence = "Serb and Croat forces clashed again near the river."
    assert locate(sentence, "Serb ... forces") == (0, 21)
    assert locate(sentence, "Croat forces") == (9, 21)
    assert locate(sentence, "Bosnian police") is None


def test_a_bare_title_names_the_latest_holder_mentioned(resolve):
    found = resolve("Donald Trump arrived late. Hours later the president left without comment.")
    president = mention(found, "president")
    assert president.entity.actor_id == "donald-trump"
    assert president.antecedent == mention(found, "Donald Trump").start


def test_plural_titles_are_groups(resolve):
    found = resolve("European leaders met in Luxembourg, and EU foreign ministers joined them.")
    leaders = mention(found, "European leaders").entity
    assert (leaders.actor_id, leaders.kind, leaders.sector, leaders.role) == ("europe", "region", "GOV", None)
    ministers = mention(found, "EU foreign ministers").entity
    assert (ministers.actor_id, ministers.country, ministers.sector) == ("eu", "IGO", "GOV")


def test_one_unnamed_official_is_an_article_actor_several_are_the_state(resolve):
    one = mention(resolve("A Belarusian diplomat denied the report."), "Belarusian diplomat").entity
    assert (one.actor_id, one.kind, one.country) == ("article:t:belarusian-diplomat", "person", "BLR")
    many = mention(resolve("Belarusian diplomats denied the report."), "Belarusian diplomats").entity
    assert (many.actor_id, many.kind, many.country, many.sector) == ("BLR", "state", "BLR", "GOV")


def test_it_in_its_own_sentence_takes_the_nearest_state(resolve):
    found = resolve("Paris could sanction Minsk if it keeps detaining journalists.")
    assert mention(found, "it").entity.country == "BLR"


def test_title_of_a_country_names_that_country_not_the_last_holder_mentioned(resolve):
    found = resolve("Donald Trump said he would phone the president of Moldova on Friday.")
    president = mention(found, "president").entity
    assert president.actor_id != "donald-trump"
    assert (president.country, president.sector) == ("MDA", "GOV")


def test_a_people_named_with_another_state_lives_there(resolve):
    found = resolve("Bosnian Serbs blocked the road, and Serbs in Belgrade rallied.")
    assert mention(found, "Bosnian Serbs").entity.country == "BIH"
    assert mention(found, "Serbs").entity.country == "SRB"


def test_a_person_outside_the_kb_takes_the_state_of_a_descriptive_apposition(resolve):
    found = resolve("Tomas Varga, a Slovak economist, criticised the budget.")
    assert mention(found, "Tomas Varga").entity.country == "SVK"


def test_a_place_name_two_states_share_is_the_one_the_text_is_about(resolve):
    lebanon = resolve("Lebanese troops patrolled the streets in Tripoli after clashes between Lebanese factions.")
    assert mention(lebanon, "Tripoli").entity.country == "LBN"
    libya = resolve("Libyan militias fought in Tripoli.")
    assert mention(libya, "Tripoli").entity.country == "LBY"


def test_an_undated_article_reads_offices_as_of_the_latest_date_it_names(nlp, kb):
    from dossier.extract.time import time_component

    text = "In March 2021 the U.S. president met Japanese officials."
    doc = nlp(text)
    ctx = Context(article_id="t", published=None, kb=kb)
    ctx.records.extend(time_component(doc, ctx))
    president = mention(actors(doc, ctx), "U.S. president").entity
    assert president.name == "Joe Biden"


def test_a_full_name_whose_given_name_is_a_kb_surname_is_someone_else(extract):
    from dossier.records import Event

    records = extract("Omar Haddad, a Syrian activist, criticised the government.")
    event = next(r for r in records if isinstance(r, Event))
    assert event.actor[0].actor_id != "fernando-haddad"
    assert event.actor[0].country == "SYR"
