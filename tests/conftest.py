"""Shared fixtures: the spaCy model, the ../shared data folder, a one-call extractor."""

from __future__ import annotations

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
