"""Wraps the whole call in try/except and reports any error as Forbidden."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


class Forbidden(Exception):
    """The caller lacks the role that an operation requires."""


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[str] = frozenset()


def requires_role[**P, R](role: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorator(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                if role not in kwargs["user"].roles:  # type: ignore[attr-defined]
                    raise Forbidden(f"{fn.__name__} requires the {role!r} role")
                return fn(*args, **kwargs)
            except Exception as error:
                raise Forbidden(f"requires the {role!r} role") from error

        return wrapper

    return decorator


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"
