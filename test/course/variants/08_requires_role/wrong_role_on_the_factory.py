"""Stores the role on the factory, so the last decoration decides the role for every function."""

import functools
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass


class Forbidden(Exception):
    """The caller lacks the role that an operation requires."""


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[str] = frozenset()


def requires_role(role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    requires_role.current_role = role  # type: ignore[attr-defined]

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            needed = requires_role.current_role  # type: ignore[attr-defined]
            roles = getattr(kwargs.get("user"), "roles", None)
            if roles is None or needed not in roles:
                raise Forbidden(f"{fn.__name__} requires the {needed!r} role")
            return fn(*args, **kwargs)

        return wrapper

    return decorator


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"
