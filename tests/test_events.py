"""The events component on short sentences written for these tests (not from any corpus)."""

from __future__ import annotations

import pytest

from dossier.ontology import ontology
from dossier.records import Event


@pytest.fixture(scope="module")
def events(extract):
    def run(text: str, published: str = "2025-02-14") -> list[Event]:
        return [r for r in extract(text, published=published) if isinstance(r, Event)]

    return run


def only(found: list[Event], kind: str) -> Event:
    matching = [e for e in found if e.type == kind]
    assert len(matching) == 1, [(e.type, e.trigger) for e in found]
    return matching[0]


def texts(entities) -> list[str]:
    return [e.text for e in entities]


@pytest.mark.parametrize(("text", "kind", "mode", "actor", "recipient"), [
    ("Canada and Mexico agreed to expand cooperation on border security.", "AGREE", None, ["Canada", "Mexico"], []),
    ("Chile praised Peru.", "SUPPORT", None, ["Chile"], ["Peru"]),
    ("The Ethiopian government apologized to Kenya for the border incident.", "CONCEDE", None, ["Ethiopian"], ["Kenya"]),
    ("Norway and Sweden exchanged intelligence on arms smuggling networks.", "COOPERATE", None, ["Norway", "Sweden"], []),
    ("The rebels released twelve Nigerian soldiers on Monday.", "RETREAT", "release", ["rebels"], ["Nigerian"]),
    ("Kenya urged Somalia to hold talks with the militants.", "REQUEST", "meet", ["Kenya"], ["Somalia"]),
    ("Turkey accused Greece of violating its airspace.", "ACCUSE", "allege", ["Turkey"], ["Greece"]),
    ("Iran rejected a French proposal for new nuclear talks.", "REJECT", "meet", ["Iran"], ["French"]),
    ("China threatened to impose tariffs on Australian wine.", "THREATEN", "restrict", ["China"], ["Australian"]),
    ("Thousands of Serbian students protested in Belgrade against the government.", "PROTEST", "demo", ["Serbian students"], ["government"]),
    ("The European Union imposed sanctions on Belarus.", "SANCTION", "discontinue", ["European Union"], ["Belarus"]),
    ("Russia deployed troops along the Finnish border.", "MOBILIZE", "troops", ["Russia"], []),
    ("Egyptian police arrested dozens of opposition activists in Cairo.", "COERCE", "arrest", ["Egyptian police"], ["opposition activists"]),
    ("Israeli jets bombed Hamas positions in Gaza.", "ASSAULT", "explosives", ["Israeli jets"], ["Hamas"]),
])
def test_one_sentence_per_type(events, text, kind, mode, actor, recipient):
    event = only(events(text), kind)
    assert event.mode == mode
    for name in actor:
        assert any(name in t for t in texts(event.actor)), texts(event.actor)
    for name in recipient:
        assert any(name in t for t in texts(event.recipient)), texts(event.recipient)
    assert event.cameo and event.intensity is not None
    assert event.trigger == text[event.trigger_span[0]:event.trigger_span[1]]


def test_aid_goes_to_the_recipient(events):
    event = only(events("Japan sent food aid to the Philippines after the typhoon."), "AID")
    assert texts(event.actor) == ["Japan"] and texts(event.recipient) == ["Philippines"]


def test_statement_without_plover_type_is_no_event(events):
    assert events("The Kenyan parliament made a statement about the economy.") == []
    assert events("The minister said the economy was growing.") == []


# --- factuality -------------------------------------------------------------


def test_negated(events):
    event = only(events("Kenya has not expelled the Ugandan ambassador."), "SANCTION")
    assert event.factuality == "negated" and event.mode == "expel"


def test_hypothetical(events):
    event = only(events("Vietnam could send troops to Laos."), "MOBILIZE")
    assert event.factuality == "hypothetical"


def test_historical(events):
    event = only(events("In 1998 India tested nuclear weapons."), "MOBILIZE")
    assert event.factuality == "historical" and event.mode == "weapons"


def test_conditional_threat_is_not_a_sanction(events):
    found = events("The United States could hit Moscow with sanctions if the Kremlin rejected the ceasefire.")
    assert [e.type for e in found] == ["THREATEN"]
    event = found[0]
    assert event.factuality == "conditional" and event.mode == "restrict"
    assert event.condition == "if the Kremlin rejected the ceasefire"
    assert texts(event.recipient) == ["Moscow"]


def test_threat_with_two_contents_has_two_modes(events):
    event = only(events("Ankara warned that it could answer with sanctions and military force if the talks failed."), "THREATEN")
    assert event.modes == ["restrict", "violence"]


def test_future_meeting_is_agree(events):
    event = only(events("Canada and Mexico will hold talks on trade next week."), "AGREE")
    assert event.factuality == "future" and texts(event.actor) == ["Canada", "Mexico"]
    assert event.cameo == "036"


def test_future_withdrawal_is_concede(events):
    event = only(events("Armenia will withdraw its troops from the disputed villages."), "CONCEDE")
    assert event.factuality == "future"


def test_negated_commitment_is_a_refusal(events):
    event = only(events("Paraguay will not accept the trade proposal."), "REJECT")
    assert event.factuality == "asserted"


# --- PLOVER meeting conventions -------------------------------------------------


