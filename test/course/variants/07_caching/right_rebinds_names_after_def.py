"""Applies cache and lru_cache by rebinding the names after each def, not with @."""

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


def fib(n: int) -> int:
    """Return the n-th Fibonacci number: fib(0) == 0, fib(1) == 1."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


# The recursion looks up the global name `fib` at call time, so it reaches the
# cached version once the name is rebound.
fib = functools.cache(fib)


def lookup_country(ip: str) -> str:
    """Return the two-letter country code for an IPv4 address."""
    return geo_db.country_of(ip)


lookup_country = functools.lru_cache(maxsize=1024, typed=False)(lookup_country)


def exchange_rate(currency: str) -> float:
    """Return how many units of `currency` one euro buys right now."""
    return rates_feed.latest(currency)

