"""Exercise 07 · caching: reference solution."""

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


@functools.cache
def fib(n: int) -> int:
    """Return the n-th Fibonacci number: fib(0) == 0, fib(1) == 1."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@functools.lru_cache(maxsize=1024)
def lookup_country(ip: str) -> str:
    """Return the two-letter country code for an IPv4 address."""
    return geo_db.country_of(ip)


def exchange_rate(currency: str) -> float:
    """Return how many units of `currency` one euro buys right now."""
    return rates_feed.latest(currency)


# Why this way: fib is pure and its inputs are small integers, so an unbounded
# functools.cache is right; the recursive calls go through the module-level name
# `fib`, which is the cached wrapper, so each value is computed once. IP
# addresses are unbounded, so lookup_country gets lru_cache(maxsize=1024): memory
# stays flat and the least recently used address is evicted first.
# exchange_rate depends on state outside its arguments, so any memoizer would
# keep serving the first rate it saw. If a live lookup is too slow, what it
# needs is a cache that expires, not one that remembers forever.