def test_meeting_lists_all_parties_as_actors(events):
    event = only(events("The leaders of Chile and Peru met in Lima on Tuesday."), "CONSULT")
    assert texts(event.actor) == ["Chile", "Peru"] and event.recipient == []
    assert event.location.name == "Lima" and event.location.country == "PER"
    assert event.date.value == "2025-02-11"


def test_visit_has_visitor_actor_and_host_recipient(events):
    event = only(events("The Brazilian president visited Argentina on Monday."), "CONSULT")
    assert event.mode == "visit" and event.recipient[0].text == "Argentina"


def test_host_is_the_recipient(events):
    event = only(events("The Chilean president hosted the Peruvian prime minister in Santiago."), "CONSULT")
    assert "Peruvian" in event.actor[0].text and "Chilean" in event.recipient[0].text


def test_a_place_is_never_a_role(events):
    event = only(events("Delegations from Ghana and Togo met in Accra."), "CONSULT")
    assert "Accra" not in texts(event.actor) + texts(event.recipient)
    assert event.location.country == "GHA"


# --- attribution -------------------------------------------------------------


def test_reported_claim_is_attributed_to_the_speaker(events):
    event = only(events("The Polish prime minister said Hungary had made concessions to Ukraine."), "CONCEDE")
    assert event.attribution.by == "actor"
    assert "Polish prime minister" in event.attribution.claimant.text
    assert texts(event.actor) == ["Hungary"] and texts(event.recipient) == ["Ukraine"]


def test_quoted_threat_makes_the_speaker_the_actor(events):
    event = only(events('"We will hit them with sanctions," the French foreign minister said.'), "THREATEN")
    assert "French foreign minister" in event.actor[0].text
    assert event.attribution.by == "article"


def test_unattributed_event_is_asserted_by_the_article(events):
    event = only(events("Chile praised Peru."), "SUPPORT")
    assert event.attribution.by == "article" and event.attribution.claimant is None


def test_a_warning_without_a_threatened_act_is_no_threat(events):
    found = events("The minister warned voters against trusting the opposition's promises of lower taxes.")
    assert "THREATEN" not in [e.type for e in found]


def test_conditional_refusal_keeps_its_condition(events):
    event = only(events("Hungary says it will not approve the budget unless Brussels releases the frozen funds."), "REJECT")
    assert event.factuality == "conditional" and event.condition.startswith("unless Brussels")


def test_demand_with_a_deadline(events):
    time_module = pytest.importorskip("dossier.extract.time")
    if not hasattr(time_module, "deadline_for"):
        pytest.skip("the time component gives no deadlines")
    event = only(events("The United Nations demanded that Serbia withdraw its troops from the province within two weeks."), "REQUEST")
    assert event.mode == "yield" and texts(event.recipient) == ["Serbia"]
    assert event.deadline is not None and "two weeks" in event.deadline.text


def test_record_carries_every_field(events):
    event = only(events("Israeli jets bombed Hamas positions in Gaza on Monday."), "ASSAULT")
    data = event.to_json()
    for name in ("actor", "recipient", "type", "mode", "modes", "cameo", "intensity",
                 "factuality", "attribution", "date", "trigger", "trigger_span"):
        assert data[name] not in (None, "", []), name
    assert data["date"]["value"] == "2025-02-10"
    assert event.factuality in ontology().factuality


def countries(entities) -> set:
    return {e.country for e in entities if e.country}


@pytest.mark.parametrize(("text", "kind", "actor", "recipient"), [
    # a state's refugees or rebels are another party than its government
    ("Kenya will allow Kenyan refugees to go back to their villages next month.", "CONCEDE", {"KEN"}, {"KEN"}),
    # what is moved is no recipient, but where it goes or leaves is
    ("Chad completed the withdrawal of its soldiers from Niger.", "RETREAT", {"TCD"}, {"NER"}),
    # a purpose ("for a war against ...") names whom a mobilization is aimed at
    ("Peru mobilized reservists for a war against Ecuador.", "MOBILIZE", {"PER"}, {"ECU"}),
    # a thing acted on is "for" someone
    ("Norway froze a development programme for Malawi.", "SANCTION", {"NOR"}, {"MWI"}),
    # whom a protest defies
    ("Students marched through the capital in defiance of the Iranian authorities.", "PROTEST", {"IRN"}, {"IRN"}),
    # a noun of force takes its target with "of"; a blockade tightened is aimed at it
    ("NATO tightened its blockade of Libya.", "SANCTION", {"IGO"}, {"LBY"}),
    # an attack or weapon in subject position acts for its owner
    ("French drone strikes killed three militant commanders near the border.", "ASSAULT", {"FRA"}, set()),
    # a complaint's content names the accused
    ("Amnesty International complained that the Egyptian police tortured detainees.", "ACCUSE", {"NGO"}, {"EGY"}),
    # a restated demand ("insisted on its demands that ...") asks the clause's subject
    ("The union insisted on its demands that the Ghanaian government raise wages.", "REQUEST", set(), {"GHA"}),
    # a state a conflict act is aimed "at" is its recipient, not where it happens; "in" a
    # state stays a place, whose state generic agents acting there are of
    ("Militants fired mortars at Kenya from across the border.", "ASSAULT", set(), {"KEN"}),
    # (a market struck there stands for the people there)
    ("Militants shelled a market in Kenya.", "ASSAULT", {"KEN"}, {"KEN"}),
    # a thing named by the act's preposition is someone's ("reneged on its pledge to ...");
    # an office of no stated state is of the one state the sentence names
    ("The premier reneged on his promise to the Malian people.", "REJECT", {"MLI"}, {"MLI"}),
    # a participle used as a noun names people ("evacuated the wounded": a rescue)
    ("Red Cross helicopters evacuated the wounded from the valley.", "AID", {"NGO"}, set()),
    # a title of a country is that country's office, not the last holder named
    ("Donald Trump offered to negotiate with the president of Moldova.", "AGREE", {"USA"}, {"MDA"}),
])
def test_role_rules(events, text, kind, actor, recipient):
    found = [e for e in events(text) if e.type == kind]
    assert found, [(e.type, e.trigger) for e in events(text)]
    event = found[0]
    assert countries(event.actor) == actor, texts(event.actor)
    assert countries(event.recipient) == recipient, texts(event.recipient)


