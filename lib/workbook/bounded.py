"""Read an untrusted workbook in a child process that the operating system bounds.

python-calamine aborts the whole process when an allocation fails, and a parser can always
be made to spend more than a shared server can give; so an upload (the app's 데이터 관리,
the CLI) is read in a child process with ``Limits.memory_bytes`` more address space than it
starts with (``RLIMIT_AS``), ``Limits.cpu_seconds`` of CPU (``RLIMIT_CPU``) and no core
file, killed by the parent after ``Limits.wall_seconds``. A crash, an overrun or a kill
becomes one Korean problem (``ReadMsg.UNREADABLE``); the parent never dies with it.

The child is forked from the calling process when that has a single thread (the CLI: a
fork costs ~20 ms), else from a fork server started once with ``lib.workbook`` imported
(Streamlit's server has many threads, which a fork must not copy; ~0.6 s for the first
read, ~20 ms after). The answer crosses back pickled: the frozen ``Results`` of a
workbook of ~45 sub-projects pickles and unpickles in ~3 ms (229 of them: 0.26 s + 0.45 s,
against 1.7 s to read them), well below a read. A large workbook's ``Results`` costs more to
carry than to read (20,160 sub-projects: ~2 s of pickling against ~1.5 s of reading), so a
caller that only needs something made from it (the CLI's summary text) passes ``then``: the
child reads, applies it and sends back only what it returns.

The child reads without screening each sheet's XML for far cells first (the operating
system bounds it; a tenth of a read saved): a sheet python-calamine reads beyond the limits
is screened then, to name the cell. A child that dies or runs out of memory instead (calamine
asks for hundreds of gigabytes for a cell at XFD1048576) is followed by a second child that
screens first, so the caller hears of the same cell as before; one that does not answer in
time is not tried again.
"""

from __future__ import annotations

import faulthandler
import gc
import logging
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable
from multiprocessing import spawn
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from lib.errors import Problem, WorkbookError
from lib.schema import Results
from lib.strings_ko import ReadMsg
from lib.workbook.limits import DEFAULT_LIMITS, Limits
from lib.workbook.package import file_too_large

try:
    import resource
except ImportError:  # not on this platform (Windows): read in process
    resource = None  # type: ignore[assignment]

_log = logging.getLogger(__name__)
_OK, _PROBLEMS, _FAILED = "ok", "problems", "failed"
T = TypeVar("T")


