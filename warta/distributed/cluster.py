"""Where partitions run: a Dask cluster (local or remote) or inline in this process."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from warta.errors import ConfigError, MissingExtra


class Executor(Protocol):
    window: int  # partitions kept in flight

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...


class _Done:
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args

    def result(self) -> Any:
        return self.fn(*self.args)  # run when the writer asks: nothing waits in memory


class Inline:
    """No Dask: each partition runs when it is written (the single-process path)."""

    window = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Done:
        return _Done(fn, args)


class DaskExecutor:
    def __init__(self, client: Any, workers: int) -> None:
        self.client = client
        self.window = 2 * max(1, workers) + 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)


@contextmanager
def executor(scheduler: str, workers: int) -> Iterator[Executor]:
    """"inline", "local" (``workers`` processes here) or a scheduler address."""
    if scheduler == "inline":
        yield Inline()
        return
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtra("dask[distributed]", "dask") from exc
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # the pipeline is CPU-bound Python: processes, not threads
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    else:
        cluster = None
        client = Client(scheduler)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
    try:
        yield DaskExecutor(client, workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
