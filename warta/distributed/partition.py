"""Input files to partitions of records with stable keys.

A partition is up to ``size`` consecutive records of one file.  Its key names
the file, the file's size and modification time, and the partition's
position, so a restarted batch recognises the partitions it finished
(recorded in the store's ``state`` table) and a changed file is read anew.
Records come out in input order; the batch stores them in that order, which
keeps the results equal to those of ``warta ingest`` on the same input.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from warta.ingest.readers import Item, Skip, read_file
from warta.ingest.warc import is_warc, read_warc

DONE_PREFIX = "batch.done:"  # state key of a finished partition


@dataclass
class Partition:
    index: int  # position in this batch's input
    key: str  # stable across runs on the same, unchanged input
    source: str  # the file (for messages)
    items: list[Item]

    @property
    def state_key(self) -> str:
        return DONE_PREFIX + self.key


def expand(specs: Iterable[str]) -> tuple[list[Path], list[Skip]]:
    """Files named by ``specs`` (files, folders searched recursively, globs), sorted per spec."""
    files: list[Path] = []
    missing: list[Skip] = []
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            # the same rule as warta.ingest.readers, so both paths read the same files
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            found = [path]
        else:
            found = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
        if not found:
            missing.append(Skip(spec, "no such file or folder"))
        files.extend(found)
    return list(dict.fromkeys(files)), missing


def read_items(path: Path, csv_columns: dict[str, str], max_bytes: int) -> Iterator[Item]:
    """Records of one file: WARC archives through warcio, the rest through the readers."""
    if is_warc(path):
        return read_warc(path, max_bytes)
    return read_file(path, csv_columns, max_bytes)


def file_key(path: Path) -> str:
    st = path.stat()
    ident = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha1(ident.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def partitions(
    specs: Iterable[str], csv_columns: dict[str, str], max_bytes: int, size: int = 200
) -> Iterator[Partition]:
    """Partitions of every record under ``specs``, in input order, read lazily."""
    files, missing = expand(specs)
    index = 0
    if missing:
        yield Partition(index, "missing:" + _digest([s.input_id for s in missing]), "<arguments>", list(missing))
        index += 1
    for path in files:
        try:
            fkey = file_key(path)
        except OSError as exc:
            yield Partition(index, f"unreadable:{path}", str(path), [Skip(str(path), f"cannot read file: {exc}")])
            index += 1
            continue
        items = read_items(path, csv_columns, max_bytes)
        for k in range(1 << 62):
            chunk = list(islice(items, size))
            if not chunk:
                break
            yield Partition(index, f"{fkey}:{size}:{k}", str(path), chunk)
            index += 1


def _digest(parts: list[str]) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
