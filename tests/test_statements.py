"""Statements on constructed sentences: each attribution construction and quote-mark edge cases."""

from __future__ import annotations

import pytest

from dossier.extract.quotes_marks import find_quotes
from dossier.records import Statement

# --------------------------------------------------------------------------- quote marks


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_marks():
    text = 'She called it “a fine plan,” and he said "not yet" twice.'
    assert quoted(text) == ["“a fine plan,”", '"not yet"']


def test_doubled_single_marks_as_used_by_some_papers():
    assert quoted("''We will see,'' the aide said.") == ["''We will see,''"]


def test_apostrophes_and_nested_single_quotes_stay_inside():
    text = "“The court’s ruling said ‘no’ to us,” the lawyer said."
    assert quoted(text) == ["“The court’s ruling said ‘no’ to us,”"]


def test_unclosed_mark_runs_to_paragraph_end():
    text = "The clerk said “we close at noon\n\nThe next day was quiet."
    assert quoted(text) == ["“we close at noon"]
    assert not find_quotes(text)[0].closed


def test_stray_closing_mark_starts_at_paragraph():
    text = "we close at noon,” the clerk said."
    assert quoted(text) == ["we close at noon,”"]


def test_quote_continuing_into_next_paragraph():
    text = "“First we fix the roof.\n\n“Then the windows,” the builder said."
    (quote,) = find_quotes(text)
    assert len(quote.parts) == 2
    assert text[quote.parts[0][0] : quote.parts[0][1]] == "“First we fix the roof."
    assert text[quote.parts[1][0] : quote.parts[1][1]] == "“Then the windows,”"


# --------------------------------------------------------------------------- constructions


@pytest.fixture(scope="module")
def statements_of(extract):
    def run(text: str, **kwargs) -> list[Statement]:
        return [r for r in extract(text, **kwargs) if isinstance(r, Statement)]

    return run


