"""The command line: thin commands over the library (see docs/cli.md)."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from warta import config as config_mod
from warta import export as export_mod
from warta.errors import WartaError
from warta.ingest.readers import read_paths
from warta.ingest.run import IngestSummary, ingest
from warta.store import Store

app = typer.Typer(
    help="warta: structured, sourced knowledge from Indonesian news.\n\n"
    "Start with `warta run examples/seeds`: it ingests the bundled articles into ./warta.db "
    "and prints the stories and the timeline.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console()
err = Console(stderr=True)

DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or database URL (postgresql://user@host/db).", envvar="WARTA_STORE_DB")]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML file overlaying the packaged defaults.", envvar="WARTA_CONFIG")
]


@contextmanager
def _errors() -> Iterator[None]:
    """A warta error ends the command with one line on stderr and exit status 2."""
    try:
        yield
    except WartaError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _open(db: str) -> Store:
    with _errors():
        return Store(db)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of .txt/.html/.jsonl/.csv (.gz too); - reads standard input.")],
    db: DbOpt = "warta.db",
    config: ConfigOpt = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on long runs.")] = True,
) -> IngestSummary:
    """Read articles, analyse them and store them; re-ingesting the same input changes nothing.

    Every record is stored, skipped with a reason, or reported as failed: see `warta log`.
    """
    with _errors():
        cfg = config_mod.load(config)
    store = _open(db)
    items = read_paths(paths, cfg.csv_columns, cfg.max_record_bytes)
    with _errors():
        with _Progress(enabled=progress and sys.stderr.isatty()) as bar:
            summary = ingest(items, store, cfg, on_item=bar.update, batch_process=True)
    err.print(summary.line() + (f"  (see `warta log --run {summary.run_id}`)" if summary.skipped or summary.failed else ""))
    return summary


@app.command("run")
def run_cmd(
    paths: Annotated[list[str], typer.Argument(help="Inputs as for `warta ingest`.")],
    db: DbOpt = "warta.db",
    config: ConfigOpt = None,
) -> None:
    """The main job: ingest PATHS, then print the stories and the timeline."""
    ingest_cmd(paths, db=db, config=config)
    stories_cmd(db=db)
    timeline_cmd(db=db)


@app.command("batch")
def batch_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of .jsonl/.csv/.txt/.html/.warc(.gz).")],
    db: DbOpt = "warta.db",
    config: ConfigOpt = None,
    scheduler: Annotated[str, typer.Option(help="local (a Dask cluster on this machine), inline (no Dask) or tcp://HOST:8786.")] = "local",
    workers: Annotated[int, typer.Option(help="Dask workers for a local cluster.")] = 2,
    out: Annotated[Path | None, typer.Option(help="Also write Parquet files to this folder.")] = None,
    partition_size: Annotated[int, typer.Option(help="Records per partition (the unit of work and of resuming).")] = 200,
) -> None:
    """Ingest a large corpus on Dask: per-article stage on the workers, one writer, then the corpus steps.

    An interrupted batch resumes: finished partitions are not redone. Needs the dask extra.
    """
    from warta.distributed import batch

    with _errors():
        summary = batch(paths, db, scheduler=scheduler, workers=workers, out_dir=out,
                        config=config_mod.load(config), partition_size=partition_size)
    err.print(summary.line())


@app.command("watch")
def watch_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder to watch for new or changed input files.")],
    db: DbOpt = "warta.db",
    config: ConfigOpt = None,
    interval: Annotated[float, typer.Option(help="Seconds between looks at the folder.")] = 5.0,
    settle: Annotated[float, typer.Option(help="Seconds a file must stay unchanged before it is read.")] = 1.0,
) -> None:
    """Ingest files as they arrive in FOLDER and keep stories and the timeline up to date (Ctrl-C stops)."""
    from warta.distributed.watch import watch

    with _errors(), contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the way to stop
        watch(folder, db, interval=interval, settle=settle, config=config_mod.load(config),
              on_round=lambda s: err.print(s.line()))


@app.command("feeds")
def feeds_cmd(
    file: Annotated[Path, typer.Argument(help="Text file with one RSS/Atom feed URL per line.")],
    db: DbOpt = "warta.db",
    config: ConfigOpt = None,
    delay: Annotated[float, typer.Option(help="Seconds between requests to one host.")] = 1.0,
) -> None:
    """Fetch the feeds and their new articles politely (robots.txt, rate limit, retries) and ingest them."""
    from warta.ingest.feeds import PoliteClient, ingest_feeds

    with _errors():
        summary = ingest_feeds(file, db, config_mod.load(config), client=PoliteClient(delay=delay))
    err.print(summary.line())


@app.command("articles")
def articles_cmd(
    db: DbOpt = "warta.db",
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
) -> None:
    """List stored articles, oldest first."""
    store = _open(db)
    where = {"outlet": outlet} if outlet else {}
    rows = store.article_rows(["id", "published", "outlet", "title", "duplicate_of", "event_cluster"], **where)
    _print_rows(
        ("id", "published", "outlet", "title", "duplicate of", "cluster"),
        [(r["id"], r["published"] or "?", r["outlet"] or "?", r["title"] or "(no title)", r["duplicate_of"] or "",
          r["event_cluster"] or "") for r in rows[:limit]],
    )


@app.command("show")
def show_cmd(
    article_id: Annotated[str, typer.Argument(help="Article id or a unique prefix of it.")],
    db: DbOpt = "warta.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print the export record as JSON.")] = False,
) -> None:
    """Show one article: metadata, clean text and what was extracted."""
    store = _open(db)
    article = store.find_article(article_id)
    if article is None:
        err.print(f"[red]error:[/red] no article with id or unique prefix {article_id!r}; see `warta articles`")
        raise typer.Exit(1)
    rec = export_mod.article_record(article)
    if as_json:
        out.print_json(json.dumps(rec, ensure_ascii=False))
        return
    out.print(f"[bold]{article.title or '(no title)'}[/bold]")
    out.print(f"{article.outlet or '?'} · {article.published or '?'} ({article.published_precision or '?'}) · "
              f"{', '.join(f'{a.name} ({a.role})' for a in article.authors) or 'no byline'} · dateline {article.dateline or '?'}")
    if article.wire_sources:
        out.print(f"wire: {', '.join(article.wire_sources)}")
    out.print()
    out.print(article.text, markup=False, highlight=False)
    out.print()
    for label, items in (("entities", rec["entities"]), ("times", rec["times"]), ("quotes", rec["quotes"]), ("events", rec["events"])):
        out.print(f"[bold]{label}[/bold] ({len(items)})")
        for item in items[:40]:
            out.print("  " + json.dumps(item, ensure_ascii=False), markup=False, highlight=False)


@app.command("stories")
def stories_cmd(db: DbOpt = "warta.db") -> None:
    """List storylines and their same-event clusters, with each cluster's articles."""
    from warta.corpus.timeline import stories

    store = _open(db)
    rows = {r["id"]: r for r in store.article_rows(["id", "outlet", "title", "published"])}
    all_stories = stories(store)
    for line in (s for s in all_stories if s.level == "storyline"):
        out.print(f"[bold]Storyline[/bold] {line.label or line.id} ({len(line.articles)} articles)")
        for cluster in (s for s in all_stories if s.level == "event" and set(s.articles) <= set(line.articles)):
            out.print(f"  [cyan]event cluster[/cyan] {cluster.label or cluster.id}")
            for aid in cluster.articles:
                r = rows.get(aid, {})
                row = f"{aid[:10]}  {(r.get('published') or '?')[:10]:10}  {r.get('outlet') or '?':10}  {r.get('title') or '(no title)'}"
                out.print(f"    {_clip(row, out.width - 5)}", markup=False, highlight=False)


