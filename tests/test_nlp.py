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
