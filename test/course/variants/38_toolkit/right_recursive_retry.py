"""Functional style: retry as a recursive helper, a match statement in the descriptor, `import time as clock` with time.monotonic, and steps found through a method the Session is handed."""

import functools
import math
import time as clock
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Self, overload


@dataclass(frozen=True, slots=True)
class StepRun:
    """One finished run of a step, as it appears in `Toolkit.report`."""

    name: str
    attempts: int
    ms: float
    ok: bool


class UnknownStep(LookupError):
    """`session.run` was given a name that no step of this toolkit has."""


class Bounded[T: (int, float)]:
    """A data descriptor that accepts only a `kind` value with `min <= value <= max`."""

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
        return vars(instance)[self.name]

    def __set__(self, instance: object, value: T) -> None:
        anything: Any = value
        match anything:
            case bool():
                raise TypeError(f"{self.name} cannot be a bool (allowed: {self.min}..{self.max})")
            case int() | float() if self.kind is float or isinstance(anything, int):
                pass
            case _:
                raise TypeError(f"{self.name} must be {self.kind.__name__} in {self.min}..{self.max}")
        if math.isnan(value) or value < self.min or value > self.max:
            raise ValueError(f"{self.name}={value!r} not in {self.min}..{self.max}")
        vars(instance)[self.name] = value


class StepConfig:
    """How a step retries: validated on every assignment, `__init__` included."""

    retries = Bounded(int, min=0, max=10)
    backoff = Bounded(float, min=0.0, max=60.0)

    def __init__(self, *, retries: int = 0, backoff: float = 0.1) -> None:
        self.retries = retries
        self.backoff = backoff


class Session:
    def __init__(self, find: Callable[[str], Callable[..., object]], stack: ExitStack) -> None:
        self.find = find
        self.stack = stack

    def enter[T](self, cm: AbstractContextManager[T]) -> T:
        return self.stack.enter_context(cm)

    def run(self, name: str, /, *args: object, **kwargs: object) -> object:
        return self.find(name)(*args, **kwargs)


class Toolkit:
    def __init__(self) -> None:
        self.steps: dict[str, Callable[..., object]] = {}
        self.runs: list[StepRun] = []

    @property
    def report(self) -> list[StepRun]:
        return self.runs[:]

    def find(self, name: str) -> Callable[..., object]:
        if name not in self.steps:
            raise UnknownStep(name)
        return self.steps[name]

    def step[**P, R](self, *, retries: int = 0, backoff: float = 0.1) -> Callable[[Callable[P, R]], Callable[P, R]]:
        config = StepConfig(retries=retries, backoff=backoff)

        def decorate(fn: Callable[P, R]) -> Callable[P, R]:
            if fn.__name__ in self.steps:
                raise ValueError(fn.__name__)
            def attempt(n: int, tried: list[int], *args: P.args, **kwargs: P.kwargs) -> R:
                tried.append(n)
                try:
                    return fn(*args, **kwargs)
                except Exception:
                    if n == config.retries:
                        raise
                clock.sleep(config.backoff * 2**n)
                return attempt(n + 1, tried, *args, **kwargs)

            @functools.wraps(fn)
            def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
                begin = clock.monotonic()
                tried: list[int] = []
                outcome = False
                try:
                    result = attempt(0, tried, *args, **kwargs)
                    outcome = True
                    return result
                finally:
                    self.runs.append(StepRun(fn.__name__, len(tried), (clock.monotonic() - begin) * 1e3, outcome))

            self.steps[fn.__name__] = wrapped
            return wrapped

        return decorate

    @contextmanager
    def session(self) -> Generator[Session]:
        stack = ExitStack()
        with stack:
            yield Session(self.find, stack)