def test_generic_agents_take_the_country_their_phrase_names(events):
    event = only(events("Rebels in Mali attacked an army convoy."), "ASSAULT")
    assert countries(event.actor) == {"MLI"}
    event = only(events("A nurse from Toronto was detained by the police."), "COERCE")
    assert countries(event.recipient) == {"CAN"}


def test_ethnic_groups_count_for_where_the_phrase_says_they_live(events):
    event = only(events("Ethnic Russians in Estonia protested against the new language law."), "PROTEST")
    assert countries(event.actor) == {"EST"}
    event = only(events("Zulu leaders condemned the decision."), "ACCUSE")
    assert countries(event.actor) == {"ZAF"}


def test_time_possessives_and_tools_are_no_actors(events):
    found = events("Rwanda protested against last week's invasion by Burundi.")
    assert "last week" not in [t for e in found for t in texts(e.recipient)]
    event = only(events("Police used water cannon to disperse the crowd."), "COERCE")
    assert texts(event.actor) == ["Police"]


def test_coordinated_passives_share_the_agent(events):
    found = events("Two farmers were beaten and robbed by soldiers.")
    assert all("farmers" not in t for e in found for t in texts(e.actor))


def test_a_press_release_is_no_release(events):
    assert "RETREAT" not in [e.type for e in events("According to a press release by the ministry, Chad attacked Sudan.")]


def test_a_statement_acts_for_its_issuer(events):
    event = only(events("The opposition alliance issued a statement demanding that the Togolese government release all political prisoners."), "REQUEST")
    assert texts(event.actor) == ["The opposition alliance"]
    assert countries(event.recipient) == {"TGO"}


def test_a_reminder_that_it_must_act_asks_the_addressee(events):
    event = only(events("Germany sent a reminder to Serbia that it must respect the ceasefire."), "REQUEST")
    assert countries(event.actor) == {"DEU"} and countries(event.recipient) == {"SRB"}
    assert "REQUEST" not in [e.type for e in events("Iran said it must defend itself.")]


@pytest.mark.parametrize(("text", "kind"), [
    ("The senator will release his tax returns next week.", "RETREAT"),  # documents are no captives
    ("The company has already done a good deal of cleanup work in Ghana.", "AGREE"),  # a quantity
    ("Our support for the Kenyan schools is not symbolic.", "REJECT"),  # denies a description only
    ("Copper prices hit a record high in May.", "ASSAULT"),  # a level reached, not a target attacked
    ("Qatar and Oman struck a deal on gas prices.", "ASSAULT"),  # a deal struck is an agreement
])
def test_non_event_uses_of_trigger_words(events, text, kind):
    assert kind not in [e.type for e in events(text)]


def test_a_rally_to_protest_is_held_by_those_who_gather(events):
    event = only(events("Thousands of Zambians gathered in Lusaka for a rally to protest the new tax."), "PROTEST")
    assert countries(event.actor) == {"ZMB"}


# --- generic agents take the state where the event happens (CAMEO/PLOVER convention) ---


def basis(entities) -> dict[str, tuple[str | None, str | None]]:
    return {e.text: (e.country, e.country_basis) for e in entities}


@pytest.mark.parametrize(("text", "kind", "country"), [
    ("Protesters in Nairobi blocked a highway on Monday.", "PROTEST", "KEN"),
    ("Police in Lyon arrested five men on Tuesday.", "COERCE", "FRA"),
    ("Protesters blocked a highway in Nairobi on Monday.", "PROTEST", "KEN"),
    ("Gunmen attacked a bus in Karachi on Sunday.", "ASSAULT", "PAK"),
])
def test_a_generic_agent_is_of_the_state_where_it_acts(events, text, kind, country):
    event = only(events(text), kind)
    assert [(e.country, e.country_basis) for e in event.actor] == [(country, "location")]


def test_a_bombing_near_a_town_acts_for_the_state_it_is_in(events):
    event = only(events("A car bomb near the town of Mosul killed four Turkish engineers."), "ASSAULT")
    assert event.location.country == "IRQ"  # "the town of X" names the place
    assert basis(event.actor) == {"A car bomb": ("IRQ", "location")}
    assert basis(event.recipient) == {"four Turkish engineers": ("TUR", None)}
    by = only(events("Two soldiers were killed by a roadside bomb outside the city of Kandahar."), "ASSAULT")
    assert by.location.country == "AFG" and [a.country for a in by.actor] == ["AFG"]


