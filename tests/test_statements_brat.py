"""The BRAT quote scorer: span matching, .ann writing and reading, raw-input folders."""

from __future__ import annotations

from dossier.eval import brat
from dossier.records import Statement

TEXT = "“The dam will hold,” the engineer said. “We checked it twice.”"


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return (start, start + len(fragment))


SOURCE, CUE = at("the engineer"), at("said")
FIRST, SECOND = at("“The dam will hold,”"), at("“We checked it twice.”")


def test_fragments_split_by_whitespace_merge():
    assert brat.merge_spans([(0, 5), (6, 10), (20, 25)], "aaaaa bbbb ......... ccccc") == ((0, 10), (20, 25))


def test_overlap_needs_half_of_the_longer_span():
    assert brat.overlaps(((0, 10),), ((0, 5),))
    assert not brat.overlaps(((0, 10),), ((0, 4),))
    assert brat.overlaps((), ())


def test_scores_exact_and_overlap():
    gold = [brat.Attr((SOURCE,), (CUE,), (FIRST, SECOND))]
    pred = [brat.Attr((SOURCE,), (CUE,), (FIRST,))]
    tallies = brat.score_article(pred, gold)
    assert tallies["Source", "exact"].f1 == 1.0
    assert tallies["Content", "exact"].f1 == 0.0
    assert tallies["Content", "overlap"].f1 == 0.0  # 20 of 42 characters: under half
    assert tallies["Attribution", "exact"].f1 == 0.0


def test_written_ann_reads_back(tmp_path):
    statement = Statement(
        "a", TEXT, 0, len(TEXT),
        speaker_span=[list(SOURCE)], cue_span=[list(CUE)], content_span=[list(FIRST), list(SECOND)],
    )
    path = tmp_path / "a.ann"
    brat.write_ann(path, TEXT, [statement])
    assert "E1\tAttribution:" in path.read_text()
    (parts,) = brat.read_ann(path)
    assert parts == {"Source": (SOURCE,), "Cue": (CUE,), "Content": (FIRST, SECOND)}


def test_raw_folder_only_writes_predictions(tmp_path):
    (tmp_path / "in" / "text").mkdir(parents=True)
    (tmp_path / "in" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    report = brat.evaluate(tmp_path / "in", tmp_path / "out")
    assert report.articles == 0
    written = (tmp_path / "out" / "a.ann").read_text()
    assert f"Cue {CUE[0]} {CUE[1]}\tsaid" in written
    assert f"Content {FIRST[0]} {FIRST[1]};{SECOND[0]} {SECOND[1]}\t" in written
