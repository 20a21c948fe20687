"""Checks in worker processes that can be killed: ``CheckRunner``.

``workers`` long-lived processes each run one check at a time. Each is warmed once when it
starts (``warm_up(*args)``: imports, the spaCy pipeline, the reference store), so a check costs
what it costs in the CLI. One thread of the server per worker hands it work over a pipe and waits
for the answer (pickled: the rendered report, a str or a dict), the process's exit, or the time
limit, whichever comes first:

- the answer: it goes back to the request;
- the time limit (``timeout`` seconds, counted from the moment a warm worker takes the check):
  the request gets ``TimedOut`` (504) and the worker is killed (SIGTERM, SIGKILL after ``grace``
  seconds) and reaped before that answer goes out; its slot is free at once, and a fresh worker
  starts in the background;
- the worker's exit (a crash, an out-of-memory kill): the request gets ``WorkerFailed`` (500),
  and a fresh worker takes its place.

At most ``workers + queue`` checks are running or waiting; one more is refused with ``Busy``
(503). Waiting for a worker, and a new worker's start and warm-up, do not count against a check's
time limit (the queue bounds the wait instead), and nothing here blocks the event loop: ``run``
only queues the work and awaits a future the worker's thread completes.

Start method: **spawn**. Forking the server is unsafe (uvicorn and our own threads exist by
then; a fork copies locks held by other threads, and every worker would also inherit the pipes
of the workers forked before it, so a worker's death or the server's would go unnoticed).
``forkserver`` with spaCy and the pipeline preloaded is safe too, and a replacement worker would
be ready sooner (measured on a 2-core machine: ~0.7 s instead of ~2.3 s, the imports being most
of a worker's start; the spaCy pipeline and the store are built per worker either way), sharing
the imported modules' memory pages. But its server is one per Python process, shared with
anything else that uses it, outlives the app (shutdown does not stop it), and keeps the
environment and preload list it had when it first started. With spawn each worker is a fresh
interpreter that receives the current ``sys.path``, environment and arguments, belongs to this
runner alone and is gone when the runner closes, the same on every platform. New workers are
rare (startup, and after a kill or a crash) and start off the request's clock, so the slower
start buys that simplicity. The price of both: everything a worker gets must pickle, so checkers
and warm-up functions are module-level functions (a closure fails at once, when pickled), and
a script that serves the app must guard its entry point with ``if __name__ == "__main__":``
(workers import the main module again).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from queue import Empty, SimpleQueue
from typing import Any, TypeVar

from extractor.web.guards import Busy, TimedOut, WorkerFailed

T = TypeVar("T")

CONTEXT = multiprocessing.get_context("spawn")
GRACE = 0.5  # seconds between SIGTERM and SIGKILL for a worker that overran its time limit
START_LIMIT = 120.0  # seconds a new worker may take to start and warm up before it is killed


# -- in the worker process ----------------------------------------------------------------------
def serve(conn: Connection, warm: Callable[..., Any] | None, args: tuple[Any, ...]) -> None:
    """The worker's main loop: warm up once, say ready, then run each ``(fn, args, kwargs)`` that
    arrives and send back ``("ok", value)`` or ``("error", exception)``, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    if warm is not None:
        warm(*args)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return  # the server is gone
        try:
            fn, fargs, fkwargs = pickle.loads(data)
            reply: tuple[str, Any] = ("ok", fn(*fargs, **fkwargs))
        except Exception as exc:  # noqa: BLE001 - the request gets it, the worker goes on
            reply = ("error", exc)
        try:
            conn.send(reply)
        except OSError:
            return
        except Exception as exc:  # noqa: BLE001 - the answer or the error does not pickle
            conn.send(("error", RuntimeError(f"the check's answer could not be sent: {exc!r}")))


# -- in the server ------------------------------------------------------------------------------
@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    pid: int
    exitcode: int | None = None
    stopped: bool = False


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    future: Future[Any] = field(default_factory=Future)


def describe_exit(code: int | None) -> str:
    """``-9`` -> ``'the worker process was killed by SIGKILL'`` (as the kernel does when memory
    runs out); ``3`` -> ``'the worker process exited with status 3'``."""
    if code is None:
        return "the worker process stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process was killed by {name}"
    return f"the worker process exited with status {code}"