def test_a_named_or_national_actor_keeps_its_own_country(events):
    event = only(events("Kenyan President William Ruto met protesters in Lyon on Friday."), "CONSULT")
    assert basis(event.actor) == {"Kenyan President William Ruto": ("KEN", None), "protesters": ("FRA", "location")}
    event = only(events("Chinese police arrested two activists in Nairobi."), "COERCE")
    assert [(a.country, a.country_basis) for a in event.actor] == [("CHN", None)]


def test_a_place_stays_the_location(events):
    event = only(events("Angry students staged rallies in the Gaza Strip against the new tax."), "PROTEST")
    assert event.location.name == "Gaza Strip" and event.location.country == "PSE"
    assert "Gaza Strip" not in texts(event.actor) + texts(event.recipient)
    assert [(a.country, a.country_basis) for a in event.actor] == [("PSE", "location")]


def test_a_party_conjoined_with_a_national_one_is_not_of_the_place(events):
    event = only(events("Israeli helicopters and tanks shelled houses near the town of Rafah."), "ASSAULT")
    assert event.location.country == "PSE"
    assert "PSE" not in countries(event.actor)


def test_country_basis_is_in_the_published_schema(events):
    from dossier.schema import validate

    event = only(events("Police in Lyon arrested five men on Tuesday."), "COERCE")
    data = event.to_json()
    assert data["actor"][0]["country_basis"] == "location"
    validate(data)


def codes(entities) -> list[str | None]:
    return [e.country for e in entities]


def test_people_police_disperse_are_of_the_police_state(events):
    event = only(events("Kenyan police used tear gas to disperse crowds of demonstrators in the capital."), "COERCE")
    assert codes(event.actor) == ["KEN"]
    assert codes(event.recipient) == ["KEN"] and event.recipient[0].country_basis == "actor"


def test_a_stopped_rally_is_aimed_at_those_who_staged_it(events):
    event = only(events("Moroccan police prevented a rally staged by unemployed graduates."), "COERCE")
    assert texts(event.recipient) == ["unemployed graduates"] and codes(event.recipient) == ["MAR"]


def test_soldiers_abroad_do_not_make_their_victims_compatriots(events):
    event = only(events("Ethiopian soldiers shot three villagers near the border."), "ASSAULT")
    assert codes(event.recipient) == [None]


def test_a_protest_is_aimed_at_whom_its_purpose_names(events):
    event = only(events("Farmers blocked the highway to show their anger at the Polish government's grain policy."),
                 "PROTEST")
    assert codes(event.recipient) == ["POL"]
    assert codes(event.actor) == ["POL"] and event.actor[0].country_basis == "recipient"


def test_protesters_of_another_named_state_keep_it(events):
    event = only(events("Ukrainian truckers blocked a crossing to demand that the Polish government lift the ban."),
                 "PROTEST")
    assert codes(event.actor) == ["UKR"]


def test_a_visit_to_a_capital_is_hosted_by_its_state(events):
    event = only(events("The Kenyan president arrived in Addis Ababa on a two-day visit."), "CONSULT")
    assert event.mode == "visit" and codes(event.actor) == ["KEN"] and codes(event.recipient) == ["ETH"]


def test_a_visit_to_another_town_is_a_place_not_a_host(events):
    event = only(events("The Kenyan president arrived in Lyon on a private visit."), "CONSULT")
    assert event.recipient == []


def test_fighting_between_two_sides_makes_both_actors(events):
    event = only(events("Clashes between Sudanese and Chadian troops broke out near the border."), "ASSAULT")
    assert set(codes(event.actor)) == {"SDN", "TCD"} and event.recipient == []


def test_fighting_named_as_the_content_of_a_report_needs_sides(events):
    found = events("Both leaders signed the truce, but witnesses said clashes were still going on.")
    assert "ASSAULT" not in {e.type for e in found} and "THREATEN" not in {e.type for e in found}


def test_rocket_fire_launched_at_a_target_is_an_assault(events):
    event = only(events("Syrian forces launched mortar and rocket fire against Turkish outposts."), "ASSAULT")
    assert codes(event.actor) == ["SYR"] and codes(event.recipient) == ["TUR"]
    assert event.mode == "heavy-weapons"


def test_an_unknown_person_takes_the_country_of_a_descriptive_apposition(events):
    event = only(events("Lena Markovic, a Croatian lawyer, accused the police of abuse."), "ACCUSE")
    assert codes(event.actor) == ["HRV"]
    event = only(events("Rania Qassem, Jordan's best-known blogger, accused the army of abuse."), "ACCUSE")
    assert codes(event.actor) == ["JOR"]


def test_coordinated_verbs_share_their_object(events):
    found = events("Japan condemned and rejected the Chinese proposal.")
    assert codes(only(found, "ACCUSE").recipient) == ["CHN"] and codes(only(found, "REJECT").recipient) == ["CHN"]


def test_aid_worth_a_sum_of_goods_is_aid(events):
    event = only(events("Norway delivered $2 million worth of goods to Sudanese hospitals."), "AID")
    assert codes(event.actor) == ["NOR"] and codes(event.recipient) == ["SDN"]


