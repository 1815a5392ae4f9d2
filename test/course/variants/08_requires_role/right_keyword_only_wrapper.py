"""The wrapper takes user as its own keyword-only parameter and forwards it explicitly."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


class Forbidden(Exception):
    """The caller lacks the role that an operation requires."""


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[str] = frozenset()


def requires_role(role: str) -> Callable[[Callable[..., R]], Callable[..., R]]:
    def decorator(fn: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(fn)
        def wrapper(*args: object, user: object = None, **kwargs: object) -> R:
            roles = getattr(user, "roles", ())
            if isinstance(roles, str) or role not in roles:
                raise Forbidden(f"requires role {role!r}")
            return fn(*args, user=user, **kwargs)

        return wrapper

    return decorator


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"
