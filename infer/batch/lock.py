"""One writer per output: a lock file held with ``fcntl.flock`` that names its holder.

The kernel drops a ``flock`` when its process dies (``kill -9`` included), so a lock file that can
be locked again was left by a job that is gone: it is taken over with a warning. The file holds
the holder's pid, host and start time so a refused writer can say who holds the output.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import time
from pathlib import Path

from infer.errors import QuotelensError

log = logging.getLogger("quotelens")


def describe(holder: dict) -> str:
    """``pid 123 on host h, started 2026-01-02 10:00:00`` (or what is known of it)."""
    if not holder:
        return "a job that left no details"
    started = holder.get("started")
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)) if started else "?"
    return f"pid {holder.get('pid', '?')} on host {holder.get('host', '?')}, started {when}"


def _read(fd: int) -> dict:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        holder = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return holder if isinstance(holder, dict) else {}


class OutputLock:
    """``acquire`` takes the lock or raises naming the holder; ``release`` removes the file."""

    def __init__(self, path: Path, output: Path) -> None:
        self.path = Path(path)
        self.output = output
        self.fd: int | None = None

    def acquire(self) -> None:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read(fd)
                os.close(fd)
                raise QuotelensError(
                    f"{self.output} is being written by another job ({describe(holder)}; lock "
                    f"{self.path}); wait for it to end or stop it — a second writer is refused, "
                    "even with --resume"
                ) from None
            if self._still_linked(fd):
                break
            os.close(fd)  # the holder released and removed it between our open and flock
        stale = _read(fd)
        if stale:
            log.warning(
                "taking over the lock on %s left by a job that is gone (%s)",
                self.output,
                describe(stale),
            )
        mine = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(mine).encode("utf-8"))
        os.fsync(fd)
        self.fd = fd

    def _still_linked(self, fd: int) -> bool:
        try:
            on_disk = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        """Remove the file while still holding it, then let go: a waiter never locks a dead file."""
        if self.fd is None:
            return
        self.path.unlink(missing_ok=True)
        os.close(self.fd)
        self.fd = None
