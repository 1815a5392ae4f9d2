"""Exercise 20 · binding: how `obj.method` gets its `self`, rebuilt by hand.

A plain function is a descriptor: ``Greeter.__dict__["hi"]`` is a function, and
reading ``g.hi`` calls ``function.__get__(g, Greeter)``, which returns a *bound
method* that puts ``g`` in front of your arguments. Use that to write:

* ``my_staticmethod(fn)``: a descriptor whose ``__get__`` hands back something
  that calls ``fn`` with exactly the arguments given, whether it is reached
  through the class, an instance or a subclass.
* ``my_classmethod(fn)``: a descriptor whose ``__get__`` binds the *class*:
  ``fn`` receives the class it was reached through (a subclass when reached
  through the subclass or one of its instances) as its first argument. When
  ``__get__(obj)`` is called without an owner, the owner is ``type(obj)``.
  Both define ``__get__(obj, objtype=None)`` and nothing else (no ``__set__``),
  like the real ones: they are non-data descriptors, so an attribute stored
  on an instance under the same name hides them.
* ``CountCalls(fn)``: a class used as a decorator. Its ``.calls`` counts every
  call of ``fn``, starting at 0; a call that raises counts too, and its
  exception propagates unchanged. Arguments, keyword arguments and the return
  value pass through, and it keeps ``fn``'s ``__name__`` and ``__doc__``. On a
  method it must still receive the instance as ``self``: ``Class.method``
  gives back the CountCalls object itself (so ``Class.method(obj, ...)`` works,
  as with a plain function), and ``obj.method`` gives back a bound method.
  There is one count per decorated function: calls through every instance add
  to it, and ``Class.method.calls`` and ``obj.method.calls`` both read it.

You know this from TypeScript/Go as ``this`` binding and method values. What
carries over: Go's ``f := acct.Deposit`` is a method value with the receiver
already bound, and TS's ``fn.bind(obj)`` fixes ``this``. The false friends:
in Python the binding is not done by the language at the call site as in
JavaScript; ``obj.method`` *asks the class attribute* to bind itself, through
``__get__``. A plain function answers with a bound method. An instance of your
own class used as a decorator has no ``__get__`` unless you write one, so
``obj.method`` returns the decorator object unbound and ``self`` never
arrives. You have just rebuilt bound methods, ``staticmethod`` and
``classmethod``.
"""

from collections.abc import Callable
from typing import Concatenate


class my_staticmethod[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        self.fn = fn

    def __get__(self, obj: object | None, objtype: type | None = None) -> Callable[P, R]:
        # TODO: return something that calls fn with no extra first argument,
        #       however the attribute was reached (obj may be None).
        raise NotImplementedError("my_staticmethod.__get__")


class my_classmethod[T, **P, R]:
    def __init__(self, fn: Callable[Concatenate[type[T], P], R]) -> None:
        self.fn = fn

    def __get__(self, obj: T | None, objtype: type[T] | None = None) -> Callable[P, R]:
        # TODO: work out the class (objtype, or type(obj) when no owner was
        #       given) and return fn with that class bound as its first
        #       argument (types.MethodType binds any callable to any object).
        raise NotImplementedError("my_classmethod.__get__")


class CountCalls[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        self.fn = fn
        self.calls = 0
        # TODO: copy fn's __name__ and __doc__ onto this object
        #       (functools.update_wrapper does that for an instance).

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        # TODO: count this call, even if fn raises.
        return self.fn(*args, **kwargs)

    # TODO: add __get__(self, obj, objtype=None): through the class (obj is
    #       None) return this object itself; through an instance, return this
    #       object bound to obj, so calls still go through __call__ (and are
    #       counted) with obj in front of the arguments.
