"""Computes each card from its index and rejects negative indexes as out of range, as Go would."""

from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"


class Deck:
    def __len__(self) -> int:
        return 52

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError(f"card index {index} out of range")
        suit_number, rank_offset = divmod(index, 13)
        return (rank_offset + 2, SUITS[suit_number])
