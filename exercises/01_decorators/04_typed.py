"""Exercise 04 · typed: a decorator that type checkers can see through.

Write `audited`: before each call it appends ``(fn.__name__, args, kwargs)`` to
the shared list ``audited.log`` (positional arguments as a tuple, keyword
arguments as a dict), then returns fn's result, keeping fn's metadata. Then type
it with PEP 695 syntax, ``audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]``,
so pyright still knows a decorated function's parameters and return type: a call
with wrong arguments is an error, and the result keeps its type. The suite runs
pyright (Python 3.12 mode, no guessing inside unannotated functions) over this
file and a snippet that uses it; it must find no errors in this file either.

You know this from TypeScript/Go as a generic over a function type: TS's
``<A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R`` or Go's
``func Audited[A, R any](fn func(A) R) func(A) R`` (for one parameter only: Go
has no type parameter for a whole parameter list). What carries over: the type
says "same parameters in, same result out". The false friends: ``P`` is not a
tuple of types like TS's ``A``; a ParamSpec also carries parameter names,
defaults and keyword-only markers, and it is only usable as the pair
``*args: P.args, **kwargs: P.kwargs``. And unlike TS, where the compiler is the
gate, nothing checks these hints unless you run a checker such as pyright.
"""

import functools
from collections.abc import Callable
from typing import Any

type Call = tuple[str, tuple[object, ...], dict[str, object]]
"""One audit record: the function's name, its positional and its keyword arguments."""

_calls: list[Call] = []


# TODO: make audited generic with PEP 695 syntax: audited[**P, R], taking a
#       Callable[P, R] and returning a Callable[P, R].
def audited(fn: Callable[..., Any]) -> Callable[..., Any]:
    # TODO: type the wrapper's *args and **kwargs with P.args and P.kwargs, and
    #       its result with R.
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # TODO: append the call's record to _calls before fn runs.
        return fn(*args, **kwargs)

    return wrapper


# Functions are objects and may carry attributes, but type checkers do not model
# them; this one line says so, and everything else in the module stays checked.
audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
