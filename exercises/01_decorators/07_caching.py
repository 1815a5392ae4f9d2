"""Exercise 07 · caching: memoize pure functions, and only pure functions.

Make `fib` remember every value it has computed, with no bound, so that even
`fib(300)` is instant, and make `lookup_country` an LRU cache that holds at most
1024 addresses. Both must expose the standard `cache_info()` and
`cache_clear()`. Then take the cache off `exchange_rate`, which must not have
one.

A cache is only safe on a *pure* function, one whose result depends on nothing
but its arguments. `exchange_rate` reads a live feed that changes under it, so
a cached rate is soon a wrong rate. `fib` is pure, and we treat
`lookup_country` as pure too: here an address's country is taken as fixed.
Its cache is bounded for another reason: there are countless addresses, and
the bound keeps memory flat by evicting the least recently used one. A bound
never makes an entry expire, so it would not make a changing value safe.

You know this from TypeScript/Go as memoization: lodash's `memoize`, or a map
guarded by a `sync.Mutex` in Go. What carries over: results are stored under
the arguments. The false friend is lodash, which keys on the first argument
only and accepts anything. Python keys on every argument, so all of them must
be hashable (no lists, no dicts). You don't write the map yourself either:
`functools.cache` and `functools.lru_cache(maxsize=...)` bring their own
statistics and eviction. And because `fib`'s recursive calls look up the name
`fib`, they go through the cache too.
"""

import functools


class GeoDatabase:
    """Stands in for a slow IP-to-country database. The tests swap in their own."""

    def country_of(self, ip: str) -> str:
        first_octet = int(ip.split(".")[0])
        return "DE" if first_octet < 100 else "JP" if first_octet < 200 else "BR"


class RatesFeed:
    """Stands in for a live currency feed: its numbers change all day long."""

    def __init__(self) -> None:
        self.rates = {"EUR": 1.0, "USD": 1.08, "JPY": 162.5}

    def latest(self, currency: str) -> float:
        return self.rates[currency]


geo_db = GeoDatabase()
rates_feed = RatesFeed()


# TODO: memoize fib with no size limit (it must gain cache_info and cache_clear).
def fib(n: int) -> int:
    """Return the n-th Fibonacci number: fib(0) == 0, fib(1) == 1."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


# TODO: cache lookup_country in an LRU cache of at most 1024 entries.
def lookup_country(ip: str) -> str:
    """Return the two-letter country code for an IPv4 address."""
    return geo_db.country_of(ip)


# TODO: this cache is a bug. Why? Remove it.
@functools.cache
def exchange_rate(currency: str) -> float:
    """Return how many units of `currency` one euro buys right now."""
    return rates_feed.latest(currency)