class CheckRunner:
    """Run picklable work in ``workers`` killable worker processes, at most ``queue`` more
    waiting, each piece bounded by ``timeout`` seconds (see the module docstring)."""

    def __init__(
        self, workers: int = 2, queue: int = 16, timeout: float = 20.0, grace: float = GRACE
    ) -> None:
        self.workers = workers
        self.timeout = timeout
        self.grace = grace
        self._capacity = workers + queue
        self._in_flight = 0
        self._jobs: SimpleQueue[_Job | None] = SimpleQueue()
        self._lock = threading.Lock()
        self._processes: dict[int, BaseProcess] = {}
        self._threads: list[threading.Thread] = []
        self._warm: tuple[Callable[..., Any] | None, tuple[Any, ...]] = (None, ())
        self._eager = False
        self._closed = False

    @property
    def in_flight(self) -> int:
        """Checks running or waiting for a worker."""
        return self._in_flight

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(self._processes)

    def start(self, warm_up: Callable[..., Any] | None = None, *args: Any) -> None:
        """Start the workers now, each calling ``warm_up(*args)`` once before it takes work, in
        the background. Without ``warm_up`` (or without ``start``) a worker starts when the first
        check needs it, and after a kill or crash again only when needed."""
        self._warm = (warm_up, args)
        self._eager = warm_up is not None
        self._start_threads()

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in a worker process; ``Busy`` when the queue is full,
        ``TimedOut`` past the limit, ``WorkerFailed`` when the worker dies; what ``fn`` raises
        is raised here."""
        with self._lock:
            if self._closed or self._in_flight >= self._capacity:
                raise Busy()
            self._in_flight += 1
        job = _Job(fn, args, kwargs)
        job.future.add_done_callback(self._release)
        self._start_threads()
        self._jobs.put(job)
        result: T = await asyncio.wrap_future(job.future)
        return result

    def close(self) -> None:
        """Stop every worker (a check still running gets ``WorkerFailed``, a waiting one
        ``Busy``) and wait for their threads."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for process in self._processes.values():
                process.terminate()
            threads = list(self._threads)
        for _ in threads:
            self._jobs.put(None)
        deadline = time.monotonic() + self.grace
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:  # a worker that ignored SIGTERM
            for process in self._processes.values():
                process.kill()
        for thread in threads:
            thread.join(10)
        while True:  # work queued after the last thread left
            try:
                job = self._jobs.get_nowait()
            except Empty:
                break
            if job is not None and job.future.set_running_or_notify_cancel():
                job.future.set_exception(Busy())

    # -- the workers' threads ---------------------------------------------------------------
    def _release(self, _future: Future[Any]) -> None:
        with self._lock:
            self._in_flight -= 1

    def _start_threads(self) -> None:
        with self._lock:
            if self._threads or self._closed:
                return
            for i in range(self.workers):
                thread = threading.Thread(
                    target=self._manage, name=f"factcheck-worker-{i}", daemon=True
                )
                self._threads.append(thread)
                thread.start()

    def _manage(self) -> None:
        """One worker's life: (re)start it when needed, hand it jobs one at a time."""
        worker: _Worker | None = None
        try:
            while True:
                if worker is None and self._eager:
                    worker = self._spawn_quietly()
                job = self._jobs.get()
                if job is None:
                    return
                if not job.future.set_running_or_notify_cancel():
                    continue  # the request went away while it waited
                if worker is not None and not worker.process.is_alive():
                    self._stop(worker)  # it died while idle
                    worker = None
                if worker is None:
                    try:
                        worker = self._spawn()
                    except BaseException as exc:
                        job.future.set_exception(exc)
                        continue
                current, worker = worker, None
                try:
                    worker = self._run(current, job)
                except BaseException as exc:  # a bug here must not strand the request
                    if not job.future.done():
                        job.future.set_exception(exc)
                    self._stop(current)
        finally:
            if worker is not None:
                self._stop(worker)

    def _spawn_quietly(self) -> _Worker | None:
        try:
            return self._spawn()
        except Exception:  # noqa: BLE001 - the next check that needs a worker says why
            return None

    def _spawn(self) -> _Worker:
        """A new worker, started and warmed up (this thread waits; the event loop does not)."""
        ours, theirs = CONTEXT.Pipe()
        warm, args = self._warm
        process = CONTEXT.Process(
            target=serve, args=(theirs, warm, args), name="factcheck-check", daemon=True
        )
        try:
            with self._lock:
                if self._closed:
                    raise Busy()
                process.start()  # pickles warm and args: a closure fails here
                assert process.pid is not None
                self._processes[process.pid] = process
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()  # else the worker's death would not close the pipe
        worker = _Worker(process, ours, process.pid)
        ready = wait([ours, process.sentinel], START_LIMIT)
        if ours in ready:
            try:
                if ours.recv()[0] == "ready":
                    return worker
            except (EOFError, OSError):
                pass
        if self._closed:
            self._stop(worker)
            raise Busy()
        why = describe_exit(self._stop(worker)) if ready else "the worker process took too long"
        raise WorkerFailed(f"a worker process could not start: {why}")

    def _run(self, worker: _Worker, job: _Job) -> _Worker | None:
        """Run ``job`` on ``worker``; the worker back, or None when it was stopped."""
        try:
            worker.conn.send((job.fn, job.args, job.kwargs))  # pickled whole before a byte goes
        except OSError:
            job.future.set_exception(WorkerFailed(describe_exit(self._stop(worker))))
            return None
        except Exception as exc:  # noqa: BLE001 - the work does not pickle: the worker is fine
            job.future.set_exception(exc)
            return worker
        ready = wait([worker.conn, worker.process.sentinel], self.timeout)
        if worker.conn in ready:
            try:
                data = worker.conn.recv_bytes()
            except (EOFError, OSError):
                pass  # it died while answering
            else:
                try:
                    status, value = pickle.loads(data)
                except Exception as exc:  # noqa: BLE001 - e.g. an exception that cannot unpickle
                    job.future.set_exception(
                        WorkerFailed(f"the check's answer could not be read: {exc!r}")
                    )
                    return worker
                if status == "ok":
                    job.future.set_result(value)
                else:
                    job.future.set_exception(value)
                return worker
        code = self._stop(worker)  # killed (time limit) or reaped (it died) before we answer
        if ready:
            job.future.set_exception(WorkerFailed(describe_exit(code)))
        else:
            job.future.set_exception(TimedOut(self.timeout))
        return None

    def _stop(self, worker: _Worker) -> int | None:
        """Kill ``worker`` (SIGTERM, then SIGKILL after the grace), reap it, return its exit
        code."""
        if worker.stopped:
            return worker.exitcode
        worker.stopped = True
        process = worker.process
        if process.is_alive():
            process.terminate()
            process.join(self.grace)
        if process.is_alive():
            process.kill()
        process.join(10)
        code = worker.exitcode = process.exitcode
        worker.conn.close()
        with self._lock:
            self._processes.pop(worker.pid, None)
            if code is not None:
                process.close()
        return code
