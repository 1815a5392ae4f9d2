"""Right at runtime but unannotated, so a checker cannot know what it returns."""

import functools

_calls = []


def audited(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _calls.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


audited.log = _calls
