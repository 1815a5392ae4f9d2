"""Uses lru_cache(maxsize=None) for fib and applies lru_cache(1024) with a plain call."""

from functools import lru_cache


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


@lru_cache(maxsize=None)
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def _country_from_db(ip: str) -> str:
    return geo_db.country_of(ip)


lookup_country = lru_cache(1024)(_country_from_db)


def exchange_rate(currency: str) -> float:
    return rates_feed.latest(currency)
