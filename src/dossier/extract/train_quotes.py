"""Trains the quote tagger: ``python -m dossier.extract.train_quotes --train DIR --out FILE``.

DIR is in PolNeAR layout (``text/``, ``attributions/``; the first annotator's file of
each article is used). Tokens get Source/Cue/Content BIO labels from the gold spans (a
token in several attributions takes the innermost role: Cue, then Source, then Content)
and a CRF (python-crfsuite, L-BFGS with L1+L2) learns them from ``quotes_features``.
A strong L1 penalty both scored best on a held-out tenth of train (``--holdout 10``)
and keeps the model small (about 2 MB).
``--cache`` keeps the parsed texts as a spaCy DocBin so the corpus is parsed once.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pycrfsuite

from dossier.eval.brat import gold_files, read_ann
from dossier.extract.quotes_features import sequences
from dossier.extract.quotes_marks import find_quotes

PRIORITY = {"Cue": 3, "Source": 2, "Content": 1}
TAG = {"Cue": "CUE", "Source": "SRC", "Content": "CON"}


def load_docs(train_dir: Path, cache: Path | None) -> list:
    """Parsed docs of DIR's texts (``doc.user_data["name"]`` set), from or into ``cache``."""
    from spacy.tokens import DocBin

    from dossier import nlp

    language = nlp.load()
    if cache and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(language.vocab))
    names = [name for name, _ in gold_files(train_dir)]
    texts = ((train_dir / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names)
    docs = []
    for doc, name in zip(language.pipe(texts, batch_size=32), names, strict=True):
        doc.user_data["name"] = name
        docs.append(doc)
    if cache:
        bin_ = DocBin(store_user_data=True)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def token_labels(doc, attributions: list[dict]) -> list[str]:
    """BIO labels per token; the innermost role wins where attributions nest."""
    role: list[tuple[int, str, int] | None] = [None] * len(doc)
    span_no = 0
    for attr in attributions:
        for part, spans in attr.items():
            for start, end in spans:
                span_no += 1
                span = doc.char_span(start, end, alignment_mode="expand")
                for token in span or []:
                    current = role[token.i]
                    if current is None or PRIORITY[part] > current[0]:
                        role[token.i] = (PRIORITY[part], part, span_no)
    labels = []
    for i, r in enumerate(role):
        if r is None:
            labels.append("O")
            continue
        prev = role[i - 1] if i else None
        inside = prev is not None and prev[1:] == r[1:]
        labels.append(("I-" if inside else "B-") + TAG[r[1]])
    return labels


def training_sequences(train_dir: Path, docs: list) -> tuple[list, list]:
    anns = dict(gold_files(train_dir))
    xs, ys = [], []
    for doc in docs:
        ann = anns.get(doc.user_data["name"])
        if ann is None:
            continue
        labels = token_labels(doc, read_ann(ann))
        for seq in sequences(doc, find_quotes(doc.text)):
            xs.append(seq.features)
            ys.append([labels[t.i] for t in seq.tokens])
    return xs, ys


def train(xs: list, ys: list, out: Path, iterations: int = 150, c1: float = 2.0, c2: float = 0.001) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": 3,
            "feature.possible_transitions": True,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True, help="folder in PolNeAR layout")
    parser.add_argument("--out", type=Path, required=True, help="model file to write")
    parser.add_argument("--cache", type=Path, help="spaCy DocBin of the parsed texts")
    parser.add_argument("--holdout", type=int, default=0, help="leave out every Nth article (a dev slice)")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, default=2.0, help="L1 penalty (sparser, smaller model)")
    parser.add_argument("--c2", type=float, default=0.001, help="L2 penalty")
    args = parser.parse_args(argv)
    docs = load_docs(args.train, args.cache)
    if args.holdout:
        docs = [doc for i, doc in enumerate(docs) if i % args.holdout]
    xs, ys = training_sequences(args.train, docs)
    print(f"training on {len(docs)} articles, {len(xs)} paragraphs")
    train(xs, ys, args.out, args.iterations, args.c1, args.c2)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
