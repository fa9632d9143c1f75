"""Precision, recall and F1: the one formula every scorer here shares."""

from __future__ import annotations


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """(P, R, F1) where ``tp_pred`` of ``n_pred`` predictions matched and ``tp_gold`` of
    ``n_gold`` gold items were found (the two differ under one-to-many overlap matching)."""
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


class Figures:
    """P, R and F1 as properties, for a tally that says its ``counts()``."""

    def counts(self) -> tuple[int, int, int, int]:
        """(matched predictions, predictions, found gold items, gold items)."""
        raise NotImplementedError

    @property
    def precision(self) -> float:
        return prf(*self.counts())[0]

    @property
    def recall(self) -> float:
        return prf(*self.counts())[1]

    @property
    def f1(self) -> float:
        return prf(*self.counts())[2]
