"""Uses a match statement: a missing roles or a plain str is refused, any other collection is searched with `in`."""

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
            match getattr(kwargs.get("user"), "roles", None):
                case None | str():
                    allowed = False
                case roles:
                    allowed = role in roles
            if not allowed:
                raise Forbidden(f"{fn.__name__} requires the {role!r} role")
            return fn(*args, **kwargs)

        return wrapper

    return decorator


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"

