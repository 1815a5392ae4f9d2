"""Suits in bridge order ♣♦♥♠ instead of ♠♥♦♣."""

from collections.abc import Iterator
from typing import overload

type Card = tuple[int, str]
"""One playing card: its rank (2 to 14, where 11-14 are J, Q, K, A) and its suit."""

SUITS = "♣♦♥♠"
RANKS = range(2, 15)


class Deck:
    """The 52 cards of a French deck, suit by suit, ranks ascending. Read-only."""

    def __init__(self) -> None:
        # The outer loop comes first in a comprehension: all spades, then hearts...
        self._cards: list[Card] = [(rank, suit) for suit in SUITS for rank in RANKS]

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        # The list already does everything: negative indexes, IndexError past
        # either end, and slices (with steps) as a new list.
        return self._cards[index]

    def __iter__(self) -> Iterator[Card]:
        # Optional: without it, `for` would call __getitem__(0), (1), ... until
        # IndexError. Handing out the list's own iterator is simply faster.
        return iter(self._cards)

