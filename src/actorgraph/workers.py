"""Worker processes for a build's parallel stages (extraction, document graphs, validation),
started when there is work enough for them.

Two workers take about as long to start and stop (fork, initializer, shutdown: 40 ms at 10,000
documents) as extracting or building a few documents. A build that adds one document to a large
store has one document to extract and one graph to build: its pools did nothing but start. So the
first `INLINE` tasks a pool is given run in the calling process; the workers start with the task
after. Which process runs a task changes nothing in what it returns, so neither does this.
"""

from __future__ import annotations

import ctypes
import signal
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:  # imported when a pool starts: multiprocessing's modules take 25 ms to import
    from concurrent.futures import ProcessPoolExecutor

P = ParamSpec("P")
T = TypeVar("T")

INLINE = 4  # tasks run in the calling process before the workers start


class Workers(Executor):
    """A process pool of `jobs` workers, each started with `initializer(*initargs)`, started at
    the first task submitted after `here` has said no."""

    def __init__(
        self,
        jobs: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        inline: int = 0,
    ) -> None:
        self.jobs, self.initializer, self.initargs = jobs, initializer, initargs
        self.inline = inline  # tasks `here` may still keep in this process
        self.executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self.executor is not None

    def here(self, tasks: int) -> bool:
        """Whether to run these `tasks` in the calling process: yes while the workers have not
        started and the tasks run here so far, these included, are at most `INLINE`."""
        if self.executor is None and tasks <= self.inline:
            self.inline -= tasks
            return True
        return False

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self.executor is None:
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(
                max_workers=self.jobs, initializer=_start_worker, initargs=(self.initializer, self.initargs)
            )
        return self.executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=cancel_futures)


def process_pool(
    jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (), inline: int | None = None
) -> Workers | None:
    """Workers for a build's parallel stages, each started with `initializer(*initargs)`, the
    first `inline` tasks (by default `INLINE`) kept in this process; None for one job."""
    if jobs <= 1:
        return None
    return Workers(jobs, initializer, initargs, INLINE if inline is None else inline)


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """A worker ends when the build that started it is killed (`kill -9`), instead of waiting on
    its queue for ever: Linux's PR_SET_PDEATHSIG; elsewhere nothing is done."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if initializer is not None:
        initializer(*initargs)
