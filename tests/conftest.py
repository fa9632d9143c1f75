"""Shared fixtures: the spaCy model, the ../shared data folder, a one-call extractor."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from dossier import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, published="2025-02-14", components=None)`` -> list of records."""
    from dossier.extract.pipeline import Pipeline
    from dossier.records import Article

    def run(text: str, published: str | None = "2025-02-14", components=None, title=None):
        pipeline = Pipeline.default()
        if components is not None:
            pipeline.components = tuple(components)
        article = Article(id="test", text=text, title=title, published=published)
        return pipeline.run_doc(nlp(text), article)

    return run


@pytest.fixture(scope="session")
def timexes(nlp):
    """``timexes(text, anchor)`` -> ``{span text: (type, value, mod)}`` from the time tagger."""
    from dossier.extract.time import tag
    from timex_helpers import FRIDAY

    def run(text: str, anchor=FRIDAY) -> dict[str, tuple]:
        doc = nlp(text)
        return {
            doc[s.start : s.end].text: (s.reading.type, s.reading.value, s.reading.mod)
            for s in tag(doc, anchor)
        }

    return run


# -- databases: SQLite always, PostgreSQL when a server can be started ----------------------


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_user() -> str | None:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail(
            "running as root needs a 'postgres' user (Debian's postgresql package makes it)"
        )
    return "postgres"


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server on a temp dir, or ``$DOSSIER_TEST_PG_URL``; skips when neither.

    With ``DOSSIER_REQUIRE_PG=1`` (set by .ci/run) a missing server fails instead of skipping.
    """
    if os.environ.get("DOSSIER_TEST_PG_URL"):
        yield os.environ["DOSSIER_TEST_PG_URL"]
        return
    bin_dir = _pg_bin()
    if bin_dir is None:
        if os.environ.get("DOSSIER_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required (DOSSIER_REQUIRE_PG) but initdb is not installed")
        pytest.skip("PostgreSQL (initdb) is not installed")
    user = _pg_user()
    data = Path(tempfile.mkdtemp(prefix="dossier-pg-"))
    if user:
        shutil.chown(data, user)
    port = _free_port()
    run = {"user": user, "check": True, "capture_output": True}
    subprocess.run([bin_dir / "initdb", "-D", data / "db", "-A", "trust", "-U", "postgres"], **run)
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [bin_dir / "pg_ctl", "-D", data / "db"]
    subprocess.run([*pg_ctl, "-w", "-l", data / "log", "start", "-o", options], **run)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], user=user, capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "dossier.db")
    server = request.getfixturevalue("pg_server")
    import sqlalchemy

    name = f"dossier_test_{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name
