"""The knowledge base: shipped data, look-ups, dated roles, offices, user files."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest

from dossier import kb as kb_module
from dossier.kb.loading import DATA_DIR, SHIPPED, build
from test_actors_fixtures import PEOPLE_YAML


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    """Shipped states, bodies and offices plus the fixture people (not the shipped people)."""
    people = tmp_path_factory.mktemp("kb") / "people.yaml"
    people.write_text(PEOPLE_YAML, encoding="utf-8")
    return build([DATA_DIR / name for name in SHIPPED] + [people])


def test_every_un_member_and_observer_is_a_state(kb):
    states = [a for a in kb.actors.values() if a.kind == "state"]
    members = [a for a in states if a.data["un_status"] == "member"]
    assert len(members) == 193
    assert {"VAT", "PSE"} <= {a.id for a in states if a.data["un_status"] == "observer"}
    for state in states:
        assert state.data["source"] and state.data["as_of"]
        if state.id != "XKX":
            assert pycountry.countries.get(alpha_3=state.id) is not None


def test_every_entry_says_where_it_came_from(kb):
    for actor in kb.actors.values():
        assert actor.data.get("source") and actor.data.get("as_of"), actor.id


def test_names_aliases_and_codes(kb):
    assert kb.lookup("the U.S.")[0].actor_id == "USA"
    assert kb.lookup("Britain")[0].actor_id == "GBR"
    assert kb.state("ROM").id == "ROU"  # CAMEO's code for Romania
    assert kb.lookup("Hezbollah")[0].country == "LBN"
    assert kb.lookup("Islamic State")[0].country == "IMG"
    assert kb.lookup("Reuters")[0].sector == "MED"
    assert kb.lookup("the West")[0].kind == "region"


def test_capitals_and_seats_name_the_government(kb):
    for text, code in [("the Kremlin", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Zhongnanhai", "CHN"),
                       ("Downing Street", "GBR"), ("Washington", "USA")]:
        best = kb.lookup(text)[0]
        assert (best.kind, best.country, best.sector) == ("state", code, "GOV"), text


def test_role_at_follows_dates(kb):
    assert kb.role_at("jd-vance", dt.date(2022, 6, 1)) is None
    assert kb.role_at("jd-vance", dt.date(2024, 6, 1)).office == "senator"
    assert kb.role_at("jd-vance", dt.date(2025, 3, 1)).office == "vice_president"


def test_office_holder_by_state_and_by_body(kb):
    assert kb.office_holder("foreign_minister", "USA", dt.date(2023, 4, 2)).id == "antony-blinken"
    assert kb.office_holder("foreign_minister", "USA", dt.date(2025, 4, 2)).id == "marco-rubio"
    assert kb.office_holder("secretary_general", "nato", dt.date(2025, 1, 1)).id == "mark-rutte"
    assert kb.office_holder("foreign_minister", "ROM", dt.date(2025, 1, 1)) is None


def test_a_person_in_office_counts_for_the_institution(kb):
    rutte = kb.lookup("Mark Rutte", dt.date(2025, 2, 1))[0]
    assert (rutte.country, rutte.role) == ("IGO", "secretary_general")
    assert kb.lookup("Mark Rutte", dt.date(2020, 2, 1))[0].country == "NLD"


def test_titles_mean_different_offices_by_country(kb):
    assert kb.office_for("Chancellor", "DEU") == "head_of_government"
    assert kb.office_for("chancellor", "GBR") == "finance_minister"
    assert kb.office_for("Secretary of State", "USA") == "foreign_minister"
    assert kb.office_for("president", "european_commission") == "president_of_commission"
    assert kb.office_for("leader", "GBR") == "head_of_government"
    assert kb.office_for("leader", "RUS") == "head_of_state"


def test_explain_reports_entries_roles_and_sources(kb):
    info = kb.explain("Lavrov")
    entry = info["entries"][0]
    assert entry["id"] == "sergey-lavrov" and entry["match"] == "surname"
    assert entry["roles"][0] == {
        "office": "foreign_minister", "country": "RUS", "sector": "GOV", "start": "2004-03-09",
    }
    assert entry["source"] and entry["as_of"]
    assert kb.explain("chancellor")["office"]["overrides"]["GBR"] == "finance_minister"


def test_user_file_merges_over_the_shipped_kb(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        """
meta: {source: "my notes", as_of: "2031-01-01"}
states:
  - {id: ISL, aliases: [Land of Ice]}
