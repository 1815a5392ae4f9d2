"""Exercise 38 · toolkit: a decorator, a context manager and a descriptor, composed.

Build `Toolkit`, a small DSL for running unreliable steps. `@toolkit.step(...)`
registers a function, retries it and times it; `with toolkit.session() as
session:` holds resources and runs steps by name; `toolkit.report` says what
ran. Each part is something you wrote earlier in the course (05 retry, 13 exit
stack, 18 bounded): here they work together.

The contract, piece by piece:

* `StepConfig(*, retries=0, backoff=0.1)` keeps its two fields in `Bounded`
  data descriptors, so every assignment is checked, `__init__` included:
  `retries` is an int in 0..10, `backoff` a number (int or float) in 0..60.
  Out of range (NaN too) is a `ValueError`, a wrong type (a bool too: `True`
  is not a retry count) a `TypeError`; both messages name the field and its
  bounds. Each config keeps its own values.
* `toolkit.step(*, retries=0, backoff=0.1)` validates through `StepConfig` at
  once, so a bad value fails at the `@` line and nothing is registered. The
  decorator registers the function under its `__name__` (a second step with
  the same name in the same toolkit is a `ValueError`) and returns a wrapper
  that keeps fn's metadata and can still be called directly.
* The wrapper tries up to `retries + 1` times. Only an `Exception` is retried
  (KeyboardInterrupt and other BaseExceptions propagate at once). After failed
  attempt n (0, 1, 2, ...) it sleeps `backoff * 2**n` seconds (exponential),
  but never after the last attempt, whose error propagates unchanged.
* Every call of a step, direct or through `session.run`, appends exactly one
  `StepRun(name, attempts, ms, ok)` to `toolkit.report`, however it ended (an
  error, even KeyboardInterrupt, gives `ok=False`). `ms` is a float: the
  milliseconds the whole call took, waits included, from `time.perf_counter`.
  The report accumulates for the toolkit's lifetime; a session never clears it.
* `session.enter(cm)` enters cm and returns what its `__enter__` returned;
  when the block ends, normally or by an exception, every entered resource is
  exited, newest first (even if one exit raises), and the exception
  propagates. `session.run(name,
  *args, **kwargs)` calls the step registered as `name` and returns its result;
  an unknown name raises `UnknownStep` (a `LookupError`) naming it. `name` is
  positional-only, so a step may take a keyword argument called `name`.
* Two toolkits never share steps or reports; two sessions never share resources.

You know this from TypeScript/Go as a library that combines decorators,
`using` with a `DisposableStack` (TS 5.2), and validated accessors; in Go, a
registry map, `defer` in a loop and an options struct with a `Validate()`.
What carries over: configure, then wrap; clean up in reverse order. The false
friends: a mutable value in a Python class body (`_steps = {}`) is shared by
every instance, like a TS `static` field, so per-toolkit state belongs in
`__init__`; and a descriptor object is created once per class, so it must
store each value on the instance it is given, never on itself.
"""

import functools
import time
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
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

    name: str

    def __init__(self, kind: type[T], *, min: T, max: T) -> None:
        self.kind = kind
        self.min = min
        self.max = max

    def __set_name__(self, owner: type[object], name: str) -> None:
        # TODO: remember which field this descriptor is (`retries` or `backoff`).
        pass

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        # TODO: on the class (instance is None) return the descriptor itself;
        #       on an instance, return the value stored for that instance.
        raise NotImplementedError("Bounded.__get__ is not written yet")

    def __set__(self, instance: object, value: T) -> None:
        # TODO: TypeError for a wrong type (bool included; an int is fine for a
        #       float field), ValueError unless min <= value <= max (think of NaN).
        #       Both messages name the field and the bounds. Then store the value
        #       on the instance, never on self.
        raise NotImplementedError("Bounded.__set__ is not written yet")


class StepConfig:
    """How a step retries: validated on every assignment, `__init__` included."""

    retries = Bounded(int, min=0, max=10)
    backoff = Bounded(float, min=0.0, max=60.0)

    def __init__(self, *, retries: int = 0, backoff: float = 0.1) -> None:
        self.retries = retries
        self.backoff = backoff


class Session:
    """What `with toolkit.session() as session` binds: resources in, steps by name."""

    # TODO: an __init__ that receives what a session needs: its own ExitStack,
    #       and this toolkit's steps (Toolkit.session creates the Session).

    def enter[T](self, cm: AbstractContextManager[T]) -> T:
        # TODO: enter cm on this session's ExitStack and return what it entered as.
        raise NotImplementedError("Session.enter is not written yet")

    def run(self, name: str, /, *args: object, **kwargs: object) -> object:
        # TODO: look the step up by name (UnknownStep naming it if missing),
        #       call it with the arguments and return its result.
        raise NotImplementedError("Session.run is not written yet")


class Toolkit:
    def __init__(self) -> None:
        # TODO: this toolkit's own steps (name -> wrapper) and its own report.
        pass

    @property
    def report(self) -> list[StepRun]:
        # TODO: every run of every step of this toolkit, in the order they finished.
        return []

    def step[**P, R](
        self, *, retries: int = 0, backoff: float = 0.1
    ) -> Callable[[Callable[P, R]], Callable[P, R]]:
        # TODO layer 1 (at the `@` line): validate by building a StepConfig.
        # TODO layer 2: register the wrapper under fn.__name__ (refuse a duplicate).
        # TODO layer 3: the wrapper (functools.wraps) tries, sleeps with
        #       time.sleep between failed attempts, and in a `finally` appends a
        #       StepRun timed with time.perf_counter.
        def decorator(fn: Callable[P, R]) -> Callable[P, R]:
            return fn

        return decorator

    @contextmanager
    def session(self) -> Generator[Session]:
        # TODO: open an ExitStack for the block, hand out a Session that uses
        #       it and can find this toolkit's steps.
        yield Session()

