"""Ingestion of web material: HTML pages, RSS/Atom feeds, WARC files and URLs (local server only)."""

from __future__ import annotations

import http.server
import io
import threading
import time

import pytest

from dossier.ingest import IngestError, read
from dossier.ingest.html import html_to_text
from dossier.records import Article

PAGE = """<!doctype html>
<html><head>
<title>Port deal agreed | Valdora Post</title>
<link rel="canonical" href="https://post.example.org/2025/03/port-deal">
<meta property="og:site_name" content="Valdora Post">
<meta property="article:published_time" content="2025-03-04T07:15:00+01:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Port deal agreed</h1>
<p>The harbour authority and the dockers&#8217; union agreed a port&nbsp;deal late on Monday after a week of strikes.</p>
<p>Under the agreement, night shifts will be shorter and a review panel will meet every quarter to look at safety.</p>
<p>Shipping firms said the first ferries would sail again on Wednesday morning if the weather allowed it.</p>
</article>
<footer>All rights reserved</footer>
</body></html>
"""
UNDATED_PAGE = """<html><head><title>Talks resume</title></head><body><article>
<p>Negotiators met again after the pause that began on 3 March 2019, according to two people present.</p>
<p>A second round is expected soon, though no venue has been agreed by either delegation so far.</p>
</article></body></html>"""
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valdora Post: World</title><link>https://post.example.org/</link>
<item><title>Port deal agreed</title><link>https://post.example.org/port-deal</link>
<guid>https://post.example.org/port-deal</guid><pubDate>Tue, 04 Mar 2025 23:15:00 -0500</pubDate>
<description>&lt;p&gt;The harbour authority agreed a port&amp;nbsp;deal.&lt;/p&gt;&lt;p&gt;Ferries sail on Wednesday.&lt;/p&gt;</description></item>
<item><title>No words here</title><link>https://post.example.org/empty</link><description></description></item>
<item><title>Undated note</title><description>Fishing quotas were left unchanged.</description></item>
<item><title>Odd date</title><pubDate>Sun, 30 Feb 2025 10:00:00 GMT</pubDate><description>Text.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Wire</title><id>urn:x</id><updated>2025-03-05T00:00:00Z</updated>
<entry><title>Quota talks</title><id>urn:1</id><link href="https://wire.example.org/quota"/>
<updated>2025-03-05T09:00:00Z</updated>
<summary>A short summary.</summary>
<content type="html">&lt;p&gt;Fishing ministers met to discuss quotas.&lt;/p&gt;&lt;p&gt;They will meet again in May.&lt;/p&gt;</content>
</entry></feed>"""


def read_all(*sources, **options) -> list:
    return list(read([str(source) for source in sources], **options))


# --- HTML -------------------------------------------------------------------------------


def test_html_file(tmp_path):
    path = tmp_path / "port.html"
    path.write_text(PAGE)
    (article,) = read_all(path)
    assert isinstance(article, Article)
    assert article.title == "Port deal agreed"
    assert (article.published, article.published_precision) == ("2025-03-04", "day")
    assert article.source == "Valdora Post"
    assert article.url == "https://post.example.org/2025/03/port-deal"
    assert "port deal late on Monday" in article.text
    assert "\u00a0" not in article.text
    assert "All rights reserved" not in article.text
    assert article.path == str(path)


def test_html_without_date_metadata_is_undated(tmp_path):
    path = tmp_path / "talks.htm"
    path.write_text(UNDATED_PAGE)
    (article,) = read_all(path)
    assert article.published is None  # not the 2019 date in the text, and never today


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"<html><head><title>Empty</title></head><body></body></html>",
            "no article text found in the HTML",
        ),
        (b"<<<>>> <div", "no article text found in the HTML"),
        (b"<html>\x00\x00\x01</html>", "binary file (contains NUL bytes)"),
        (b"", "empty file"),
    ],
)
def test_bad_html_is_an_error(tmp_path, content, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    (error,) = read_all(path)
    assert error == IngestError(str(path), reason)


def test_html_to_text():
    fragment = "<div><p>One&nbsp;two</p><script>var x;</script><ul><li>three</li><li>four <b>five</b></li></ul></div>"
    assert html_to_text(fragment) == "One two\nthree\nfour five"


# --- feeds ------------------------------------------------------------------------------


def test_rss_feed(tmp_path):
    path = tmp_path / "world.rss"
    path.write_text(RSS)
    deal, empty, undated, odd = read_all(path)
    assert deal.title == "Port deal agreed"
    assert deal.url == "https://post.example.org/port-deal"
    assert deal.published == "2025-03-04"  # the date as the feed wrote it, not moved to UTC
    assert deal.text == "The harbour authority agreed a port deal.\nFerries sail on Wednesday."
    assert deal.source == "Valdora Post: World"
    assert deal.path == str(path)
    assert str(empty) == f"{path}: entry 2 (No words here): no text"
    assert undated.published is None
    assert str(odd).startswith(f"{path}: entry 4 (Odd date): impossible date")


def test_atom_feed_in_xml_file(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(ATOM)
    (entry,) = read_all(path)
    assert entry.title == "Quota talks"
    assert entry.text == "Fishing ministers met to discuss quotas.\nThey will meet again in May."
    assert (entry.published, entry.url, entry.source) == (
        "2025-03-05",
        "https://wire.example.org/quota",
        "Harbour Wire",
    )


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>Buy rope.</note></notes>")
    (error,) = read_all(path)
    assert str(error).startswith(f"{path}: not an RSS/Atom feed")


def test_feed_without_entries(tmp_path):
    path = tmp_path / "quiet.atom"
    path.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>')
    assert read_all(path) == [IngestError(str(path), "feed has no entries")]


# --- WARC ---------------------------------------------------------------------------------


def write_warc(path, pages: list[tuple[str, str, bytes, str]]) -> None:
    """Pages as (url, status line, body, content type), each with a request record before it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=str(path).endswith(".gz"))
        for url, status, body, content_type in pages:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "post.example.org")], is_http_request=True
            )
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc(tmp_path, name):
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://post.example.org/a", "200 OK", PAGE.encode(), "text/html; charset=utf-8"),
            ("https://post.example.org/logo.png", "200 OK", b"\x89PNG", "image/png"),
            ("https://post.example.org/gone", "404 Not Found", b"<p>missing</p>", "text/html"),
            (
                "https://post.example.org/blank",
                "200 OK",
                b"<html><body></body></html>",
                "text/html",
            ),
            ("https://post.example.org/b", "200 OK", UNDATED_PAGE.encode(), "text/html"),
        ],
    )
    page, blank, undated = read_all(path)
    assert page.url == "https://post.example.org/a"  # WARC-Target-URI, not the canonical link
    assert (page.title, page.published, page.path) == ("Port deal agreed", "2025-03-04", str(path))
    assert (
        str(blank) == f"{path}: https://post.example.org/blank: no article text found in the HTML"
    )
    assert undated.published is None  # WARC-Date is the crawl time, never used


