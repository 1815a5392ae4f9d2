"""Cards are a NamedTuple; every protocol method (__iter__, __contains__, __reversed__) written by hand."""

from collections.abc import Iterator
from typing import NamedTuple, overload


class Card(NamedTuple):
    rank: int
    suit: str


SUITS = "♠♥♦♣"


class Deck:
    def __init__(self) -> None:
        self._cards = [Card(rank, suit) for suit in SUITS for rank in range(2, 15)]

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        return self._cards[index]

    def __iter__(self) -> Iterator[Card]:
        yield from self._cards

    def __contains__(self, card: object) -> bool:
        return card in self._cards

    def __reversed__(self) -> Iterator[Card]:
        return reversed(self._cards)
