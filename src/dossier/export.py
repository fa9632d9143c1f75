"""Writes records to files, one file per record type: JSONL, CSV or Parquet.

JSONL keeps each record's published shape. CSV and Parquet are flat: top-level
scalars stay columns, nested objects and lists become JSON text, so every row
round-trips to the same record.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMATS = ("jsonl", "csv", "parquet")


def file_name(record_type: str, fmt: str) -> str:
    plural = record_type + ("es" if record_type.endswith("x") else "s")
    return f"{plural}.{fmt}"


def write_all(
    items: Iterable[tuple[str, dict[str, Any]]],
    out_dir: Path,
    fmt: str,
    record_types: Iterable[str] = (),
) -> dict[str, Path]:
    """Write (record_type, record) pairs grouped by type; returns record_type -> file.

    Every type in ``record_types`` gets its file even when it has no records, so a
    consumer always finds the same set of files.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    grouped: dict[str, list[dict[str, Any]]] = {name: [] for name in record_types}
    for record_type, record in items:
        grouped.setdefault(record_type, []).append(record)
    out_dir.mkdir(parents=True, exist_ok=True)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    paths = {}
    for record_type, records in grouped.items():
        path = out_dir / file_name(record_type, fmt)
        tmp = path.with_suffix(path.suffix + ".tmp")
        writer(records, tmp)
        tmp.replace(path)  # a reader never sees a half-written file
        paths[record_type] = path
    return paths


def _write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """Nested values as JSON text, scalars as they are."""
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
        for key, value in record.items()
    }


def _columns(records: list[dict]) -> list[str]:
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    return list(columns)


def _write_csv(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        if not records:
            return
        writer = csv.DictWriter(out, fieldnames=_columns(records))
        writer.writeheader()
        writer.writerows(flat(r) for r in records)


def _write_parquet(records: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = _columns(records) or ["id"]
    rows = [flat(r) for r in records]
    arrays = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        kinds = {type(v) for v in values if v is not None}
        if kinds <= {int} or kinds <= {float, int} or kinds <= {bool}:
            arrays[column] = pa.array(values)
        else:
            arrays[column] = pa.array([None if v is None else str(v) for v in values], pa.string())
    pq.write_table(pa.table(arrays), path)
