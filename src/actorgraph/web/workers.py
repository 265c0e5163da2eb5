"""Worker processes that run one job at a time and can be killed: how a query's time limit is kept.

pyoxigraph cannot cancel a running query, and a thread cannot be stopped; a process can. The
pool keeps up to `size` workers alive between jobs (each keeps its store open), gives each job
to an idle worker, and kills the worker whose job runs past its time, starting a new one for
the next job. Workers come from a fork server, so they never inherit the web server's threads.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import anyio

log = logging.getLogger(__name__)


def _loop(connection: Connection, handler: Callable[[Any], Any]) -> None:
    """A worker's life: answer jobs until the pool closes the pipe."""
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(handler(job))


class _Worker:
    def __init__(self, context: Any, handler: Callable[[Any], Any]) -> None:
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_loop, args=(theirs, handler), daemon=True)
        self.process.start()
        theirs.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class WorkerPool:
    """At most `size` jobs at once, each in its own process, each stopped at its time limit."""

    def __init__(self, handler: Callable[[Any], Any], size: int, preload: tuple[str, ...] = ()) -> None:
        self.handler = handler
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(list(preload))
        self.idle: list[_Worker] = []
        self.slots = anyio.CapacityLimiter(size)

    async def run(self, job: Any, seconds: float) -> Any | None:
        """The handler's answer, or None when the job ran past `seconds` (its worker is killed)."""
        async with self.slots:
            worker = self.idle.pop() if self.idle else await anyio.to_thread.run_sync(self._start)
            try:
                worker.connection.send(job)
                ready = await anyio.to_thread.run_sync(worker.connection.poll, seconds)
                answer = worker.connection.recv() if ready else None
            except BaseException:  # the worker died, or the request was cancelled mid-job
                worker.kill()
                raise
            if answer is None:
                log.warning("a job ran past %.1f s: its worker is stopped", seconds)
                await anyio.to_thread.run_sync(worker.kill)
            else:
                self.idle.append(worker)
            return answer

    def _start(self) -> _Worker:
        return _Worker(self.context, self.handler)

    def close(self) -> None:
        while self.idle:
            self.idle.pop().kill()
