"""A throw-away PostgreSQL server for the store tests.

Debian's server binaries refuse to run as root, so as root the server runs
as the ``postgres`` user; as anyone else it runs as that user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server() -> Iterator[str]:
    """Start a server in a temporary folder; yield its postgresql:// URL."""
    bindir = pg_bin()
    assert bindir is not None
    root = os.geteuid() == 0
    tmp = Path(tempfile.mkdtemp(prefix="warta-pg-"))
    data, sock = tmp / "data", tmp / "sock"
    sock.mkdir()
    user = "postgres" if root else os.environ.get("USER", "postgres")
    if root:
        shutil.chown(tmp, "postgres")
        shutil.chown(sock, "postgres")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = ["runuser", "-u", "postgres", "--", *args] if root else list(args)
        return subprocess.run(cmd, check=True, capture_output=True, text=True)

    port = _free_port()
    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", user, "--no-sync", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-w", "-o",
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        url = f"postgresql://{user}@127.0.0.1:{port}/postgres"
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        subprocess.run(
            (["runuser", "-u", "postgres", "--"] if root else [])
            + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)
