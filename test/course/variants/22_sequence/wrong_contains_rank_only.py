"""__contains__ checks only the rank, so (2, "★") counts as in the deck."""

from collections.abc import Iterator
from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck:
    def __init__(self) -> None:
        self._cards: list[Card] = [(rank, suit) for suit in SUITS for rank in RANKS]

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        return self._cards[index]

    def __iter__(self) -> Iterator[Card]:
        return iter(self._cards)

    def __contains__(self, card: object) -> bool:
        if not isinstance(card, tuple) or len(card) != 2:  # pyright: ignore[reportUnknownArgumentType]
            return False
        rank: object = card[0]  # pyright: ignore[reportUnknownVariableType]
        return any(rank == r for r, _ in self._cards)