@pytest.mark.parametrize(("text", "mode"), [
    ("Thousands of Greek dock workers stopped work on Tuesday over the new pension law.", "strike"),
    ("Youths threw stones at Kenyan police outside the parliament.", "riot"),
])
def test_protest_phrases(events, text, mode):
    assert only(events(text), "PROTEST").mode == mode


def test_mediation_between_parties_ended_is_aimed_at_them(events):
    event = only(events("Norway suspended its mediation between the Sri Lankan government and the rebels."), "SANCTION")
    assert codes(event.recipient)[0] == "LKA"


def test_inspectors_sent_are_an_investigation_and_troops_a_mobilization(events):
    assert only(events("The OSCE sent investigators to the disputed region."), "ACCUSE").mode == "investigate"
    assert only(events("Chad sent troops to Niger."), "MOBILIZE").mode == "troops"


def test_anti_and_pro_name_a_stance_not_a_nationality(events):
    event = only(events("Pro-Russian separatists shelled a school in the town."), "ASSAULT")
    assert codes(event.actor) == [None]


def test_reflexives_languages_and_borders_are_no_recipients(events):
    event = only(events("Two suicide bombers from Chad killed nine people and themselves."), "ASSAULT")
    assert "themselves" not in texts(event.recipient) and event.mode == "suicide-attack"
    event = only(events("The Estonian court cancelled restrictions on the Russian language."), "CONCEDE")
    assert event.recipient == []


def test_fire_as_a_verb_of_dismissal_is_no_attack(events):
    assert events("The president fired his national security adviser on Friday.") == []


def test_clashes_with_police_make_both_sides_actors(events):
    event = only(events("Protesters clashed with riot police in Tbilisi."), "ASSAULT")
    assert {"Protesters", "riot police"} <= set(texts(event.actor))


def test_a_package_of_aid_announced_is_aid(events):
    event = only(events("Germany announced a new package of military aid for Ukraine."), "AID")
    assert codes(event.actor) == ["DEU"] and codes(event.recipient) == ["UKR"]


def test_a_denied_claim_has_no_recipient_in_its_subject(events):
    event = only(events("The ministry denied that Belarusian drones had entered Lithuanian airspace."), "REJECT")
    assert "BLR" not in codes(event.recipient)


def test_arrests_at_a_place_keep_the_place_out_of_the_recipients(events):
    event = only(events("Police arrested dozens of students at Harvard University."), "COERCE")
    assert texts(event.recipient) == ["students"]


def test_drones_launched_are_an_attack(events):
    event = only(events("Russian forces launched 90 drones overnight, Ukraine's air force said."), "ASSAULT")
    assert event.mode == "drone" and codes(event.actor) == ["RUS"]


def test_a_seat_of_government_is_located_in_its_state_not_a_namesake_city(events):
    event = only(events("Zelensky met Trump at the White House on Monday."), "CONSULT")
    assert event.location is not None and event.location.country == "USA"


def test_a_planned_deployment_threatens_only_whom_it_is_sent_against(events):
    event = only(events("Canada will send 200 more soldiers to Latvia next year."), "MOBILIZE")
    assert event.factuality == "future" and codes(event.recipient) == ["LVA"]
    event = only(events("Azerbaijan will deploy troops against Armenia."), "THREATEN")
    assert codes(event.recipient) == ["ARM"]


def test_leaders_meeting_abroad_do_not_take_the_host_country(events):
    event = only(events("Officials said the two leaders may meet in Istanbul next week."), "CONSULT")
    assert codes(event.actor) == [None]


def test_a_refused_meeting_names_those_refused(events):
    event = only(events("The minister refused to meet the striking doctors."), "REJECT")
    assert texts(event.recipient) == ["the striking doctors"]


def test_blocking_a_proposal_is_a_rejection_and_blocking_a_road_a_protest(events):
    event = only(events("Poland blocked the Commission's proposal on grain imports."), "REJECT")
    assert codes(event.actor) == ["POL"]
    assert only(events("Farmers blocked roads near Brussels."), "PROTEST").mode == "obstruct"


def test_they_after_a_pair_names_both(events):
    found = events("Macron and Scholz spoke by phone on Tuesday. They agreed to meet in Rome next month.")
    assert only(found, "CONSULT").mode == "phone"
    assert set(codes(only(found, "AGREE").actor)) == {"FRA", "DEU"}


def test_executions_are_targeted_killings_but_plans_are_not(events):
    assert only(events("Iran executed two men convicted of spying."), "ASSAULT").mode == "targeted"
    assert events("The government executed its plan.") == []


def test_an_office_of_no_stated_state_is_of_the_one_state_the_sentence_names(events):
    event = only(events("Judge Ana Ruiz opened a fraud investigation against 12 Peruvian officials."), "ACCUSE")
    assert countries(event.actor) == {"PER"}
    assert event.actor[0].country_basis == "context"
    # two states named: no guess
    event = only(events("Judge Ana Ruiz opened a fraud inquiry against Peruvian and Chilean officials."), "ACCUSE")
    assert countries(event.actor) == set()
    # a body whose name reaches beyond one state is no state's
    event = only(events("The Global Water Council urged the Peruvian government to cut prices."), "REQUEST")
    assert countries(event.actor) == set()