def _address_space() -> int:
    """This process's address space in bytes (VmSize), or 0 when unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _bound_this_process(limits: Limits) -> None:
    """Apply the limits to the calling process (the child)."""
    assert resource is not None
    start = _address_space()
    memory = start + limits.memory_bytes if start else limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(
    sender: Connection,
    data: bytes,
    name: str,
    limits: Limits,
    sha256: str | None,
    then: Callable[[Results], Any],
    screen: bool,
) -> None:
    """Runs in the child: read, apply ``then``, send the outcome pickled, exit."""
    # An abort's message (python-calamine prints a backtrace) is not for the server's log.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    faulthandler.disable()  # it would print the abort on a copy of stderr (pytest enables it)
    os.environ["RUST_BACKTRACE"] = "0"
    gc.disable()  # the child lives for one read: the cyclic collector would find nothing
    outcome: tuple[str, Any]
    try:
        _bound_this_process(limits)
        from lib.workbook import read_workbook

        results = read_workbook(data, name, limits, sha256, screen=screen)
        outcome = (_OK, then(results))
    except WorkbookError as error:
        outcome = (_PROBLEMS, error.problems)
    except MemoryError:
        outcome = (_FAILED, "MemoryError")
    except Exception:  # a bug in the reader: the user gets the one line, the log the rest
        outcome = (_FAILED, traceback.format_exc())
    try:
        sender.send_bytes(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        sender.send_bytes(pickle.dumps((_FAILED, "MemoryError")))
    finally:
        sender.close()


_server_lock = threading.Lock()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    with _server_lock:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["lib.workbook"])
        return context


def _start(process: Any, context: multiprocessing.context.BaseContext) -> None:
    """Start the child. Through the fork server, without running the parent's main script
    again in it: multiprocessing does that in each child it prepares (as ``__mp_main__``, for
    functions pickled from there), and under ``streamlit run`` that script is Streamlit's
    own, which imports all of Streamlit: 0.6 s and a second of CPU an upload, for nothing
    (the child's target and every ``then`` live in importable modules)."""
    if context.get_start_method() == "fork":
        process.start()
        return
    with _server_lock:
        original = spawn.get_preparation_data

        def prepared(name: str) -> dict[str, Any]:
            data = original(name)
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
            return data

        spawn.get_preparation_data = prepared
        try:
            process.start()
        finally:
            spawn.get_preparation_data = original


def _unreadable() -> WorkbookError:
    return WorkbookError([Problem(None, None, None, ReadMsg.UNREADABLE)])


def bounded_supported() -> bool:
    """Whether this platform can bound a child process (Linux, macOS)."""
    return resource is not None and "fork" in multiprocessing.get_all_start_methods()


def read_path_bounded(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Results:
    """``read_bounded`` of a file on disk (the name shown is its base name); a file over
    ``limits.max_file_bytes`` is refused before it is read into memory. ``OSError`` when
    the file cannot be opened."""
    return read_path_bounded_then(path, whole, limits)


def read_path_bounded_then(
    path: str | Path, then: Callable[[Results], T], limits: Limits = DEFAULT_LIMITS
) -> T:
    """``read_bounded_then`` of a file on disk, refused before it is read when too large."""
    file = Path(path)
    size = file.stat().st_size
    if size > limits.max_file_bytes:
        raise WorkbookError([file_too_large(size, limits)])
    return read_bounded_then(file.read_bytes(), file.name, then, limits)


def read_bounded(
    data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS, sha256: str | None = None
) -> Results:
    """``read_workbook`` in a bounded child process: its ``Results``, or ``WorkbookError``
    with every problem, or with the one line ``ReadMsg.UNREADABLE`` when the child died,
    overran a limit or answered nothing within ``limits.wall_seconds``."""
    return read_bounded_then(data, name, whole, limits, sha256)


def whole(results: Results) -> Results:
    """The ``then`` that keeps the whole result (sent back pickled)."""
    return results


def read_bounded_then(
    data: bytes,
    name: str,
    then: Callable[[Results], T],
    limits: Limits = DEFAULT_LIMITS,
    sha256: str | None = None,
) -> T:
    """``then(read_workbook(…))`` computed in the bounded child (``read_bounded``), so that
    only its answer crosses back. ``then`` runs under the same limits; it must be a
    module-level function (the fork server pickles it by name). An exception it raises is
    a bug, answered like a crash."""
    if not bounded_supported():
        from lib.workbook import read_workbook

        return then(read_workbook(data, name, limits))
    try:
        return _read_in_child(data, name, then, limits, sha256, screen=False)
    except _ChildFailed as failure:
        if not failure.screening_may_help:
            raise _unreadable() from None
    # It died or ran out of memory: python-calamine may have met a cell far beyond the limits
    # (its grid for XFD1048576 alone is hundreds of gigabytes). Read again with the screening
    # that names such a cell before calamine reads the sheet.
    try:
        return _read_in_child(data, name, then, limits, sha256, screen=True)
    except _ChildFailed:
        _log.warning("workbook %r: the reader child failed, screened or not", name)
        raise _unreadable() from None


class _ChildFailed(Exception):
    """The child died, ran out of memory (``screening_may_help``: calamine may have met a far
    cell), or answered nothing in time, or a bug raised in it (no second read for those)."""

    def __init__(self, screening_may_help: bool) -> None:
        super().__init__()
        self.screening_may_help = screening_may_help


def _read_in_child(
    data: bytes,
    name: str,
    then: Callable[[Results], T],
    limits: Limits,
    sha256: str | None,
    screen: bool,
) -> T:
    """One bounded child: its answer, ``WorkbookError`` with the workbook's problems, or
    ``_ChildFailed``."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, data, name, limits, sha256, then, screen), daemon=True
    )
    payload: bytes | None = None
    timed_out = False
    try:
        _start(process, context)
        sender.close()
        if receiver.poll(limits.wall_seconds):
            payload = receiver.recv_bytes()
        else:
            timed_out = process.is_alive()
    except (EOFError, OSError):
        payload = None  # the child died before it answered
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if timed_out:
        _log.warning("workbook %r: no answer within %s s", name, limits.wall_seconds)
        raise _ChildFailed(screening_may_help=False)
    if payload is None:
        _log.info("workbook %r: reader child ended with %s", name, process.exitcode)
        raise _ChildFailed(screening_may_help=True)
    kind, value = pickle.loads(payload)
    if kind == _OK:
        return value  # type: ignore[no-any-return]
    if kind == _PROBLEMS:
        raise WorkbookError(list(value))
    if value == "MemoryError":
        _log.info("workbook %r: the reader ran out of memory", name)
        raise _ChildFailed(screening_may_help=True)
    _log.error("workbook %r could not be read: %s", name, value)  # a bug: its traceback
    raise _ChildFailed(screening_may_help=False)