def test_broken_and_empty_warc(tmp_path):
    broken, empty = tmp_path / "broken.warc", tmp_path / "empty.warc.gz"
    broken.write_bytes(b"these lines are\nnot a web archive\n")
    empty.write_bytes(b"")
    first, second = read_all(broken, empty)
    assert str(first).startswith(f"{broken}: not a readable WARC file: Unknown archive format")
    assert second == IngestError(str(empty), "empty file")


# --- URLs (a local server on 127.0.0.1 only) ------------------------------------------------------

ROUTES = {
    "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/feed": (200, "application/rss+xml", RSS.encode()),
    "/sniffed-feed": (200, "application/octet-stream", ATOM.encode()),
    "/note": (200, "text/plain; charset=utf-8", b"Quay Notes\nThe cranes were repaired overnight."),
    "/image": (200, "image/png", b"\x89PNG\r\n"),
    "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html(server):
    (article,) = read_all(f"{server}/page")
    assert article.title == "Port deal agreed"
    assert (article.path, article.url) == (f"{server}/page", f"{server}/page")


def test_url_redirect_keeps_the_final_url(server):
    (article,) = read_all(f"{server}/moved")
    assert (article.path, article.url) == (f"{server}/moved", f"{server}/page")


def test_url_feeds(server):
    items = read_all(f"{server}/feed", f"{server}/sniffed-feed")
    assert [getattr(item, "title", None) for item in items] == [
        "Port deal agreed",
        None,
        "Undated note",
        None,
        "Quota talks",
    ]


def test_url_plain_text(server):
    (article,) = read_all(f"{server}/note")
    assert article.title == "Quay Notes"


@pytest.mark.parametrize(
    ("route", "options", "reason"),
    [
        ("/missing", {}, "fetch failed: HTTP 404 Not Found"),
        ("/image", {}, "unsupported content type 'image/png'"),
        ("/big", {"max_bytes": 1000}, "response is 0.0 MB, over the 0.0 MB limit"),
        ("/slow", {"timeout": 0.5}, "fetch failed: timed out after 0.5 s"),
    ],
)
def test_url_failures(server, route, options, reason):
    (error,) = read_all(f"{server}{route}", **options)
    assert error == IngestError(f"{server}{route}", reason)


def test_url_refused():
    (error,) = read_all("http://127.0.0.1:9/nothing", timeout=2)
    assert str(error).startswith("http://127.0.0.1:9/nothing: fetch failed: ")