@app.command("timeline")
def timeline_cmd(
    db: DbOpt = "warta.db",
    entity: Annotated[str | None, typer.Option(help="Only events involving this entity (name, alias or id).")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY[-MM[-DD]]).")] = None,
) -> None:
    """The events, merged across reports, in the order they happened."""
    from warta.corpus.timeline import timeline

    store = _open(db)
    entity_id = None
    if entity:
        entity_id = store.find_entity(entity)
        if entity_id is None:
            err.print(f"[red]error:[/red] no entity named {entity!r} in the store")
            raise typer.Exit(1)
    entries = timeline(store, entity=entity_id, since=since, until=until)
    names = store.entity_names()
    out.print(f"[bold]Timeline[/bold]: {len(entries)} events, in the order they happened "
              "(bg: background, told in passing)")
    for e in entries:
        who = " -> ".join(names.get(x, x) for x in (e.source, e.target) if x)
        date = f"{e.date or '?'} ({e.precision or '?'})" + (" bg" if e.background else "")
        reports = f"{len(e.articles)} report{'s' if len(e.articles) != 1 else ''}"
        outlets = ", ".join(sorted({o for o in e.outlets if o})) or "outlet unknown"
        out.print(f"[cyan]{date:20}[/cyan] [bold]{e.type:10}[/bold] {who}", highlight=False)
        line = f"{reports} ({outlets}): {' '.join(e.summary.split())}"
        out.print(f"{'':4}{_clip(line, out.width - 5)}", markup=False, highlight=False)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 10)].rstrip() + "…"


