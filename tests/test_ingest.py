"""Ingestion: normalisation, dates, text and record files, sources, stdin, errors."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.ingest import IngestError, IngestRun, normalize_text, parse_date, read, text_sha256
from dossier.ingest.decode import decode_bytes
from dossier.records import Article

BODY = (
    "Harbour officials in Valdora said on Tuesday that the ferry strike had ended.\n\n"
    "The union accepted a pay offer after a night of talks, a spokeswoman said."
)


def articles(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def read_all(*sources, **options) -> list:
    return list(read([str(source) for source in sources], **options))


def only_article(*sources, **options) -> Article:
    items = read_all(*sources, **options)
    assert not errors(items), errors(items)
    assert len(items) == 1
    return items[0]


def only_error(*sources, **options) -> IngestError:
    items = read_all(*sources, **options)
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


# --- normalisation ---------------------------------------------------------------


def test_normalize_maps_odd_spaces_one_for_one():
    text = "minerals\u00a0deal\u2009signed\u200bnow\ufeff\r\nnext\rline\u2028end\t!"
    normal = normalize_text(text)
    assert len(normal) == len(text)
    assert normal == "minerals deal signed now  \nnext\nline\nend !"


def test_normalize_replaces_lone_surrogates_so_text_hashes():
    normal = normalize_text("a\ud800b")
    assert normal == "a\ufffdb"
    assert len(text_sha256(normal)) == 64


_ODD_CHARS = st.sampled_from(
    ["\u00a0", "\u2009", "\u200b", "\u202f", "\ufeff", "\r", "\t", "\u2028"]
)
_TEXTS = st.lists(st.one_of(st.text(min_size=1, max_size=8), _ODD_CHARS), max_size=30).map("".join)


@given(_TEXTS)
def test_normalize_preserves_length_and_is_idempotent(text):
    normal = normalize_text(text)
    assert len(normal) == len(text)
    assert normalize_text(normal) == normal


@given(
    st.lists(st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True), min_size=1, max_size=12), st.data()
)
def test_offsets_into_normalized_text_point_to_the_same_words(words, data):
    separators = [
        data.draw(st.sampled_from([" ", "\u00a0", "\u2009", "\u200b", "\n", "\r\n"])) for _ in words
    ]
    text, spans = "", []
    for word, separator in zip(words, separators, strict=True):
        spans.append((len(text), len(text) + len(word)))
        text += word + separator
    normal = normalize_text(text)
    assert [normal[start:end] for start, end in spans] == words
    assert normal.split() == words


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-14", ("2025-02-14", "day")),
        ("2025-02-14T23:30:00-05:00", ("2025-02-14", "day")),
        ("2025/02/14", ("2025-02-14", "day")),
        ("Feb. 14, 2025", ("2025-02-14", "day")),
        ("February 14th 2025", ("2025-02-14", "day")),
        ("14 February 2025", ("2025-02-14", "day")),
        ("Friday, 14 February 2025", ("2025-02-14", "day")),
        ("Fri, 14 Feb 2025 23:30:00 -0500", ("2025-02-14", "day")),
        ("Sept. 3, 2024", ("2024-09-03", "day")),
        ("2025-02", ("2025-02", "month")),
        ("February 2025", ("2025-02", "month")),
        ("2025", ("2025", "year")),
    ],
)
def test_parse_date(value, expected):
    assert tuple(parse_date(value)) == expected


@pytest.mark.parametrize(
    "value", ["2025-02-30", "2025-13-01", "2025-13", "30 Feb 2025", "Feb 29, 2025"]
)
def test_impossible_dates_raise(value):
    with pytest.raises(ValueError, match="impossible date"):
        parse_date(value)


@pytest.mark.parametrize("value", ["yesterday", "Smarch 3, 2025", "14/02", ""])
def test_unrecognised_dates_raise(value):
    with pytest.raises(ValueError, match="unrecognised date"):
        parse_date(value)


def test_date_option_is_checked_at_the_call():
    with pytest.raises(ValueError, match="impossible date"):
        read(["x.txt"], date="2025-02-30")


def test_unknown_field_map_key_is_rejected_at_the_call():
    with pytest.raises(ValueError, match="unknown fields in field_map: body"):
        read(["x.jsonl"], field_map={"body": "text"})


# --- text files --------------------------------------------------------------------


def test_txt_title_is_first_line_and_stays_in_text(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text("\n\nFerry Strike Ends\n\n" + BODY + "\n")
    article = only_article(path)
    assert article.title == "Ferry Strike Ends"
    assert article.text.startswith("Ferry Strike Ends\n\nHarbour officials")
    assert article.published is None and article.published_precision is None
    assert article.path == str(path)
    assert article.sha256 == text_sha256(article.text)
    assert article.id == "ferry"  # the file name without its extension


def test_txt_date_from_file_name(tmp_path):
    path = tmp_path / "2025-03-04_ferry-strike.txt"
    path.write_text(BODY)
    article = only_article(path)
    assert (article.published, article.published_precision) == ("2025-03-04", "day")


def test_txt_impossible_date_in_file_name_is_an_error(tmp_path):
    path = tmp_path / "2025-02-30_ferry.txt"
    path.write_text(BODY)
    error = only_error(path)
    assert error.path == str(path)
    assert "impossible date '2025-02-30'" in str(error)


def test_md_front_matter_is_metadata_and_removed(tmp_path):
    path = tmp_path / "2024-01-01_ferry.md"
    path.write_text(
        '---\ntitle: "Strike over"\ndate: 5 March 2025\nsource: Valdora Post\n'
        "url: https://example.org/ferry\nid: vp-77\ntags: [ports]\n---\n\n" + BODY
    )
    article = only_article(path)
    assert article.text == BODY
    assert article.title == "Strike over"
    assert (article.id, article.source, article.url) == (
        "vp-77",
        "Valdora Post",
        "https://example.org/ferry",
    )
    assert article.published == "2025-03-05"


def test_txt_first_line_date(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text("Date: Feb. 14, 2025\nFerry Strike Ends\n" + BODY)
    article = only_article(path)
    assert article.published == "2025-02-14"
    assert article.text.startswith("Ferry Strike Ends\n")
    assert article.title == "Ferry Strike Ends"


def test_txt_impossible_front_matter_date_is_an_error(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text("---\ndate: 2025-13-01\n---\n" + BODY)
    assert "impossible date '2025-13-01'" in str(only_error(path))


def test_date_and_source_options_win(tmp_path):
    path = tmp_path / "2024-05-06_ferry.txt"
    path.write_text("Date: 2023-01-01\n" + BODY)
    article = only_article(path, date="2025-02", source="Harbour Gazette")
    assert (article.published, article.published_precision) == ("2025-02", "month")
    assert article.source == "Harbour Gazette"


def test_long_first_line_is_not_a_title(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(" ".join([BODY.replace("\n", " ")] * 3))
    assert only_article(path).title is None


def test_no_break_spaces_are_normalised_in_text_and_title(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text("Minerals\u00a0deal\n\nThe minerals\u00a0deal was signed.\r\n")
    article = only_article(path)
    assert article.title == "Minerals deal"
    assert article.text == "Minerals deal\n\nThe minerals deal was signed."


# --- decoding and bad files -----------------------------------------------------------


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes("The minister\u2019s caf\u00e9 talk \u2013 brief.".encode("cp1252"))
    assert only_article(path).text == "The minister\u2019s caf\u00e9 talk \u2013 brief."


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(b"\xef\xbb\xbfFerry news\n" + BODY.encode())
    assert only_article(path).title == "Ferry news"


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(("Ferry news\n" + BODY).encode("utf-16"))
    assert only_article(path).title == "Ferry news"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 20 + b"\x81", "undecodable bytes"),
    ],
)
def test_bad_text_files_are_errors(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    error = only_error(path)
    assert reason in str(error)
    assert str(error).startswith(str(path) + ": ")
    assert "\n" not in str(error)


def test_undecodable_error_names_the_byte(tmp_path):
    with pytest.raises(IngestError, match=r"at byte 3"):
        decode_bytes(b"abc\x81def", "x.txt")


def test_big_file_is_rejected_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper, nothing written

    def refuse(*args, **kwargs):
        raise AssertionError("the big file was read")

    monkeypatch.setattr("pathlib.Path.read_bytes", refuse)
    error = only_error(path)
    assert "file is 50.0 MB, over the 20.0 MB limit" in str(error)


def test_size_limit_is_an_option(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(BODY)
    assert "over the" in str(only_error(path, max_bytes=10))


def test_errors_do_not_stop_the_rest(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(BODY)
    items = read_all(tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path / "b.txt")
    assert [type(item).__name__ for item in items] == ["IngestError", "IngestError", "Article"]
    assert str(items[1]) == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_ingest_error_is_an_exception_and_a_value():
    error = IngestError("a.txt", "empty file")
    assert isinstance(error, Exception)
    assert error == IngestError("a.txt", "empty file")
    assert str(error) == "a.txt: empty file"


# --- records: JSON, JSON Lines, CSV ---------------------------------------------------------


def write_jsonl(path, lines) -> None:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    )


def test_jsonl_records_with_text_and_files(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "2025-03-04_strike.txt").write_text("Strike Ends\n\n" + BODY)
    absolute = tmp_path / "other.txt"
    absolute.write_text("Another Story\n\nThe port reopened.")
    write_jsonl(
        tmp_path / "items.jsonl",
        [
            {
                "id": 17,
                "text": BODY,
                "title": "Ferry",
                "published": "2025-03-04T08:00:00Z",
                "url": "https://example.org/a",
            },
            {
                "id": "f-1",
                "file": "texts/2025-03-04_strike.txt",
                "source": "Valdora Post",
                "extra": 1,
            },
            {"file": str(absolute), "title": "Given Title", "date": "2025"},
        ],
    )
    first, second, third = only_articles(tmp_path / "items.jsonl")
    assert (first.id, first.title, first.published, first.url) == (
        "17",
        "Ferry",
        "2025-03-04",
        "https://example.org/a",
    )
    assert first.path == str(tmp_path / "items.jsonl")
    assert (second.id, second.title, second.published, second.source) == (
        "f-1",
        "Strike Ends",
        "2025-03-04",
        "Valdora Post",
    )
    assert second.path == str(tmp_path / "texts" / "2025-03-04_strike.txt")
    assert second.text.startswith("Strike Ends\n\nHarbour")
    assert (third.title, third.published, third.published_precision) == (
        "Given Title",
        "2025",
        "year",
    )
    assert third.id == "other"  # named by the file it points to


def only_articles(*sources, **options) -> list[Article]:
    items = read_all(*sources, **options)
    assert not errors(items), errors(items)
    return items


def test_jsonl_bad_lines_name_their_line_and_the_rest_still_comes(tmp_path):
    write_jsonl(
        tmp_path / "items.jsonl",
        [
            {"text": BODY},
            '{"text": "unterminated',
            "",
            '["not", "an", "object"]',
            {"title": "no text"},
            {"file": "gone.txt"},
            {"text": BODY, "date": "2025-02-30"},
            {"text": 42},
            {"text": "The last one arrives."},
        ],
    )
    items = read_all(tmp_path / "items.jsonl")
    assert [type(item).__name__ for item in items] == ["Article"] + ["IngestError"] * 6 + [
        "Article"
    ]
    reasons = [error.reason for error in errors(items)]
    assert reasons[0].startswith("line 2: invalid JSON")
    assert reasons[1] == "line 4: not a JSON object but list"
    assert reasons[2] == "line 5: no 'text' or 'file' field"
    assert reasons[3] == f"line 6: referenced file {tmp_path / 'gone.txt'} not found"
    assert reasons[4].startswith("line 7: impossible date '2025-02-30'")
    assert reasons[5] == "line 8: 'text' is not a string"
    assert all(error.path == str(tmp_path / "items.jsonl") for error in errors(items))


def test_jsonl_referenced_binary_file_is_an_error(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02")
    write_jsonl(tmp_path / "items.jsonl", [{"file": "blob.txt"}])
    assert "line 1: referenced file" in str(only_error(tmp_path / "items.jsonl"))
    assert "binary file" in str(only_error(tmp_path / "items.jsonl"))


def test_jsonl_line_over_the_limit(tmp_path):
    write_jsonl(tmp_path / "items.jsonl", [{"text": "x" * 500}, {"text": BODY[:80]}])
    items = read_all(tmp_path / "items.jsonl", max_bytes=200)
    assert str(items[0]).endswith("line 1: line is over the 0.0 MB limit")
    assert isinstance(items[1], Article)


def test_field_map(tmp_path):
    write_jsonl(
        tmp_path / "items.jsonl",
        [{"body": BODY, "headline": "Ferry", "when": "2025-03-04", "key": "k1"}],
    )
    article = only_article(
        tmp_path / "items.jsonl",
        field_map={"text": "body", "title": "headline", "date": "when", "id": "key"},
    )
    assert (article.id, article.title, article.published) == ("k1", "Ferry", "2025-03-04")


def test_json_object_and_array(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": BODY, "title": "One"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": BODY, "id": "m1"}, {"text": ""}, 3]))
    items = read_all(tmp_path / "one.json", tmp_path / "many.json")
    assert [getattr(item, "title", None) for item in items[:1]] == ["One"]
    assert items[1].id == "m1"
    assert [error.reason for error in errors(items)] == [
        "item 2: no 'text' or 'file' field",
        "item 3: not a JSON object but int",
    ]


def test_broken_json_file(tmp_path):
    (tmp_path / "bad.json").write_text('{"text": ')
    assert "invalid JSON" in str(only_error(tmp_path / "bad.json"))


def test_csv(tmp_path):
    (tmp_path / "items.csv").write_text(
        'id,title,text,date,source\nc1,Ferry,"Harbour officials said the strike ended.\nTalks went on all night.",2025-03-04,Post\n'
        "c2,Bad,Another text.,2025-02-30,Post\n"
    )
    items = read_all(tmp_path / "items.csv")
    assert (items[0].id, items[0].title, items[0].published, items[0].source) == (
        "c1",
        "Ferry",
        "2025-03-04",
        "Post",
    )
    assert items[0].text.endswith("\nTalks went on all night.")
    assert str(items[1]).startswith(f"{tmp_path / 'items.csv'}: line 4: impossible date")


def test_csv_without_text_column(tmp_path):
    (tmp_path / "items.csv").write_text("a,b\n1,2\n")
    assert "no file or text column (columns: a, b)" in str(only_error(tmp_path / "items.csv"))


# --- sources: folders, globs, stdin ---------------------------------------------------------


def test_folder_walk_skips_hidden_and_unknown_files_and_counts_them(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(BODY)
    (tmp_path / ".draft.txt").write_text(BODY)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "b.txt").write_text("B story\n" + BODY)
    (tmp_path / "sub" / "a.md").write_text("A story\n" + BODY)
    run = read([str(tmp_path)])
    assert isinstance(run, IngestRun)
    assert [article.title for article in run] == ["B story", "A story"]
    assert sorted(run.skipped) == sorted(
        str(tmp_path / name) for name in (".git", ".draft.txt", "photo.jpg")
    )


def test_glob(tmp_path):
    (tmp_path / "a.txt").write_text("A\n" + BODY)
    (tmp_path / "b.txt").write_text("B\n" + BODY)
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    run = read([str(tmp_path / "*")])
    assert [article.title for article in run] == ["A", "B"]
    assert run.skipped == [str(tmp_path / "c.pdf")]
    assert str(only_error(tmp_path / "*.nothing")).endswith(": no files match")


def test_named_file_of_unknown_type_is_an_error(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    assert "unsupported file type .docx" in str(only_error(tmp_path / "notes.docx"))


def test_read_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("A\n" + BODY)
    run = read([str(tmp_path / "a.txt"), str(tmp_path / "later.txt")])
    assert next(run).title == "A"
    (tmp_path / "later.txt").write_text("Later\n" + BODY)  # created after the first article
    assert next(run).title == "Later"


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch):
    set_stdin(monkeypatch, ("Ferry News\n" + BODY).encode())
    article = only_article("-", date="2025-03-04")
    assert (article.path, article.title, article.published) == ("-", "Ferry News", "2025-03-04")


def test_stdin_jsonl(monkeypatch):
    set_stdin(
        monkeypatch,
        b'  {"id": "s1", "text": "First one."}\n{"id": "s2", "text": "Second one."}\nnope\n',
    )
    items = read_all("-")
    assert [item.id for item in articles(items)] == ["s1", "s2"]
    assert str(errors(items)[0]).startswith("-: line 3: invalid JSON")


def test_stdin_empty(monkeypatch):
    set_stdin(monkeypatch, b"")
    assert str(only_error("-")) == "-: empty file"


# --- the shared seeds ---------------------------------------------------------------------------


def test_seed_articles(shared_dir):
    seeds = shared_dir / "seeds" / "articles.jsonl"
    if not seeds.is_file():
        pytest.skip("no seeds")
    first, second = only_articles(seeds)
    assert (first.id, first.published, first.published_precision) == (
        "seed-2025-02-14",
        "2025-02-14",
        "day",
    )
    assert (second.id, second.published) == ("seed-2025-08-24", "2025-08-24")
    assert first.title.startswith("Vance Warns Russia") and second.title.startswith(
        "Vance says Russia"
    )
    assert (first.source, second.source) == ("Reuters", None)
    for article in (first, second):
        assert "\u00a0" not in article.text
        assert article.sha256 == text_sha256(article.text)
        assert article.path.endswith(".txt")


def test_jsonl_file_front_matter_fills_gaps(tmp_path):
    (tmp_path / "story.md").write_text(
        "---\nid: own-id\nsource: Quay Weekly\n---\nQuay Story\n" + BODY
    )
    write_jsonl(tmp_path / "items.jsonl", [{"file": "story.md", "source": "Record Source"}])
    article = only_article(tmp_path / "items.jsonl")
    assert (article.id, article.source, article.title) == ("own-id", "Record Source", "Quay Story")


def test_a_single_string_is_one_source(tmp_path):
    (tmp_path / "a.txt").write_text("A\n" + BODY)
    assert [article.title for article in read(str(tmp_path / "a.txt"))] == ["A"]


def test_a_folder_reads_files_named_by_its_manifest_once_with_its_metadata(tmp_path):
    (tmp_path / "harbour.txt").write_text("Harbour reopens\n\nThe port opened again.", encoding="utf-8")
    (tmp_path / "bridge.txt").write_text("Bridge closes\n\nThe bridge shut for repairs.", encoding="utf-8")
    (tmp_path / "index.jsonl").write_text(
        '{"id": "h1", "file": "harbour.txt", "published": "2025-04-02", "source": "Coast Daily"}\n',
        encoding="utf-8",
    )
    articles = [a for a in read([str(tmp_path)]) if isinstance(a, Article)]
    assert sorted((a.id, a.source, a.published) for a in articles) == [
        ("bridge", None, None),
        ("h1", "Coast Daily", "2025-04-02"),
    ]
