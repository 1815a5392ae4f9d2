"""Native transport for the bridge: newline-delimited JSON on private file descriptors.

The protocol never touches fd 1 or 2, so nothing a learner prints, even with
``os.write(1, ...)``, can corrupt it. Usage (the TypeScript engine spawns this):

    python -X dev -B advpy_native.py <requests-fd> <responses-fd> <stacks-fd>
"""

from __future__ import annotations

import faulthandler
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
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    parent = os.getppid()

    def watch() -> None:
        while True:
            _real_sleep(0.5)
            if os.getppid() != parent:
                os._exit(70)

    threading.Thread(target=watch, name="advpy-parent-watch", daemon=True).start()


def main() -> None:
    requests_fd, responses_fd, stacks_fd = (int(arg) for arg in sys.argv[1:4])
    _die_with_parent()
    stacks = os.fdopen(stacks_fd, "w", buffering=1)
    if hasattr(signal, "SIGUSR1"):
        # On a timeout the runner sends SIGUSR1 and reads every thread's stack from
        # this fd. faulthandler answers from the C signal handler, so it works even
        # while the learner's code spins in a loop.
        faulthandler.register(signal.SIGUSR1, file=stacks, all_threads=True)

    # Imported after the handler is set, so a stuck import of ours is also visible.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _advpy_kata.session import Session

    cap = int(os.environ.get("ADVPY_OUTPUT_CAP", "65536"))
    session = Session(output_cap=cap)
    sys.path.remove(os.path.dirname(os.path.abspath(__file__)))
    sys.stdin = None  # type: ignore[assignment]  # the bridge swaps in a polite stand-in per call

    with os.fdopen(requests_fd, "rb") as incoming, os.fdopen(responses_fd, "wb", buffering=0) as outgoing:
        outgoing.write(b'{"ready":true}\n')
        for line in incoming:
            request = json.loads(line)
            response = session.handle(request)
            response["id"] = request.get("id")
            outgoing.write(json.dumps(response, ensure_ascii=False).encode("utf-8") + b"\n")
    os._exit(0)  # skip interpreter teardown: learner threads must not keep us alive


if __name__ == "__main__":
    main()
