"""Exercise 22 · sequence: a deck of cards that Python treats as a sequence.

Write `Deck()`, the 52 cards of a French deck, so that ``len``, ``[]``, slices,
``for``, ``in`` and ``reversed`` all work on it, and so that pyright knows what
each of them gives. The contract:

- A card is a ``(rank, suit)`` tuple: ranks 2 to 14 (11-14 are J, Q, K, A),
  suits ``"♠♥♦♣"``. The deck goes suit by suit: all spades from 2 to 14, then
  the hearts, the diamonds and the clubs.
- ``deck[i]`` is one card; negative indexes count from the end, and an index
  past either end raises ``IndexError``. ``deck[a:b]`` and ``deck[a:b:step]``
  give a new ``list`` of cards.
- ``x in deck`` is true only for a card of the deck; ``reversed(deck)`` is an
  iterator from the last card to the first and leaves the deck as it is.
- The deck is read-only: ``deck[0] = card`` raises ``TypeError`` (to shuffle,
  take ``random.sample(deck, len(deck))``).
- pyright sees ``deck[0]`` as a card and ``deck[1:3]`` as a list of cards.

You know this from TypeScript/Go as `[Symbol.iterator]` plus a `length`, or a
Go type with `Len()` and an `At(i)` method. What carries over: implement a few
agreed-upon methods and the language's own syntax starts working on your
object. The false friends: Python asks for less than you expect, since with
`__len__` and `__getitem__` alone, `for`, `in` and `reversed` already work
(Python falls back to indexing 0, 1, 2, ... until `IndexError`); negative
indexes count from the end, where Go panics; and a list never equals a tuple,
so `[2, "♠"]` is not a card. Inheriting from `collections.abc.Sequence[Card]`
is welcome too; `index` and `count` then come free, but they are not required.
"""

from typing import overload  # for your @overload signatures

type Card = tuple[int, str]
"""One playing card: its rank (2 to 14, where 11-14 are J, Q, K, A) and its suit."""

SUITS = "♠♥♦♣"


class Deck:
    def __init__(self) -> None:
        # TODO: build the 52 cards, suit by suit (all of SUITS[0] first), ranks
        #       2 to 14 ascending within each suit.
        pass

    def __len__(self) -> int:
        # TODO: how many cards are in the deck.
        return 0

    # TODO: an int index gives one Card and a slice gives a list[Card]. Say so
    #       with two @overload signatures above this implementation, so pyright
    #       knows which one each call returns instead of a union of both.
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        # TODO: return the card at index (negative indexes count from the end),
        #       or a new list for a slice.
        raise IndexError(index)

