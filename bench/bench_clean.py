"""Cleaner (and metadata) speed and memory: warta beside justext and trafilatura, same articles.

    .venv/bin/python bench/bench_clean.py [N]

Reads the indonews CSVs (bench/common.py; text lines are wrapped in <p> for
the HTML tools).  "clean+meta" runs both stages per article as the pipeline
does (meta reads the layout clean already computed); "clean+meta, no cache"
clears that cache first, which is what it cost before the layout was shared.
"""

from __future__ import annotations

import html
import sys

from common import indonews_rows, max_rss_mb, measure

from warta.clean.layout import layout_of
from warta.clean.text import make_clean_text
from warta.meta.text import make_meta_text
from warta.model import Article


def as_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(ln)}</p>" for ln in text.split("\n") if ln.strip())
    return f"<html><body><article>{paras}</article></body></html>"


def main() -> None:
    docs = [r["content"] for r in indonews_rows(int(sys.argv[1]) if len(sys.argv) > 1 else None)]
    htmls = [as_html(d) for d in docs]
    import justext
    import trafilatura

    clean, meta = make_clean_text(), make_meta_text(reference_date="2025-12-31")

    def article(raw: str) -> Article:
        return Article(id="b", input_id="b", raw=raw)

    def both(raw: str) -> Article:
        return meta(clean(article(raw)))

    def both_uncached(raw: str) -> Article:
        a = clean(article(raw))
        layout_of.cache_clear()
        return meta(a)

    stop = justext.get_stoplist("Indonesian")
    both(docs[0])  # load lists outside the measure
    print(f"{len(docs)} articles")
    print(measure("warta clean.text", lambda d: clean(article(d)), docs).line())
    print(measure("warta clean+meta", both, docs).line())
    print(measure("warta clean+meta, no layout cache", both_uncached, docs).line())
    # the HTML path (raw_kind="html"): the same pages the peers get
    html_doc = lambda h: meta(clean(Article(id="b", input_id="b", raw=h, raw_kind="html")))
    print(measure("warta clean+meta, HTML input", html_doc, htmls).line())
    print(measure("justext", lambda h: [p.text for p in justext.justext(h, stop) if not p.is_boilerplate], htmls).line())
    print(measure("trafilatura (precision)", lambda h: trafilatura.extract(h, favor_precision=True), htmls).line())
    print(f"max RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
