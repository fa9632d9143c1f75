"""The PLOVER ontology data: types, modes, intensity scale, CAMEO choices, reductions."""

from __future__ import annotations

import pytest

from dossier.ontology import ontology

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def test_sixteen_types_with_quads():
    onto = ontology()
    assert sorted(onto.types) == sorted(TYPES)
    assert {onto.quad(t) for t in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")} == {1}
    assert onto.quad("ASSAULT") == 4 and onto.is_conflict("THREATEN") and not onto.is_conflict("AID")


def test_threaten_modes_are_the_content_of_the_threat():
    onto = ontology()
    assert set(onto.modes("THREATEN")) == {"restrict", "arrest", "relations", "expel", "territory", "violence"}
    assert onto.threat_mode("SANCTION", "discontinue") == "restrict"
    assert onto.threat_mode("ASSAULT", "aerial") == "violence"
    assert onto.threat_mode("SANCTION", "withdraw") == "relations"
    assert onto.threat_mode("AGREE", None) is None


def test_future_cooperation_is_agree_and_future_retreat_is_concede():
    onto = ontology()
    assert onto.future_type("CONSULT") == "AGREE"
    assert onto.future_type("AID") == "AGREE"
    assert onto.future_type("RETREAT") == "CONCEDE"
    assert onto.future_type("CONCEDE") == "CONCEDE"
    assert onto.future_type("ASSAULT") == "ASSAULT"


@pytest.mark.parametrize(("kind", "mode", "score"), [
    ("CONSULT", "phone", 1.5), ("CONSULT", "visit", 4), ("CONSULT", None, 2.5),
    ("THREATEN", "restrict", -3), ("ASSAULT", "unconventional", -10), ("AID", None, 10),
    ("SANCTION", "expel", -5.5), ("ACCUSE", None, -3),
])
def test_intensity_follows_the_manual_scale(kind, mode, score):
    assert ontology().intensity(kind, mode) == score


def test_unknown_mode_falls_back_to_the_type_score():
    assert ontology().intensity("PROTEST", "vandalize") == -5


@pytest.mark.parametrize(("kind", "mode", "contexts", "origin", "code"), [
    ("THREATEN", "restrict", [], None, "1312"),
    ("THREATEN", "violence", [], None, "138"),
    ("THREATEN", "restrict", ["military"], None, "1381"),
    ("SANCTION", "discontinue", ["economic"], None, "163"),
    ("CONSULT", "phone", [], None, "041"),
    ("AGREE", None, [], "CONSULT", "036"),
    ("AGREE", None, ["economic"], None, "0311"),
    ("REQUEST", "yield", [], None, "105"),
    ("ASSAULT", None, ["military"], None, "190"),
    ("ASSAULT", "heavy-weapons", [], None, "194"),
])
def test_cameo_choice_table(kind, mode, contexts, origin, code):
    assert ontology().cameo(kind, mode, contexts, origin) == code


def test_every_type_and_mode_has_a_cameo_code():
    onto = ontology()
    for kind in TYPES:
        assert onto.cameo(kind) is not None
        for mode in onto.modes(kind):
            assert onto.cameo(kind, mode)


def test_every_reduction_names_known_types_and_modes():
    onto = ontology()
    for key, mode in onto.threat_modes.items():
        assert key.split(":")[0] in onto.types and onto.is_mode("THREATEN", mode)
    for key, mode in onto.request_modes.items():
        assert key.split(":")[0] in onto.types and onto.is_mode("REQUEST", mode)
    assert set(onto.future_types.values()) <= set(onto.types)


def test_legacy_names_of_the_gold_standard():
    onto = ontology()
    assert onto.canonical_type("DEMAND") == "REQUEST"
    assert onto.canonical_type("disapprove") == "ACCUSE"
    assert onto.canonical_type("INVESTIGATE") == "ACCUSE"
    assert onto.canonical_type("FIGHT") == "ASSAULT"
    assert onto.canonical_type("MAKE_STATEMENT") is None


def test_event_data_names_only_ontology_types_modes_and_contexts():
    from dossier.extract.events_lexicon import lexicon

    onto, lex = ontology(), lexicon()
    assert set(lex.context_words.values()) <= set(onto.contexts)
    specs = [*lex.verbs.values(), *lex.phrasal.values(), *lex.nouns.values(), *lex.adjectives.values()]
    for spec in specs:
        overrides = [*spec.get("objects", {}).values(), *spec.get("modifiers", {}).values(),
                     *spec.get("support", {}).values(), *([spec["speech"]] if "speech" in spec else [])]
        for sense in [spec, *overrides]:
            assert sense["type"] in onto.types and onto.is_mode(sense["type"], sense.get("mode")), sense
    for kind, words in lex.mode_words.items():
        assert all(onto.is_mode(kind, mode) for mode in words.values()), kind
    classes = set(lex.noun_classes) | {"person", "any"}
    for spec in specs:
        needs = spec.get("needs_object", [])
        assert set(needs if isinstance(needs, list) else [needs]) <= classes, spec
        assert set(spec.get("objects", {})) <= classes, spec
