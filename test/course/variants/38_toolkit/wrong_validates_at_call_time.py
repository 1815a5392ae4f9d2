"""Builds the StepConfig inside the wrapper, so a bad retries or backoff is only noticed when the step is called."""

import functools
import time
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from typing import Self, overload


@dataclass(frozen=True, slots=True)
class StepRun:
    """One finished run of a step, as it appears in ``Toolkit.report``."""

    name: str
    attempts: int
    ms: float
    ok: bool


class UnknownStep(LookupError):
    """``session.run`` was given a name that no step of this toolkit has."""


class Bounded[T: (int, float)]:
    """A data descriptor that accepts only a ``kind`` value with ``min <= value <= max``."""

    name: str

    def __init__(self, kind: type[T], *, min: T, max: T) -> None:
        self.kind = kind
        self.min = min
        self.max = max

    def __set_name__(self, owner: type[object], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        if instance is None:
            return self
        return instance.__dict__[self.name]

    def __set__(self, instance: object, value: T) -> None:
        self._validate(value)
        instance.__dict__[self.name] = value

    def _validate(self, value: object) -> None:
        # Typed as `object`: pyright already checks typed callers, this checks the rest.
        # An int is a fine float (2 means 2.0), but a bool is only an int by
        # accident of history: `retries=True` is a bug, not the number 1.
        accepted = (int, float) if self.kind is float else (int,)
        if isinstance(value, bool) or not isinstance(value, accepted):
            wanted = "a number" if self.kind is float else "an int"
            raise TypeError(
                f"{self.name} must be {wanted} between {self.min} and {self.max}, "
                f"got {type(value).__name__} {value!r}"
            )
        # "Not inside" rather than "below or above": NaN fails every comparison,
        # so only this form rejects it.
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.name} must be between {self.min} and {self.max}, got {value!r}")


class StepConfig:
    """How a step retries: validated on every assignment, ``__init__`` included."""

    retries = Bounded(int, min=0, max=10)
    backoff = Bounded(float, min=0.0, max=60.0)

    def __init__(self, *, retries: int = 0, backoff: float = 0.1) -> None:
        self.retries = retries
        self.backoff = backoff


class Session:
    """What ``with toolkit.session() as session`` binds: resources in, steps by name."""

    def __init__(self, steps: dict[str, Callable[..., object]], stack: ExitStack) -> None:
        self._steps = steps
        self._stack = stack

    def enter[T](self, cm: AbstractContextManager[T]) -> T:
        """Enter ``cm`` now, exit it when the session ends (newest first); return what it entered as."""
        return self._stack.enter_context(cm)

    def run(self, name: str, /, *args: object, **kwargs: object) -> object:
        """Run the step registered as ``name`` with these arguments and return its result."""
        try:
            step = self._steps[name]
        except KeyError:
            known = ", ".join(sorted(self._steps)) or "none"
            raise UnknownStep(f"no step named {name!r} in this toolkit (known: {known})") from None
        return step(*args, **kwargs)


class Toolkit:
    def __init__(self) -> None:
        self._steps: dict[str, Callable[..., object]] = {}
        self._report: list[StepRun] = []

    @property
    def report(self) -> list[StepRun]:
        """Every run of every step of this toolkit so far, in the order they finished."""
        return list(self._report)

    def step[**P, R](
        self, *, retries: int = 0, backoff: float = 0.1
    ) -> Callable[[Callable[P, R]], Callable[P, R]]:

        def decorator(fn: Callable[P, R]) -> Callable[P, R]:
            name = fn.__name__
            if name in self._steps:
                raise ValueError(f"this toolkit already has a step named {name!r}")

            @functools.wraps(fn)
            def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
                config = StepConfig(retries=retries, backoff=backoff)
                attempts = 0
                ok = False
                started = time.perf_counter()
                try:
                    while True:
                        attempts += 1
                        try:
                            result = fn(*args, **kwargs)
                        except Exception:
                            if attempts > config.retries:
                                raise
                            time.sleep(config.backoff * 2 ** (attempts - 1))
                        else:
                            ok = True
                            return result
                finally:
                    ms = (time.perf_counter() - started) * 1000
                    self._report.append(StepRun(name, attempts, ms, ok))

            self._steps[name] = wrapper
            return wrapper

        return decorator

    @contextmanager
    def session(self) -> Generator[Session]:
        with ExitStack() as stack:
            yield Session(self._steps, stack)

