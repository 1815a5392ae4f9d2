"""Exercise 02 · wraps: a decorator that keeps the function's identity.

Write `shout(fn)`: its wrapper calls fn with the same arguments and upper-cases
the result when it is a ``str``, a subclass of ``str`` included (any other
result comes back untouched). The wrapper must also *look* like fn: same
``__name__``, ``__qualname__``, docstring, type hints and
``inspect.signature``, plus ``__wrapped__`` pointing at fn, so ``help(greet)``
still describes ``greet``. ``greet`` below is already decorated.

You know this from TypeScript/Go as wrapping a function, where nobody notices the
swap: a TS wrapper's types come from its declaration, and Go reflection rarely
matters. What carries over: the wrapper stands in for fn everywhere. The false
friend: in Python, a function's name, docstring, hints and signature are data on
the function *object*, read at runtime by ``help()``, debuggers, pytest and
frameworks such as FastAPI, so a bare wrapper silently replaces them with its own.
``functools.wraps(fn)`` copies the name, qualname, docstring and annotations, and
sets ``__wrapped__ = fn``; the signature is not copied, ``inspect.signature``
follows ``__wrapped__`` to find it. ``wraps`` is itself a decorator, applied to
the wrapper, not to fn.
"""

from collections.abc import Callable


def shout[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    # TODO: decorate the wrapper with @functools.wraps(fn) so it takes on fn's
    #       name, qualname, docstring and annotations, and gets __wrapped__
    #       (which inspect.signature follows to show fn's parameters).
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = fn(*args, **kwargs)
        # TODO: if the result is a str, return it upper-cased; otherwise return it as is.
        return result

    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
