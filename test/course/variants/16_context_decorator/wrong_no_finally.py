"""A @contextmanager generator without try/finally: the timing is lost when the code raises."""

import time
from collections.abc import Generator
from contextlib import contextmanager


@contextmanager
def timed_block(label: str) -> Generator[None]:
    start = time.perf_counter()
    yield
    print(f"{label} took {(time.perf_counter() - start) * 1000:.1f}ms")
