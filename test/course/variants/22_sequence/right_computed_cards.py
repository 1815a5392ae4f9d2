"""Stores nothing: each card is computed from its index with divmod, negatives normalized by hand."""

from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
SIZE = 52


class Deck:
    def __len__(self) -> int:
        return SIZE

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(SIZE))]
        position = index + SIZE if index < 0 else index
        if not 0 <= position < SIZE:
            raise IndexError("deck index out of range")
        suit_number, rank_offset = divmod(position, 13)
        return (rank_offset + 2, SUITS[suit_number])
