"""Article text with its annotations as nested <mark> elements, safely escaped.

Annotations may nest (a name inside a quote inside an event's evidence) or
cross; the output is always well-formed: a mark that must close while inner
marks are still open closes them and reopens them after (as continuation
pieces without the anchor id).  Every text piece goes through
``markupsafe.escape``, so article text can never inject markup.  The first
mark of each span carries ``id="s-START-END"``, the anchor that facts link to.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from warta.model import Article

# Outer kinds first when two annotations share a span.
RANK = {"event": 0, "claim": 1, "quote": 2, "time": 3, "mention": 4}


@dataclass
class Ann:
    start: int
    end: int
    kind: str  # event | claim | quote | time | mention
    css: str  # extra classes ("t-person")
    title: str  # tooltip

    @property
    def anchor(self) -> str:
        return f"s-{self.start}-{self.end}"


def article_annotations(article: Article) -> list[Ann]:
    ents = article.entities
    anns: list[Ann] = []
    for m in article.mentions:
        ent = ents.get(m.entity or "")
        title = f"{ent.name} ({ent.type}) {ent.id}" if ent else f"{m.label}: not linked"
        anns.append(Ann(m.start, m.end, "mention", f"t-{ent.type if ent else 'other'}", title))
    for x in article.times:
        anns.append(Ann(x.start, x.end, "time", f"t-{x.type.lower()}", f"{x.type} {x.value} ({x.precision})"))
    for q in article.quotes:
        who = q.speaker_name or (ents[q.speaker].name if q.speaker in ents else "unknown speaker")
        anns.append(Ann(q.start, q.end, "quote", "direct" if q.direct else "reported", f"quote: {who}"))
    for c in article.claims:
        anns.append(Ann(c.start, c.end, "claim", f"m-{c.modality}", f"claim ({c.modality})"))
    for e in article.events:
        actors = " → ".join(ents[a].name if a in ents else a for a in (e.source, e.target) if a)
        anns.append(
            Ann(
                e.start,
                e.end,
                "event",
                f"m-{e.modality}",
                f"{e.type} {actors} {e.date or ''} ({e.modality})".replace("  ", " "),
            )
        )
    return anns


def render(text: str, anns: list[Ann]) -> Markup:
    """``text`` as HTML with ``anns`` as marks; invalid spans are left out."""
    n = len(text)
    spans = sorted(
        (a for a in anns if 0 <= a.start < a.end <= n), key=lambda a: (a.start, -a.end, RANK.get(a.kind, 9))
    )
    cuts = sorted({0, n, *(a.start for a in spans), *(a.end for a in spans)})
    out: list[str] = []
    stack: list[Ann] = []
    anchors: set[str] = set()
    i = 0
    for pos, nxt in zip(cuts, cuts[1:] + [n]):
        closing = [k for k, a in enumerate(stack) if a.end <= pos]
        if closing:
            reopen = [a for a in stack[closing[0] :] if a.end > pos]
            out.append("</mark>" * (len(stack) - closing[0]))
            del stack[closing[0] :]
            for a in reopen:
                out.append(_open(a, None, cont=True))
                stack.append(a)
        while i < len(spans) and spans[i].start == pos:
            a = spans[i]
            anchor = a.anchor if a.anchor not in anchors else None
            anchors.add(a.anchor)
            out.append(_open(a, anchor, cont=False))
            stack.append(a)
            i += 1
        out.append(str(escape(text[pos:nxt])))
    out.append("</mark>" * len(stack))
    return Markup("".join(out))


def _open(a: Ann, anchor: str | None, cont: bool) -> str:
    ident = f' id="{anchor}"' if anchor else ""
    more = " cont" if cont else ""
    return f'<mark class="a-{a.kind} {escape(a.css)}{more}"{ident} title="{escape(a.title)}">'
