"""A class-based factory: the instance holds the role and its __call__ decorates."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


class Forbidden(Exception):
    """The caller lacks the role that an operation requires."""


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[str] = frozenset()


class requires_role:
    def __init__(self, role: str) -> None:
        self.role = role

    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]:
        role = self.role

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            user = kwargs.get("user")
            if user is None or not hasattr(user, "roles") or isinstance(user.roles, str) or role not in user.roles:
                raise Forbidden(f"access denied: {role!r} role required")
            return fn(*args, **kwargs)

        return wrapper


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"
