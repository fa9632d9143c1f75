"""A run killed mid-way (SIGKILL, no clean-up) leaves a consistent store that resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli import app

runner = CliRunner()
BODY = (
    "The foreign minister of Norway said on Tuesday that talks with Sweden would resume "
    "next month. Officials in Oslo told reporters the meeting could take place in Bergen. "
)


def _articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"2025-03-{i + 1:02d}_talks-{i}.txt").write_text(
            f"Talks update {i}\n\n" + BODY * 12 + f"Item {i}.", encoding="utf-8"
        )


def _extracted(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select count(*) from articles where pipeline_version is not null"
        ).fetchone()[0]


def test_killed_extract_keeps_finished_articles_and_resumes(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "kill.db"
    _articles(folder, 24)
    assert runner.invoke(app, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    command = [sys.executable, "-m", "dossier", "extract", "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _extracted(db) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = _extracted(db)
    assert 0 < done < 24
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute(
            "select count(*) from sentences s join articles a on a.id = s.article_id "
            "where a.pipeline_version is null"
        ).fetchone()[0]
    assert orphans == 0  # no half-written article
    resumed = runner.invoke(app, ["extract", "--db", str(db)])
    assert resumed.exit_code == 0
    assert f"extracted {24 - done} article(s)" in resumed.output
    assert _extracted(db) == 24
