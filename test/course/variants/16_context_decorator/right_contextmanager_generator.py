"""A @contextmanager generator: its result is already a ContextDecorator."""

import time
from collections.abc import Generator
from contextlib import contextmanager


@contextmanager
def timed_block(label: str) -> Generator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        print(f"{label} took {(time.perf_counter() - start) * 1000:.2f}ms")