def test_the_people_under_a_curfew_or_blockade_are_its_recipient(events):
    from dossier.schema import validate

    event = only(events("The army imposed a curfew in Mandalay on Tuesday."), "COERCE")
    assert [(e.kind, e.country, e.text) for e in event.recipient] == [("population", "MMR", "Mandalay")]
    validate(event.to_json())
    assert event.location.name == "Mandalay"
    event = only(events("The government lifted the state of emergency in Bangkok."), "CONCEDE")
    assert countries(event.recipient) == {"THA"}
    # people named are the recipient themselves
    event = only(events("Soldiers imposed a curfew on the Karen villagers in Myanmar."), "COERCE")
    assert [e.kind for e in event.recipient] != ["population"]


def test_roles_survive_what_the_parse_gets_wrong(events):
    # "up to" read as particle and preposition
    event = only(events("Gunmen kidnapped up to 12 Italian engineers in the delta."), "ASSAULT")
    assert countries(event.recipient) == {"ITA"}
    # a state's name ending in a common noun is still the state
    event = only(events("The World Bank gave the Ivory Coast 5 million dollars of aid."), "AID")
    assert countries(event.recipient) == {"CIV"}


def test_protesters_press_their_own_government(events):
    event = only(events("Young Moroccans blocked roads to press their demands for jobs from the Moroccan government."),
                 "PROTEST")
    assert countries(event.actor) == {"MAR"}
    assert countries(event.recipient) == {"MAR"}


def test_an_ally_is_not_of_the_state_it_allies_with(events):
    event = only(events("Rebels killed a commander of Syria's militia allies near the border."), "ASSAULT")
    assert "SYR" not in countries(event.recipient)


def test_more_news_idioms_name_the_recipient(events):
    # a bare number a verb of custody takes counts people, who are the state's own
    event = only(events("Kenyan police fired tear gas at the crowd, injuring five and arresting 30."), "COERCE")
    assert countries(event.recipient) == {"KEN"}
    # refuge sought in a state asks that state
    event = only(events("Hundreds of Afghan families sought asylum in Germany last year."), "REQUEST")
    assert countries(event.recipient) == {"DEU"}
    # a refusal to let someone act refuses them
    event = only(events("The junta refused to allow United Nations monitors to enter the country."), "REJECT")
    assert countries(event.recipient) == {"IGO"}
    # refugees are of the state they flee
    event = only(events("Norway will send food aid to refugees fleeing the fighting in Sudan."), "AGREE")
    assert countries(event.recipient) == {"SDN"}


def test_aid_given_or_withheld_in_a_place_goes_to_its_people(events):
    event = only(events("The Red Cross suspended aid deliveries in Mosul on Friday."), "SANCTION")
    assert [(e.kind, e.country) for e in event.recipient] == [("population", "IRQ")]


def test_a_state_of_siege_is_declared_like_martial_law(events):
    event = only(events("The junta declared a state of siege in Haiti."), "COERCE")
    assert event.mode == "martial-law"
    assert countries(event.recipient) == {"HTI"}


def test_a_clause_of_a_noun_not_acted_on_did_not_happen(events):
    event = only(events("The Security Council failed to pass a resolution calling for a ceasefire."), "REQUEST")
    assert event.factuality == "negated"
    event = only(events("The Security Council passed a resolution calling for a ceasefire."), "REQUEST")
    assert event.factuality == "asserted"


def countries_of(entities) -> set:
    return {e.country for e in entities}


def test_a_set_off_participle_on_an_if_clause_is_said_of_the_main_clause(events):
    found = events("The chancellor warned that Berlin could impose sanctions on Hungary if it "
                   "blocks the budget, while urging Poland to stay calm.")
    request = only(found, "REQUEST")
    assert countries_of(request.actor) == {"DEU"} and countries_of(request.recipient) == {"POL"}
    threat = only(found, "THREATEN")
    assert threat.condition == "if it blocks the budget"


def test_they_after_acting_with_someone_are_both_parties(events):
    agreed = only(events("Macron said he had spoken with Scholz and they had agreed to meet again."), "AGREE")
    assert countries_of(agreed.actor) == {"FRA", "DEU"} and not agreed.recipient


def test_a_states_goods_acted_on_stand_for_the_state(events):
    tariff = only(events("Canada imposed a tariff on Chinese steel."), "SANCTION")
    assert [(e.name, e.text) for e in tariff.recipient] == [("China", "Chinese steel")]


def test_sanctions_meant_to_press_someone_target_them(events):
    sanction = only(events("The European Union imposed new sanctions to pressure Belarus."), "SANCTION")
    assert countries_of(sanction.recipient) == {"BLR"}


def test_support_for_someone_names_them(events):
    support = only(events("Germany reaffirmed its support for Moldova."), "SUPPORT")
    assert countries_of(support.actor) == {"DEU"} and countries_of(support.recipient) == {"MDA"}


def test_a_coordinated_act_of_the_same_tense_shares_the_date(events):
    found = events("Officials said the two presidents met on Monday and signed a trade pact.")
    signed = next(e for e in found if e.trigger == "signed")
    assert signed.date.value == "2025-02-10" and signed.date.basis == "text"


def test_an_amount_in_aid_is_aid(events):
    aid = only(events("Norway sent $40 million in humanitarian aid to Sudan."), "AID")
    assert countries_of(aid.actor) == {"NOR"} and countries_of(aid.recipient) == {"SDN"}