people:
  - {id: test-person-eyja, name: Eyja Testsdottir, surname: Testsdottir, gender: female,
     roles: [{office: foreign_minister, country: ISL, start: 2031-01-01, end: null}]}
""",
        encoding="utf-8",
    )
    kb = kb_module.load(user_files=[user])
    assert kb.lookup("Land of Ice")[0].actor_id == "ISL"
    assert kb.lookup("Iceland")[0].actor_id == "ISL"  # the shipped names are kept
    assert kb.actor("ISL").name == "Iceland"
    holder = kb.office_holder("foreign_minister", "ISL", dt.date(2031, 6, 1))
    assert holder.name == "Eyja Testsdottir"
    assert kb.explain("Testsdottir")["entries"][0]["source"] == "my notes"
    assert kb_module.load() is kb_module.load()  # the default KB is built once


def test_a_second_process_loads_the_cached_kb_without_parsing_yaml(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kb_module.loading._load_cached.cache_clear()
    built = kb_module.load()  # builds and caches the compiled KB
    kb_module.loading._load_cached.cache_clear()  # as a new process would start

    def no_build(_files):
        raise AssertionError("the cached KB should have been used")

    monkeypatch.setattr(kb_module.loading, "build", no_build)
    cached = kb_module.load()
    assert list(tmp_path.glob("dossier/kb-*.pickle"))
    assert cached.actor("jd-vance").name == built.actor("jd-vance").name
    kb_module.loading._load_cached.cache_clear()


def test_a_shared_place_name_resolves_near_the_states_given():
    from dossier.kb import places

    assert places.resolve("Tripoli").country == "LBY"  # the most populous
    assert places.resolve("Tripoli", ["LBN"]).country == "LBN"
    assert places.resolve("Tripoli", ["FRA", "LBN"]).country == "LBN"  # France has none
    assert places.resolve("Paris", ["LBN"]).country == "FRA"


def test_an_english_phrase_is_no_alternate_city_name():
    from dossier.kb import places

    assert places.resolve("White House") is None
    assert places.resolve("Casablanca").country == "MAR"


def test_a_place_name_followed_by_a_division_word_resolves():
    from dossier.kb import places

    assert places.resolve("Montenegro province").country == "MNE"
    assert places.resolve("Kano State").country == "NGA"
    assert places.resolve("the state") is None


def test_kosovo_takes_the_plover_code(kb):
    from dossier.kb import places

    assert kb.lookup("Kosovo")[0].country == "KOS"
    assert kb.state("XKX").id == "XKX"
    assert places.resolve("Pristina").country == "KOS"
    assert places.resolve("Kosovo").country == "KOS"


@pytest.mark.parametrize(("name", "country", "kind"), [
    ("WFP", "IGO", "igo"), ("UNICEF", "IGO", "igo"), ("Shanghai Cooperation Organisation", "IGO", "igo"),
    ("Interpol", "IGO", "igo"), ("Organization of American States", "IGO", "igo"), ("SADC", "IGO", "igo"),
    ("CODECO", "COD", "armed_group"), ("Pakistani Taliban", "PAK", "armed_group"),
    ("Polisario Front", "ESH", "armed_group"), ("Tren de Aragua", "VEN", "armed_group"),
])
def test_agencies_blocs_and_armed_groups_in_the_news(kb, name, country, kind):
    found = kb.lookup(name, dt.date(2025, 6, 1))[0]
    assert (found.country, found.kind) == (country, kind)
