"""Exercise 08 · requires_role: reference solution."""

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
            roles = getattr(kwargs.get("user"), "roles", None)
            # `in` on a str is a substring test ("admin" in "administrator"),
            # so a plain string is refused rather than searched.
            if roles is None or isinstance(roles, str) or role not in roles:
                raise Forbidden(f"{fn.__name__} requires the {role!r} role")
            return fn(*args, **kwargs)

        return wrapper

    return decorator


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"


# Why this way: three layers, because `@requires_role("admin")` first *calls*
# the factory with the role, and what that returns decorates the function. The
# wrapper checks before it calls, so a refusal is a plain `raise` and the
# protected body never starts. It fails closed: getattr with a default turns a
# missing user, None, or an object without roles into "no roles", which is
# refused like any other unauthorized caller instead of crashing with a
# KeyError or AttributeError; a str where a collection belongs is refused too,
# because `in` would search it for a substring. `in` on a set compares by value
# (hash and ==), so a role name built at run time matches a literal one. It
# reads `user` from kwargs without removing it, so the protected function still
# receives it.