def test_calling_on_someone_asks_them(events):
    request = only(events("Brazil called on Venezuela to release the opposition leader."), "REQUEST")
    assert countries_of(request.recipient) == {"VEN"}


def test_a_town_acted_on_is_the_place_not_a_recipient(events):
    retreat = only(events("Syria withdrew its troops from the Jordanian town of Ramtha."), "RETREAT")
    assert not retreat.recipient and retreat.location.country == "JOR"


def test_talk_about_a_war_elsewhere_is_not_located_there(events):
    talks = only(events("The Kenyan and Ugandan presidents discussed the war in Sudan by phone."), "CONSULT")
    assert talks.mode == "phone" and talks.location is None


def test_retaliation_names_whom_it_answers(events):
    found = events("Ottawa announced export controls on nickel in retaliation for Chinese tariffs.")
    controls = only(found, "SANCTION")
    assert countries_of(controls.actor) == {"CAN"} and countries_of(controls.recipient) == {"CHN"}


@pytest.mark.parametrize(("text", "kind", "mode"), [
    ("The Peruvian prime minister stepped down on Friday.", "RETREAT", "resign"),
    ("Dockworkers in Chile walked off the job on Monday.", "PROTEST", "strike"),
    ("The teachers' union in Kenya suspended its strike on Tuesday.", "CONCEDE", None),
    ("Rebels and government forces in Chad halted hostilities on Sunday.", "RETREAT", "ceasefire"),
    ("The Malian junta declared a ceasefire on Wednesday.", "CONCEDE", None),
    ("The Armenian prime minister expressed remorse over the killings.", "CONCEDE", None),
    ("The Thai president declared martial law on Monday night.", "COERCE", "martial-law"),
    ("Egypt reopened the Rafah crossing on Thursday.", "RETREAT", "access"),
    ("The Ethiopian government shut down the internet in Tigray.", "COERCE", "censor"),
    ("Soldiers from Armenia and Azerbaijan exchanged artillery fire on Tuesday.", "ASSAULT", "heavy-weapons"),
])
def test_the_manuals_senses_of_everyday_news_verbs(events, text, kind, mode):
    event = only(events(text), kind)
    assert event.mode == mode


def test_fighting_a_crime_or_a_quake_striking_is_no_assault(events):
    assert all(e.type != "ASSAULT" for e in events("Laos and Vietnam agreed to fight smuggling on their border."))
    assert all(e.type != "ASSAULT" for e in events("A powerful earthquake struck the country on Friday."))


def test_the_state_receiving_an_extradited_person_is_the_recipient(events):
    event = only(events("Spain extradited a former Colombian minister to Colombia on Friday."), "COOPERATE")
    assert countries_of(event.recipient) == {"COL"}


def test_a_treaty_ratified_names_its_partner(events):
    event = only(events("An extradition treaty with Uruguay was ratified by the Argentine senate."), "SUPPORT")
    assert countries_of(event.actor) == {"ARG"} and countries_of(event.recipient) == {"URY"}


def test_talks_between_two_parties_list_both_as_actors(events):
    event = only(events("Talks between the Greek and Turkish foreign ministers in Athens ended on Monday."), "CONSULT")
    assert countries_of(event.actor) == {"GRC", "TUR"} and not event.recipient


def test_travelling_for_talks_is_as_future_as_the_trip(events):
    event = only(events("The Chilean president will travel to Lima next week for talks with Peru's president."), "AGREE")
    assert event.factuality == "future"
    assert countries_of(event.actor) == {"CHL"} and countries_of(event.recipient) == {"PER"}  # a visit


def test_a_main_verb_the_parser_took_for_a_participle_still_acts(events):
    event = only(events("Ecuador's largest opposition party called on the interior minister to resign."), "REQUEST")
    assert countries_of(event.actor) == {"ECU"} and event.recipient


def test_forces_deployed_by_no_one_named_act_for_where_they_are(events):
    event = only(events("Riot police were deployed across Nairobi on Tuesday."), "MOBILIZE")
    assert [(e.text, e.country, e.country_basis) for e in event.actor] == [("Riot police", "KEN", "location")]
    assert event.location.name == "Nairobi"


def test_a_protest_called_by_someone_is_theirs(events):
    found = events("Police were deployed ahead of a march called by the Bolivian opposition leader.")
    march = next(e for e in found if e.type == "PROTEST")
    assert countries_of(march.actor) == {"BOL"} and not march.recipient


def test_arriving_somewhere_for_talks_is_a_visit_to_the_host(events):
    event = only(events("The Indonesian foreign minister arrived in Tokyo for talks with Japan's prime minister."),
                 "CONSULT")
    assert event.mode == "visit" and countries_of(event.actor) == {"IDN"} and countries_of(event.recipient) == {"JPN"}


def test_leaving_an_organisation_is_a_sanction_not_a_retreat(events):
    event = only(events("Nicaragua withdrew from the International Criminal Court on Monday."), "SANCTION")
    assert event.mode == "withdraw" and countries_of(event.recipient) == {"IGO"}


def test_parties_from_several_states_are_one_per_state(events):
    event = only(events("Delegations from Armenia and Azerbaijan held talks in Geneva on Friday."), "CONSULT")
    assert countries_of(event.actor) == {"ARM", "AZE"}


