"""Uses `from functools import wraps` and a match statement on the result."""

from collections.abc import Callable
from functools import wraps
from typing import Any


def shout[**P](fn: Callable[P, Any]) -> Callable[P, Any]:
    @wraps(fn)
    def loud(*args: P.args, **kwargs: P.kwargs) -> Any:
        match fn(*args, **kwargs):
            case str() as text:
                return text.upper()
            case other:
                return other

    return loud


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
