"""Metadata from HTML: meta tags and JSON-LD (published, modified, author, title)."""

from __future__ import annotations

import json
import re

from warta.model import Article, Author, Evidence

_META = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""(\w[\w:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_JSONLD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_KEYS = {
    "article:published_time": "published",
    "og:published_time": "published",
    "pubdate": "published",
    "publishdate": "published",
    "article:modified_time": "updated",
    "og:updated_time": "updated",
    "og:title": "title",
    "og:site_name": "outlet",
    "author": "author",
    "article:author": "author",
    "article:section": "section",
}


def _metas(raw: str) -> dict[str, tuple[str, int, int]]:
    out: dict[str, tuple[str, int, int]] = {}
    for m in _META.finditer(raw[:300_000]):
        attrs = {a.lower(): (v2 if v2 is not None and v1 == "" else v1) for a, v1, v2 in _ATTR.findall(m.group())}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _KEYS and attrs.get("content") and _KEYS[key] not in out:
            out[_KEYS[key]] = (attrs["content"].strip(), m.start(), m.end())
    return out


def _jsonld(raw: str) -> dict[str, tuple[object, int, int]]:
    out: dict[str, tuple[object, int, int]] = {}
    for m in _JSONLD.finditer(raw[:500_000]):
        try:
            data = json.loads(m.group(1))
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            for src, dst in (("datePublished", "published"), ("dateModified", "updated"), ("headline", "title"),
                             ("author", "author"), ("articleSection", "section")):
                if src in item and dst not in out:
                    out[dst] = (item[src], m.start(1), m.end(1))
    return out


def _author_names(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r",|\bdan\b", value) if v.strip()]
    if isinstance(value, dict):
        return _author_names(value.get("name", ""))
    if isinstance(value, list):
        return [n for v in value for n in _author_names(v)]
    return []


def _precision(value: str) -> str:
    return "minute" if "T" in value else "day"


def apply_html_meta(article: Article, raw: str) -> None:
    found: dict[str, tuple[object, int, int, str]] = {k: (v, s, e, "jsonld") for k, (v, s, e) in _jsonld(raw).items()}
    for k, (tag, s, e) in _metas(raw).items():
        found.setdefault(k, (tag, s, e, "meta-tag"))
    for key in ("published", "updated"):
        if key in found and getattr(article, key) is None:
            v, s, e, how = found[key]
            m = _ISO.search(str(v))
            if m:
                setattr(article, key, m.group())
                if key == "published":
                    article.published_precision = _precision(m.group())
                article.evidence[key] = Evidence(s, e, how)
    if "title" in found and article.title is None and isinstance(found["title"][0], str):
        v, s, e, how = found["title"]
        article.title = str(v)
        article.evidence["title"] = Evidence(s, e, how)
    if "outlet" in found and article.outlet is None:
        v, s, e, how = found["outlet"]
        article.outlet = str(v)
        article.evidence["outlet"] = Evidence(s, e, how)
    if "author" in found and not article.authors:
        v, s, e, how = found["author"]
        article.authors = [Author(n) for n in _author_names(v) if not n.startswith("http")]
        if article.authors:
            article.evidence["authors"] = Evidence(s, e, how)
