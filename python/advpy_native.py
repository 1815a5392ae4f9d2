"""Native transport for the bridge: newline-delimited JSON on private file descriptors.

The protocol never touches fd 1 or 2, so nothing a learner prints, even with
``os.write(1, ...)``, can corrupt it. Usage (the TypeScript engine spawns this):

    python -X dev -B advpy_native.py <requests-fd> <responses-fd> <stacks-fd>
"""

from __future__ import annotations

import faulthandler
import gc
import importlib
import json
import os
import signal
import sys
import threading

# Bound now, before any suite installs the fake clock: the bridge's own waiting
# must stay real even when the learner's `time.sleep` is faked.
from time import sleep as _real_sleep


def _die_with_parent() -> None:
    """Exit when the Node process that owns us is gone, even if the learner's code is stuck."""
    if sys.platform == "linux":
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, signal.SIGKILL) == 0:
                # The kernel ends us with the parent, so no watcher thread is needed.
                # That matters: with a thread of ours alive, every os.fork() the
                # learner's process pool makes warns "this process is multi-threaded".
                return
        except (OSError, AttributeError):
            pass
    parent = os.getppid()

    def watch() -> None:
        while True:
            _real_sleep(0.5)
            if os.getppid() != parent:
                os._exit(70)

    threading.Thread(target=watch, name="advpy-parent-watch", daemon=True).start()


def _adopt_orphans() -> None:
    """Keep every descendant below us, so the runner can find and end it.

    Linux only: as a child subreaper, a learner's child that calls ``os.setsid()``
    and then loses its parent is re-parented to this process instead of to init,
    so the runner's search of /proc (src/engine/process-tree.ts) still finds it.
    macOS and Windows have no such thing; there, a child that leaves the process
    group is not found (the runner ends the group only).
    """
    if sys.platform != "linux":
        return
    try:
        import ctypes

        pr_set_child_subreaper = 36
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_child_subreaper, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _end_descendants() -> None:
    """SIGKILL every process below this one (Linux), before the bridge exits on its own.

    When the runner ends the bridge it kills the whole tree itself; this covers the
    bridge exiting at end of input, which would leave orphans behind otherwise.
    """
    if sys.platform != "linux":
        return
    found: set[int] = set()
    frontier = [os.getpid()]
    while frontier:
        parent = frontier.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as children:
                    pids = [int(pid) for pid in children.read().split()]
            except (OSError, ValueError):
                continue
            for pid in pids:
                if pid not in found:
                    found.add(pid)
                    frontier.append(pid)
    for pid in found:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass  # already gone


# Exit code meaning "the code under test closed or replaced our channel"
# (CHANNEL_BROKEN_EXIT in src/core/protocol.ts).
_CHANNEL_BROKEN = 75


def _channel_broken(what: str) -> None:
    try:
        os.write(2, f"advpy bridge: {what}\n".encode())
    except OSError:
        pass  # stderr may be gone too; the exit code alone says what happened
    os._exit(_CHANNEL_BROKEN)


def main() -> None:
    requests_fd, responses_fd, stacks_fd = (int(arg) for arg in sys.argv[1:4])
    _die_with_parent()
    _adopt_orphans()
    stacks = os.fdopen(stacks_fd, "w", buffering=1)
    if hasattr(signal, "SIGUSR1"):
        # On a timeout the runner sends SIGUSR1 and reads every thread's stack from
        # this fd. faulthandler answers from the C signal handler, so it works even
        # while the learner's code spins in a loop.
        faulthandler.register(signal.SIGUSR1, file=stacks, all_threads=True)
    # A fatal signal (a segfault in ctypes or a C extension) dumps every thread's stack
    # to the same fd before the process dies, so the crash names the learner's line.
    faulthandler.enable(file=stacks, all_threads=True)

    # Imported after the handler is set, so a stuck import of ours is also visible.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _advpy_kata.session import PROTOCOL_VERSION, Session

    # Bound before any learner code runs, so code that patches json or os (json.dumps = ...)
    # breaks its own test, not the channel. Builtins are repaired by the session itself.
    loads, dumps, fstat = json.loads, json.dumps, os.fstat

    cap = int(os.environ.get("ADVPY_OUTPUT_CAP", "65536"))
    session = Session(output_cap=cap)
    sys.path.remove(os.path.dirname(os.path.abspath(__file__)))
    # Session.handle runs gc.collect() after each request, so that unawaited coroutines
    # and unclosed files warn while that request's output is captured. Scanning the
    # bridge's and the standard library's objects every time cost 2 ms a request (most
    # of a suite's time); frozen, they are skipped, and only what the learner's code
    # made since is collected. Nothing frozen here is ever garbage before we exit.
    gc.freeze()
    sys.stdin = None  # type: ignore[assignment]  # the bridge swaps in a polite stand-in per call

    # The channel's identity, to notice learner code that dup2's something over it:
    # writes would then vanish without an error, and the runner would wait forever.
    channel = os.fstat(responses_fd)
    with os.fdopen(requests_fd, "rb") as incoming, os.fdopen(responses_fd, "wb", buffering=0) as outgoing:
        outgoing.write(json.dumps({"ready": True, "protocol": PROTOCOL_VERSION}).encode("ascii") + b"\n")
        # A spare (src/engine/native-spare.ts) waits for a save that is seconds away, so it
        # imports now what the course's async exercises would import on the save's time.
        # Popped: the learner's code never sees the variable.
        for name in filter(None, os.environ.pop("ADVPY_PRELOAD", "").split(",")):
            importlib.import_module(name)
        while True:
            try:
                line = incoming.readline()
            except (OSError, ValueError):
                _channel_broken("the request channel was closed by the code under test")
            if not line:
                break
            # A thread the code under test left running may have changed builtins since the
            # last answer; json.loads needs the real ones. The next response reports it.
            session.guard.repair_between_requests()
            request = loads(line)
            response = session.handle(request)
            response["id"] = request.get("id")
            # ASCII with escapes: a lone surrogate the learner printed ("\udcff") travels
            # as an escape and cannot make the encoder fail.
            data = dumps(response).encode("ascii") + b"\n"
            try:
                now = fstat(responses_fd)
                if (now.st_dev, now.st_ino) != (channel.st_dev, channel.st_ino):
                    _channel_broken("the response channel was replaced by the code under test")
                outgoing.write(data)
            except (OSError, ValueError):
                _channel_broken("the response channel was closed by the code under test")
    _end_descendants()
    os._exit(0)  # skip interpreter teardown: learner threads must not keep us alive


if __name__ == "__main__":
    main()
