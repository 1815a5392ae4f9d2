"""Class-based style: a Step object with __call__ (functools.update_wrapper), a Session with __enter__/__exit__, descriptor values under private names, `from time import perf_counter, sleep`."""

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from time import perf_counter, sleep
from types import TracebackType
from typing import Self, overload


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

    def __init__(self, kind: type[T], *, min: T, max: T) -> None:
        self.kind = kind
        self.min = min
        self.max = max
        self.public = self.private = ""

    def __set_name__(self, owner: type[object], name: str) -> None:
        self.public, self.private = name, f"_{name}"

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        return self if instance is None else getattr(instance, self.private)

    def __set__(self, instance: object, value: T) -> None:
        checked: object = value
        wrong_type = type(checked) is bool or not (
            isinstance(checked, int) or (self.kind is float and isinstance(checked, float))
        )
        bounds = f"[{self.min}, {self.max}]"
        if wrong_type:
            raise TypeError(f"{self.public}: expected {self.kind.__name__} in {bounds}, got {checked!r}")
        if not (self.min <= value <= self.max):
            raise ValueError(f"{self.public}: {value!r} is outside {bounds}")
        setattr(instance, self.private, value)


class StepConfig:
    """How a step retries: validated on every assignment, `__init__` included."""

    retries = Bounded(int, min=0, max=10)
    backoff = Bounded(float, min=0.0, max=60.0)

    def __init__(self, *, retries: int = 0, backoff: float = 0.1) -> None:
        self.retries = retries
        self.backoff = backoff


class Step[**P, R]:
    """A registered step: retries fn, times the whole call, reports it."""

    def __init__(self, fn: Callable[P, R], config: StepConfig, report: list[StepRun]) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn
        self._config = config
        self._report = report

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        attempts = 0
        ok = False
        start = perf_counter()
        try:
            for attempt in range(self._config.retries):
                attempts += 1
                try:
                    result = self._fn(*args, **kwargs)
                    ok = True
                    return result
                except Exception:
                    sleep(self._config.backoff * 2**attempt)
            attempts += 1
            result = self._fn(*args, **kwargs)
            ok = True
            return result
        finally:
            self._report.append(StepRun(self._fn.__name__, attempts, 1000 * (perf_counter() - start), ok))


class Session:
    def __init__(self, steps: dict[str, Step[..., object]]) -> None:
        self._steps = steps
        self._stack = ExitStack()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        return self._stack.__exit__(exc_type, exc, tb)

    def enter[T](self, cm: AbstractContextManager[T]) -> T:
        return self._stack.enter_context(cm)

    def run(self, name: str, /, *args: object, **kwargs: object) -> object:
        if name not in self._steps:
            raise UnknownStep(f"unknown step {name!r}")
        return self._steps[name](*args, **kwargs)


class Toolkit:
    def __init__(self) -> None:
        self._steps: dict[str, Step[..., object]] = {}
        self._runs: list[StepRun] = []

    @property
    def report(self) -> tuple[StepRun, ...]:
        return tuple(self._runs)

    def step[**P, R](self, *, retries: int = 0, backoff: float = 0.1) -> Callable[[Callable[P, R]], Step[P, R]]:
        config = StepConfig(retries=retries, backoff=backoff)

        def register(fn: Callable[P, R]) -> Step[P, R]:
            if fn.__name__ in self._steps:
                raise ValueError(f"duplicate step name {fn.__name__!r}")
            step = Step(fn, config, self._runs)
            self._steps[fn.__name__] = step  # type: ignore[assignment]
            return step

        return register

    def session(self) -> Session:
        return Session(self._steps)
