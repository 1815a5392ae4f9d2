"""Subclasses list (like `class Deck extends Array`), so the deck is mutable: deck[0] = card works."""

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck(list[Card]):
    def __init__(self) -> None:
        super().__init__((rank, suit) for suit in SUITS for rank in RANKS)
