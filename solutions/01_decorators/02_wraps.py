"""Exercise 02 · wraps: reference solution."""

import functools
from collections.abc import Callable
from typing import cast


def shout[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = fn(*args, **kwargs)
        if isinstance(result, str):
            # Here R is some kind of str; cast tells the checker the upper-cased
            # text still stands in for it.
            return cast(R, result.upper())
        return result

    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"


# Why this way: @functools.wraps(fn) copies __name__, __qualname__, __doc__,
# __module__ and __annotations__ onto the wrapper and sets __wrapped__ = fn, which
# is what inspect.signature and help() follow back to the real parameters. The
# isinstance check keeps shout safe on functions that return something other
# than text, and unlike `type(result) is str` it also accepts subclasses of str.
