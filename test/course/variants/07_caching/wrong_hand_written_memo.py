"""Memoizes fib in a hand-written dict, like a JS Map, so it has no cache_info() or cache_clear()."""

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


_fib_memo: dict[int, int] = {}


def fib(n: int) -> int:
    """Return the n-th Fibonacci number: fib(0) == 0, fib(1) == 1."""
    if n not in _fib_memo:
        _fib_memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
    return _fib_memo[n]


@functools.lru_cache(maxsize=1024)
def lookup_country(ip: str) -> str:
    """Return the two-letter country code for an IPv4 address."""
    return geo_db.country_of(ip)


def exchange_rate(currency: str) -> float:
    """Return how many units of `currency` one euro buys right now."""
    return rates_feed.latest(currency)

