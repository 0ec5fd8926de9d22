"""Language of the clean body with pycld2 (Indonesian, Malay, English...)."""

from __future__ import annotations

from warta.model import Article, Evidence

ACCEPTED = ("id", "ms")  # Malay is often reported for short Indonesian text


def detect(text: str) -> str | None:
    import pycld2

    sample = text[:20000].encode("utf-8", "replace")
    try:
        reliable, _, details = pycld2.detect(sample, hintLanguage="id")
    except pycld2.error:
        return None
    code = details[0][1] if details else "un"
    if code in ("un", "xxx") or not reliable and len(text) < 200:
        return None
    return code


def detect_language(article: Article) -> None:
    if article.language is not None or not article.text.strip():
        return
    code = detect(article.text)
    if code is None:
        return
    article.language = code
    first = article.raw_offset(0)
    if first is not None:
        article.evidence["language"] = Evidence(first, first + min(len(article.text), 200), "pycld2")
    if code not in ACCEPTED:
        article.flags.append("not-indonesian")
