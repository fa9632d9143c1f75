"""The shared spaCy pipeline: sentence boundaries at blank lines."""

from __future__ import annotations


def test_a_headline_never_runs_into_the_paragraph_below(nlp):
    doc = nlp("Minister Warns Rivals of Possible Tariffs If Talks Fail\n\n"
              "U.S. Trade Representative Jane Doe said on Monday that tariffs were possible.")
    assert [s.text.strip() for s in doc.sents] == [
        "Minister Warns Rivals of Possible Tariffs If Talks Fail",
        "U.S. Trade Representative Jane Doe said on Monday that tariffs were possible.",
    ]


def test_a_single_line_break_is_left_to_the_parser(nlp):
    doc = nlp("The minister said on Monday that the\ntalks would resume in March.")
    assert len(list(doc.sents)) == 1


def test_a_wire_dateline_is_a_sentence_of_its_own(nlp):
    doc = nlp("Leaders Meet\n\nNAIROBI, March 3 (Reuters) - Kenya's president met his Ugandan counterpart.")
    assert [s.text.strip() for s in doc.sents][1:] == [
        "NAIROBI, March 3 (Reuters) -",
        "Kenya's president met his Ugandan counterpart.",
    ]


def test_a_capitalised_word_and_a_dash_are_no_dateline(nlp):
    doc = nlp("NATO allies met on Monday - and agreed on a plan.")
    assert len(list(doc.sents)) == 1