def test_a_state_named_by_its_adjective_is_that_state(events):
    event = only(events("Mexico formally recognised a Palestinian state on Tuesday."), "SUPPORT")
    assert [e.name for e in event.recipient] == ["Palestine"] and event.location is None


def test_a_body_owned_by_a_pronoun_is_of_its_owners_state(events):
    found = events("Hungarian Prime Minister Viktor Orban said his government would refuse to send weapons to Ukraine.")
    assert countries_of(only(found, "REJECT").actor) == {"HUN"}


def test_violence_by_protesters_is_a_riot(events):
    event = only(events("Protesters stormed the parliament building in Lima and set it on fire."), "PROTEST")
    assert event.mode == "riot" and countries_of(event.actor) == {"PER"}


def test_a_verbs_own_mode_beats_the_weapon_of_its_actor(events):
    event = only(events("Gunmen kidnapped 15 passengers from a bus in Zamfara on Monday."), "ASSAULT")
    assert event.mode == "abduct"


@pytest.mark.parametrize(("text", "kind", "mode", "recipient"), [
    ("The IMF approved a $3 billion loan for Egypt on Wednesday.", "AID", None, "EGY"),
    ("Prosecutors opened an investigation into the former Ecuadorian president.", "ACCUSE", "investigate", "ECU"),
    ("Lithuania summoned Belarus's charge d'affaires on Monday.", "ACCUSE", "disapprove", "BLR"),
    ("Caracas deployed troops along its coast in response to Guyana's military exercises.", "MOBILIZE", "troops", "GUY"),
])
def test_more_everyday_senses(events, text, kind, mode, recipient):
    event = only(events(text), kind)
    assert event.mode == mode and recipient in countries_of(event.recipient)


def test_warning_someone_against_something_is_no_threat(events):
    found = events("The Moldovan president warned voters against trusting promises to end the war.")
    assert all(e.type != "THREATEN" for e in found)


def test_measures_name_whom_they_target_and_adopted_ones_are_no_plans(events):
    event = only(events("New sanctions targeting Iran's oil exports were adopted by the European Union."), "SANCTION")
    assert event.factuality == "asserted" and countries_of(event.recipient) == {"IRN"}


def test_a_bomb_planted_by_someone_is_theirs(events):
    event = only(events("Three Malian soldiers were killed by a landmine planted by jihadists near Gao."), "ASSAULT")
    assert texts(event.actor) == ["jihadists"] and event.mode == "explosives"


def test_deployed_police_take_their_own_mode(events):
    assert only(events("Riot police were deployed across Lima on Friday."), "MOBILIZE").mode == "police"


def test_a_target_struck_in_a_place_is_of_that_places_state(events):
    event = only(events("Turkish jets fired missiles at targets in Kirkuk on Sunday."), "ASSAULT")
    assert [(e.text, e.country) for e in event.recipient] == [("targets", "IRQ")]
    assert event.location.name == "Kirkuk"


def test_a_headlines_capitals_are_no_names(events):
    found = events("Brussels Warns Budapest of Possible Sanctions If It Blocks Ukraine Aid\n\n"
                   "The European Commission warned Hungary on Monday that it could face sanctions.")
    headline = [e for e in found if e.type == "THREATEN" and e.start == 0]
    assert headline and headline[0].factuality == "conditional"
    assert headline[0].condition == "If It Blocks Ukraine Aid"


def test_a_verdict_of_guilty_is_a_conviction(events):
    event = only(events("A court in Ankara found the former mayor guilty of fraud on Monday."), "SANCTION")
    assert event.mode == "convict" and countries_of(event.actor) == {"TUR"} and texts(event.recipient) == ["the former mayor"]


def test_a_main_verb_parsed_onto_an_instrument_still_acts(events):
    event = only(events("Militiamen armed with machetes killed 30 villagers in Uganda on Sunday."), "ASSAULT")
    assert "Militiamen" in texts(event.actor) and countries_of(event.actor) == {"UGA"}


def test_a_division_of_a_named_state_locates_the_act(events):
    event = only(events("Gunmen kidnapped 12 passengers from a bus in Nigeria's Kogi state on Friday."), "ASSAULT")
    assert event.location.country == "NGA" and countries_of(event.actor) == {"NGA"}


def test_parties_ending_their_summit_held_it_and_one_side_ending_talks_broke_them_off(events):
    assert only(events("Japan and South Korea ended their summit in Seoul on Friday."), "CONSULT")
    walked = only(events("Iran ended talks with the European powers on Monday."), "SANCTION")
    assert walked.mode == "withdraw"
    assert only(events("Israel and Hamas ended hostilities on Sunday."), "RETREAT").mode == "ceasefire"


def test_a_trip_taken_to_meet_someone_has_the_trips_tense_and_date(events):
    event = only(events("The Kenyan president said he would fly to Kampala on Monday to meet Museveni."), "AGREE")
    assert event.factuality == "future" and event.date.value == "2025-02-17"
    assert countries_of(event.actor) == {"KEN", "UGA"}


def test_the_two_presidents_are_the_last_two_presidents_named(events):
    found = events("Biden spoke with Xi Jinping on Tuesday. A Chinese spokesman said the two presidents "
                   "had agreed to meet again.", published="2024-04-05")
    agreed = next(e for e in found if e.type == "AGREE")
    assert {e.name for e in agreed.actor} == {"Joe Biden", "Xi Jinping"}
