"""Progress: a tqdm bar (rate, ETA) on a terminal, plain periodic log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("quotelens")


class Progress:
    def __init__(
        self, unit: str = "articles", total: int | None = None, every: float = 10.0
    ) -> None:
        self.tty = sys.stderr.isatty()
        self.n = 0
        self.statements = 0
        self.every = every
        self.t0 = self.last = time.perf_counter()
        self.unit = unit
        self.bar = None
        if self.tty:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=f" {unit}", dynamic_ncols=True)

    def update(self, n: int, statements: int = 0) -> None:
        self.n += n
        self.statements += statements
        if self.bar is not None:
            self.bar.update(n)
            self.bar.set_postfix(statements=self.statements)
            return
        now = time.perf_counter()
        if now - self.last >= self.every:
            rate = self.n / (now - self.t0)
            log.info(
                "%d %s, %d statements, %.1f %s/s",
                self.n,
                self.unit,
                self.statements,
                rate,
                self.unit,
            )
            self.last = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
