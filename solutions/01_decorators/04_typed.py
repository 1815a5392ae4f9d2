"""Exercise 04 · typed: reference solution."""

import functools
from collections.abc import Callable

type Call = tuple[str, tuple[object, ...], dict[str, object]]
"""One audit record: the function's name, its positional and its keyword arguments."""

_calls: list[Call] = []


def audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _calls.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


# Functions are objects and may carry attributes, but type checkers do not model
# them; this one line says so, and everything else in the module stays checked.
audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]


# Why this way: `[**P, R]` captures fn's whole parameter list (names, defaults,
# keyword-only markers) and its return type, and `Callable[P, R]` hands both back,
# so a checker flags a bad call at the call site and keeps the result's type.
# Annotating the wrapper with `P.args`/`P.kwargs` and `-> R` lets pyright verify
# the forwarding call inside, too. The record is appended *before* fn runs, so an
# audit trail also shows the calls that failed.
