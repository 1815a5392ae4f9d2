"""Exercise 08 · requires_role: a decorator that refuses before the call.

Write the factory `requires_role(role)`. `@requires_role("admin")` lets a call
through only when its keyword argument `user` has `"admin"` among its `roles`.
Otherwise it raises `Forbidden` (its message names the role) *before* the
wrapped function runs, so nothing the function would do happens at all.

Protected functions take `user` as a keyword-only parameter (`*, user`), and
the wrapper passes it on to them unchanged. Fail closed: a call with no `user`,
with `user=None`, or with a user that has no `roles` is refused with
`Forbidden`, never with some other error. Roles are compared by value, so a
role name built at run time matches like a literal one. And `roles` must be a
collection of names: a plain string such as ``"administrator"`` grants nothing,
not even ``"admin"`` (``"admin" in "administrator"`` is a substring test).
Each decorated function keeps its own name and docstring.

You know this from TypeScript/Go as auth middleware: an Express
`requireRole("admin")` handler that returns 403 and never calls `next()`, or a
Go `RequireRole(role, h)` that writes 403 and returns before `h.ServeHTTP`.
What carries over: check first, then call through or stop. The false friend is
that there is no `next` and no response to write. Refusing is `raise`, and the
exception travels up to the caller like any other.
"""

from collections.abc import Callable
from dataclasses import dataclass


class Forbidden(Exception):
    """The caller lacks the role that an operation requires."""


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[str] = frozenset()


def requires_role[**P, R](role: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    # TODO: return a decorator. Its wrapper reads `user` from the keyword
    #       arguments, raises Forbidden(f"... {role!r} ...") unless role is one
    #       of user.roles (a plain str is not a collection of roles), and
    #       otherwise calls fn with every argument unchanged.
    # TODO: keep fn's name and docstring on the wrapper.
    def decorator(fn: Callable[P, R]) -> Callable[P, R]:
        return fn

    return decorator


@requires_role("admin")
def delete_account(account_id: int, *, user: User) -> str:
    """Delete an account for good. Only admins may do this."""
    return f"account {account_id} deleted by {user.name}"
