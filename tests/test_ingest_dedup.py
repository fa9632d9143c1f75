"""Near-duplicate detection with MinHash LSH."""

from __future__ import annotations

import pytest

from dossier.ingest import NearDuplicateIndex

STORY = (
    "The harbour authority and the dockers union agreed a new contract late on Monday after a week "
    "of strikes that left ferries idle and lorries queuing for miles outside the port. Under the "
    "agreement night shifts will be shorter, overtime will be paid at a higher rate and a review "
    "panel will meet every quarter to look at safety on the quays. Shipping firms said the first "
    "ferries would sail again on Wednesday morning if the weather allowed, and the regional "
    "government welcomed what it called a sensible compromise for workers and travellers alike."
)
OTHER = (
    "Fishing ministers from four coastal states met in the capital to discuss catch quotas for the "
    "coming season, but left without an agreement after scientists warned that cod stocks remain "
    "low. A further meeting is planned for May, when officials hope to settle the size of the "
    "herring quota and the rules for small boats working close to the shore."
)


def test_near_duplicate_is_found_and_other_text_is_not():
    index = NearDuplicateIndex()
    index.add("port", STORY)
    index.add("fish", OTHER)
    republished = "PORT STRIKE ENDS\u00a0 " + STORY + " Reporting by the harbour desk."
    assert index.find(republished) == "port"
    assert index.find(OTHER.replace("May", "June")) == "fish"
    assert (
        index.find("A completely unrelated note about the weather at the weekend and the football.")
        is None
    )


def test_canonical_is_the_first_added():
    index = NearDuplicateIndex()
    index.add("first", STORY)
    index.add("second", STORY + " Updated.")
    assert index.find(STORY) == "first"


def test_signatures_rebuild_the_index_without_texts():
    original = NearDuplicateIndex()
    signature = original.add("port", STORY)
    assert isinstance(signature, bytes) and len(signature) == 128 * 4
    assert signature == original.signature(STORY)
    rebuilt = NearDuplicateIndex()
    rebuilt.add_signature("port", signature)
    assert "port" in rebuilt and len(rebuilt) == 1
    assert rebuilt.find(STORY + " Extra line.") == "port"


def test_adding_twice_and_empty_texts():
    index = NearDuplicateIndex()
    index.add("port", STORY)
    index.add("port", OTHER)  # the id is already indexed: no-op
    assert len(index) == 1
    index.add("blank", "  ")
    assert "blank" not in index
    assert index.find("") is None


def test_short_texts_are_one_shingle():
    index = NearDuplicateIndex()
    assert index.shingles("Ferries sail again") == {b"ferries sail again"}
    index.add("short", "Ferries sail again")
    assert index.find("ferries  SAIL again!") == "short"


def test_signature_of_the_wrong_size_is_rejected():
    with pytest.raises(ValueError, match="signature has 4 values"):
        NearDuplicateIndex().add_signature("x", b"\x00" * 16)