@app.command("export")
def export_cmd(
    what: Annotated[str, typer.Argument(help="articles or timeline")],
    db: DbOpt = "warta.db",
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")] = None,
) -> None:
    """Write articles or the timeline in the interchange format (docs/format.md)."""
    from warta.corpus.timeline import timeline

    if what not in ("articles", "timeline") or fmt not in ("jsonl", "csv"):
        err.print("[red]error:[/red] use `warta export articles|timeline --format jsonl|csv`")
        raise typer.Exit(2)
    store = _open(db)
    if what == "articles":
        records, fields = export_mod.iter_article_records(store), export_mod.ARTICLE_FIELDS
    else:
        records, fields = (export_mod.timeline_record(e) for e in timeline(store)), export_mod.TIMELINE_FIELDS
    fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = export_mod.write(records, fields, fmt, fh)
    finally:
        if output:
            fh.close()
    err.print(f"wrote {n} {what}" + (f" to {output}" if output else ""))


@app.command("log")
def log_cmd(
    db: DbOpt = "warta.db",
    run: Annotated[str | None, typer.Option(help="Only this ingest run.")] = None,
    status: Annotated[str | None, typer.Option(help="Only stored, unchanged, skipped or error.")] = None,
) -> None:
    """The ingest log: what happened to every input record, and why."""
    store = _open(db)
    rows = [r for r in store.log_rows(run) if not status or r["status"] == status]
    _print_rows(("run", "input", "status", "reason", "article"),
                [(r["run_id"], r["input_id"], r["status"], r["reason"] or "", r["article_id"] or "") for r in rows])


def _print_rows(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on a terminal; tab-separated lines with a header when piped (for cut, awk, csv tools)."""
    if out.is_terminal:
        table = Table(*header)
        for row in rows:
            table.add_row(*row)
        out.print(table)
        return
    for row in (header, *rows):
        print("\t".join(" ".join(cell.split()) for cell in row))


@app.command("serve")
def serve_cmd(
    db: DbOpt = "warta.db",
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ingest_token: Annotated[
        str | None, typer.Option(help="Enable POST /api/ingest for requests bearing this token.", envvar="WARTA_INGEST_TOKEN")
    ] = None,
) -> None:
    """Serve the web UI and the REST API (OpenAPI at /docs); read-only unless given a token."""
    try:
        from warta.api.serve import serve
    except ImportError as exc:
        err.print(f"[red]error:[/red] the web server needs the api extra: pip install 'warta[api]' ({exc.name} missing)")
        raise typer.Exit(2) from exc
    _open(db).close()  # fail early, with a clear message, on a bad --db
    err.print(f"warta: serving {db} on http://{host}:{port}/  (API docs at /docs)")
    serve(db, host=host, port=port, ingest_token=ingest_token)


class _Progress:
    """A Rich progress bar that appears only once a run has taken over a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> _Progress:
        return self

    def update(self, summary: IngestSummary) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < 1.0:
                return
            self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[line]}"),
                                TimeElapsedColumn(), console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("ingest", total=None, line="")
        if self.task is not None:
            self.bar.update(self.task, completed=summary.read, line=summary.line())

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def main() -> None:
    app()
