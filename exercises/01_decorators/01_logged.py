"""Exercise 01 · logged: your first decorator.

Write `logged(fn)`. It returns a new function that prints ``calling <name>``
(``<name>`` is ``fn.__name__``), then calls ``fn`` with exactly the arguments it
was given, and returns whatever ``fn`` returned.

You know this from TypeScript/Go as a higher-order function: Go's
``Logged(fn)`` wrapper, or a TS method decorator. What carries over: a
decorator is only a function that takes a function and returns one, and
``@logged`` above ``def f`` means ``f = logged(f)``. The false friend: TS
decorators get a context object and only decorate classes and their members;
Python's get nothing but the function, and work on any function at all.
"""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    # TODO: define an inner function that accepts any positional and keyword
    #       arguments (*args, **kwargs), prints the message, calls fn with
    #       those same arguments and returns its result.
    # TODO: return the inner function itself (do not call it).
    return fn
