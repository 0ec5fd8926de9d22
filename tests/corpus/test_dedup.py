"""dedup@1 on seed texts: exact, near, containment, updated URL, chains, idempotence."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import seed

from warta.corpus import dedup as dd
from warta.model import Article


def _copy(a: Article, new_id: str, **changes: object) -> Article:
    return dataclasses.replace(a, id=new_id, input_id=new_id, mentions=[], events=[], times=[], **changes)


def _rows(store) -> dict[str, dict]:
    return {r["id"]: r for r in store.article_rows(["id", "duplicate_of", "similarity"])}


def _run(store, *articles: Article) -> dict[str, dict]:
    for a in articles:
        store.put_article(a)
    dd.dedup(store, [a.id for a in articles])
    return _rows(store)


def _paragraphs(a: Article) -> list[str]:
    return a.text.split("\n\n")


def test_dedup_exact_copy_points_to_original(store) -> None:
    a = seed("000")
    b = _copy(a, "copy1", text=a.text.upper().replace("\n\n", "\n"), url=None)  # case/spacing differ
    rows = _run(store, a, b)
    assert rows["copy1"]["duplicate_of"] == a.id
    assert rows["copy1"]["similarity"] == 1.0
    assert rows[a.id]["duplicate_of"] is None


def test_dedup_near_duplicate_with_dropped_and_edited_sentences(store) -> None:
    a = seed("002")
    paras = _paragraphs(a)
    edited = [p.replace("Putin", "Vladimir Putin", 1) for p in paras[:-2]]  # edit, and drop the last two
    b = _copy(a, "near1", text="\n\n".join(edited), url=None)
    rows = _run(store, a, b)
    assert rows["near1"]["duplicate_of"] == a.id
    assert 0.5 < rows["near1"]["similarity"] < 1.0


def test_dedup_containment_with_added_intro(store) -> None:
    a = seed("003")
    intro = seed("001").text[:900]  # a different story as the new intro
    b = _copy(a, "intro1", text=intro + "\n\n" + a.text, url=None)
    rows = _run(store, a, b)
    assert rows["intro1"]["duplicate_of"] == a.id


def test_dedup_updated_version_of_same_url(store) -> None:
    a = seed("004")
    paras = _paragraphs(a)
    half = len(paras) // 2
    b = _copy(a, "update1", text="\n\n".join(paras[:half] + _paragraphs(seed("001"))), url=a.url + "?utm_source=x")
    rows = _run(store, a, b)
    assert rows["update1"]["duplicate_of"] == a.id


def test_dedup_different_reports_of_one_event_are_not_duplicates(store, seeds) -> None:
    rows = _run(store, *seeds().values())
    assert all(r["duplicate_of"] is None for r in rows.values())


def test_dedup_chain_points_to_root_original(store) -> None:
    a = seed("002")
    paras = _paragraphs(a)
    b = _copy(a, "b", text="\n\n".join(paras[:-1]), url=None)
    c = _copy(a, "c", text="\n\n".join(paras[:-1]) + "\n\nTambahan kalimat penutup dari redaksi kami.", url=None)
    _run(store, a)
    _run(store, b)
    rows = _run(store, c)
    assert rows["b"]["duplicate_of"] == a.id
    assert rows["c"]["duplicate_of"] == a.id


def test_dedup_rerun_changes_nothing(store, seeds) -> None:
    arts = list(seeds().values())
    dup = _copy(arts[0], "dup", url=None)
    _run(store, *arts, dup)
    before = (_rows(store), store.count("lsh_buckets"), store.count("signatures"))
    dd.dedup(store, [a.id for a in arts] + ["dup"])
    assert (_rows(store), store.count("lsh_buckets"), store.count("signatures")) == before
    assert before[0]["dup"]["duplicate_of"] == arts[0].id


@pytest.mark.parametrize("text", ["", "   ", "\u200b\ufeff", "Singkat.", "x" * 200_000])
def test_dedup_odd_texts_do_not_crash(store, text: str) -> None:
    a = Article(id="odd1", input_id="odd", text=text)
    b = Article(id="odd2", input_id="odd", text=text)
    rows = _run(store, a, b)
    blank = not text.strip("\u200b\ufeff ")
    assert rows["odd2"]["duplicate_of"] == (None if blank else "odd1")


def test_signature_bytes_roundtrip() -> None:
    sig = dd.signature(seed("000").text)
    back = dd.Signature.from_bytes(sig.text_hash, sig.to_bytes())
    assert back.size == sig.size > 100
    assert dd.jaccard(sig, back) == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.detik.com/news/d-123/judul?utm_source=fb#top", "http://detik.com/news/d-123/judul/"),
        ("https://m.kompas.com/read/2024/06/18/x/amp", "https://kompas.com/read/2024/06/18/x"),
    ],
)
def test_normalise_url_same_page(a: str, b: str) -> None:
    assert dd.normalise_url(a) == dd.normalise_url(b)


def test_normalise_url_keeps_page_identity() -> None:
    assert dd.normalise_url("https://detik.com/a?page=2") != dd.normalise_url("https://detik.com/a")
    assert dd.normalise_url("not a url") is None


def test_dedup_perturbed_real_articles_precision_recall(tmp_path) -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_dedup.py"
    spec = importlib.util.spec_from_file_location("bench_dedup", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if not (bench.SHARED / "data").exists():
        pytest.skip("needs ../shared/data (development corpus)")
    items = bench.corpus(bench.load_texts(150), 300)
    pred, _ = bench.run_warta(items)
    precision, recall = bench.score(items, pred)
    assert precision >= 0.97 and recall >= 0.9, (precision, recall)


def test_dedup_points_to_earliest_published_copy_not_first_stored(store) -> None:
    a = seed("002")  # published 2024-06-18
    late = _copy(a, "late", text="\n\n".join(_paragraphs(a)[:-1]), url=None, published="2024-06-20T10:00:00+07:00")
    later = _copy(a, "later", text="\n\n".join(_paragraphs(a)[1:]), url=None, published="2024-06-21T10:00:00+07:00")
    _run(store, late, later)  # stored first, published last
    rows = _run(store, a)
    assert rows[a.id]["duplicate_of"] is None
    assert rows["late"]["duplicate_of"] == a.id and rows["later"]["duplicate_of"] == a.id
    assert rows["late"]["similarity"] > 0.7


def test_dedup_same_chunk_earlier_published_becomes_root(store) -> None:
    a = seed("003")
    b = _copy(a, "b3", text=a.text + "\n\nPembaruan: keterangan tambahan dari pihak terkait.", url=None,
              published="2022-08-16T09:00:00+07:00")
    rows = _run(store, b, a)  # one call: the index of the chunk itself re-points b
    assert rows["b3"]["duplicate_of"] == a.id and rows[a.id]["duplicate_of"] is None


def test_dedup_undated_copy_points_to_first_stored(store) -> None:
    a = seed("003")
    b = _copy(a, "b4", text=a.text + "\n\nTambahan.", url=None, published=None)
    rows = _run(store, a, b)
    assert rows["b4"]["duplicate_of"] == a.id


def test_dedup_duplicated_paragraph_block_is_near_duplicate(store) -> None:
    a = seed("004")
    paras = _paragraphs(a)
    doubled = paras[: len(paras) // 2] + paras + paras[len(paras) // 2 :]  # a scraper repeating a block
    b = _copy(a, "twice", text="\n\n".join(doubled), url=None)
    rows = _run(store, a, b)
    assert rows["twice"]["duplicate_of"] == a.id and rows["twice"]["similarity"] > 0.9


@pytest.mark.parametrize(
    ("published", "roots", "expected"),
    [
        ("2024-01-01", {"r1": (0.9, "2024-01-02")}, (None, ["r1"])),
        ("2024-01-03", {"r1": (0.9, "2024-01-02")}, ("r1", [])),
        (None, {"r1": (0.9, "2024-01-02")}, ("r1", [])),
        ("2024-01-01", {"r1": (0.9, None)}, ("r1", [])),
        ("2024-01-05", {"r1": (0.95, "2024-01-04"), "r2": (0.8, "2024-01-03")}, ("r2", [])),
        ("2024-01-05", {"r1": (0.95, None), "r2": (0.8, None)}, ("r1", [])),
    ],
)
def test_choose_root_earliest_published(published, roots, expected) -> None:
    assert dd.choose_root(published, roots) == expected


def test_verdict_kinds() -> None:
    a = seed("001").text
    sig = dd.signature(a)
    other_story = dd.signature(seed("004").text)
    assert dd.verdict(sig, dd.signature(a.upper())) == 1.0
    assert dd.verdict(sig, other_story) is None
    assert dd.verdict(sig, other_story, same_url=True) is not None  # an updated version
    assert dd.verdict(sig, dd.signature(seed("000").text[:900] + "\n\n" + a)) >= dd.CONTAIN


def test_signature_old_format_compares_by_hash_only() -> None:
    from datasketch import LeanMinHash, MinHash

    m = MinHash(num_perm=dd.NUM_PERM)
    m.update(b"kata")
    lean = LeanMinHash(m)
    buf = bytearray(lean.bytesize())
    lean.serialize(buf)
    old = dd.Signature.from_bytes("h", b"WMH1" + b"\x10\x00\x00\x00" + bytes(buf))
    new = dd.signature(seed("001").text)
    assert old.scheme == 1 and dd.bands(old) == [] and dd.jaccard(old, new) == 0.0


def test_sign_many_batch_equals_one_text_at_a_time(seeds) -> None:
    from warta.corpus import minhash as mh
    from warta.corpus import text as tx

    texts = [a.text for a in seeds().values()] + ["", "Singkat.", "satu dua tiga empat lima", "x" * 50_000]
    words = " ".join(texts).split() * 3
    texts.append(" ".join(f"{w}{i % 5}" for i, w in enumerate(words)))  # more shingles than one numpy slice
    batch = mh.sign_many([tx.words(t) for t in texts])
    for text, (sig, grams) in zip(texts, batch):
        one = dd.signature(text)
        assert (sig.text_hash, sig.size) == (one.text_hash, one.size) == (one.text_hash, len(grams))
        assert (sig.values == one.values).all()
    assert batch[-1][0].size > 4096


def test_dedup_small_chunks_and_transactions_give_same_result(
    store_url, open_store, seeds, monkeypatch, tmp_path
) -> None:
    arts = list(seeds().values())
    copies = [_copy(a, f"{a.id}-c", text="\n\n".join(_paragraphs(a)[:-1]), url=None) for a in arts]
    intro = _copy(arts[3], "intro-c", text=arts[1].text[:900] + "\n\n" + arts[3].text, url=None)
    stream = [x for pair in zip(arts, copies) for x in pair] + [intro]

    def run(chunk: int, tx_chunk: int, url: str) -> dict[str, dict]:
        monkeypatch.setattr(dd, "CHUNK", chunk)
        monkeypatch.setattr(dd, "TX_CHUNK", tx_chunk)
        return _run(open_store(url), *stream)

    one = run(500, 5000, str(tmp_path / "one-chunk.db"))
    assert sum(r["duplicate_of"] is not None for r in one.values()) == len(copies) + 1
    assert run(2, 3, store_url) == one  # candidates of earlier chunks and transactions come from the store


def test_dedup_leaves_gc_as_it_found_it(store, seeds) -> None:
    import gc

    arts = list(seeds().values())
    _run(store, arts[0])
    assert gc.isenabled()
    gc.disable()
    try:
        _run(store, arts[1])
        assert not gc.isenabled()
    finally:
        gc.enable()