def spanned(text: str, spans: list[list[int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def one(statements: list[Statement], lemma: str) -> Statement:
    found = [s for s in statements if s.cue_lemma == lemma]
    assert found, [(s.cue, s.content) for s in statements]
    return found[0]


def test_direct_quote(statements_of):
    text = '"We will reopen the bridge before the spring thaw," Mayor Ana Lopez said on Monday.'
    st = one(statements_of(text), "say")
    assert st.kind == "direct"
    assert "Lopez" in st.speaker.text
    assert spanned(text, st.content_span) == ['"We will reopen the bridge before the spring thaw,"']
    assert spanned(text, st.cue_span) == ["said"]


def test_indirect_quote_leaves_out_final_period(statements_of):
    text = "Mayor Ana Lopez said the city would reopen the bridge before the spring thaw."
    st = one(statements_of(text), "say")
    assert st.kind == "indirect"
    assert spanned(text, st.content_span) == ["the city would reopen the bridge before the spring thaw"]


def test_complementizer_is_part_of_content(statements_of):
    text = "The harbour authority announced that ferries would stop running at night."
    st = one(statements_of(text), "announce")
    assert spanned(text, st.content_span) == ["that ferries would stop running at night"]
    assert "harbour authority" in st.speaker.text


def test_mixed_quote(statements_of):
    text = 'The union leader warned members against "signing anything the managers put in front of you".'
    st = one(statements_of(text), "warn")
    assert st.kind == "mixed"
    assert "union leader" in st.speaker.text


def test_colon_quote(statements_of):
    text = 'At the depot, the governor said: "Nobody will be left stranded this winter."'
    st = one(statements_of(text), "say")
    assert st.kind == "direct"
    assert spanned(text, st.content_span) == ['"Nobody will be left stranded this winter."']
    assert st.speaker.text == "the governor"


def test_according_to(statements_of):
    text = "According to the transport ministry, the new line will open in March."
    st = one(statements_of(text), "according to")
    assert "transport ministry" in st.speaker.text
    assert "the new line will open in March" in " ".join(spanned(text, st.content_span))


def test_quote_split_by_its_cue_is_one_discontinuous_content(statements_of):
    text = "“The pumps failed at midnight,” the engineer said. “Nobody was hurt.”"
    st = one(statements_of(text), "say")
    assert spanned(text, st.content_span) == ["“The pumps failed at midnight,”", "“Nobody was hurt.”"]
    assert st.speaker.text == "the engineer"


def test_continuation_paragraph_keeps_the_speaker(statements_of):
    text = (
        "“We have counted every ballot twice,” the county clerk said.\n\n"
        "“There is no reason to count them a third time.”"
    )
    st = one(statements_of(text), "say")
    joined = " ".join(spanned(text, st.content_span))
    assert "third time" in joined and "every ballot" in joined
    assert "county clerk" in st.speaker.text


def test_attribution_inside_an_attribution(statements_of):
    text = "The minister promised that \"the schools will stay open, she added,\" her office said."
    found = statements_of(text)
    assert one(found, "add").speaker.text == "she"
    assert "office" in one(found, "say").speaker.text


def test_addressee_and_venue(statements_of):
    text = "The senator told reporters in an interview with a local radio station that the vote was close."
    st = one(statements_of(text), "tell")
    assert st.addressee is not None and st.addressee.text == "reporters"
    assert st.venue is not None and "interview" in st.venue
    assert "reporters" not in " ".join(spanned(text, st.content_span))


def test_headline_when_title_is_first_line(statements_of):
    title = "Mayor Lopez Vows Bridge Will Reopen by Spring"
    text = f"{title}\n\nThe mayor spoke at city hall on Monday."
    st = one(statements_of(text, title=title), "vow")
    assert st.speaker.text == "Mayor Lopez"
    assert spanned(text, st.content_span) == ["Bridge Will Reopen by Spring"]


def test_date_from_the_statement_sentence(statements_of):
    pytest.importorskip("dossier.extract.time")
    text = 'Speaking at a rally in 2019, she said: "We will win this county."'
    st = one(statements_of(text), "say")
    assert st.date is not None and st.date.value == "2019"
    assert st.venue is not None and "rally" in st.venue


def test_record_fields_are_consistent(statements_of):
    text = '"The river is rising fast," the fire chief said.'
    (st,) = statements_of(text)
    spans = st.speaker_span + st.cue_span + st.content_span
    assert st.start == min(s for s, _ in spans) and st.end == max(e for _, e in spans)
    assert st.sentence == text
    assert st.article_id == "test"


# --------------------------------------------------------------------------- tagger input


def test_paragraphs_split_at_newlines_and_drop_space_tokens(nlp):
    from dossier.extract.quotes_features import paragraph_tokens

    doc = nlp("One two.\n\nThree  four.\nFive \n\n ")
    assert [[t.text for t in p] for p in paragraph_tokens(doc)] == [["One", "two", "."], ["Three", "four", "."], ["Five"]]


def test_token_groups_bridge_space_tokens_only(nlp):
    from dossier.extract.quotes_assemble import token_groups

    doc = nlp("A b\n\nc d e")
    assert token_groups(doc, {0, 1, 3, 5}) == [(0, 6), (9, 10)]  # "A b\n\nc", "e"


def test_features_mark_the_paragraph_edges(nlp):
    from dossier.extract.quotes_features import paragraph_tokens, quote_flags, sequence_features

    doc = nlp("He said no.")
    (tokens,) = paragraph_tokens(doc)
    first, *_, last = sequence_features(tokens, quote_flags(doc, []))
    assert {b"-2BOUND", b"-1BOUND", b"-1l=^", b"1w=said", b"2w=no", b"w=he", b"sent0=y"} <= set(first)
    assert {b"1BOUND", b"2BOUND", b"1l=$", b"-1w=no", b"-2w=said", b"sent0=n"} <= set(last)
