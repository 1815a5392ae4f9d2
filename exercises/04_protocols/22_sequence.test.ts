import { beforeEach, expect, test } from 'vitest';
import { snippetReport, typecheck, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Helpers in the suite namespace. Every probe runs inside Python and reports
// what it saw as text, so a message can quote exactly what the deck did.
beforeEach(async () => {
  await py.exec(`
    EXPECTED = [(rank, suit) for suit in "♠♥♦♣" for rank in range(2, 15)]

    def attempt(action):
        """('ok', value) or ('raised', 'TypeError: ...'): what action() did."""
        try:
            return ("ok", action())
        except Exception as exc:
            return ("raised", f"{type(exc).__name__}: {exc}")

    def outcome(action):
        kind, what = attempt(action)
        return f"gave {what!r}" if kind == "ok" else f"raised {what}"

    def mismatch(action, expected):
        """None when action() equals expected (a tuple card counts as a tuple), else what it did."""
        kind, what = attempt(action)
        if kind == "ok" and what == expected and type(what) is not list:
            return None
        return f"gave {what!r}" if kind == "ok" else f"raised {what}"

    def cards_by_index(deck, limit=60):
        """deck[0], deck[1], ... until IndexError (or KeyError), at most limit cards."""
        cards = []
        for i in range(limit):
            try:
                cards.append(deck[i])
            except LookupError:
                break
        return cards

    def order_problems(cards):
        """What is wrong with this list of cards, in words; '' when it is the deck."""
        if cards == EXPECTED and all(type(c) is tuple or isinstance(c, tuple) for c in cards):
            return ""
        if not cards:
            return "deck[0] raised IndexError: the deck looks empty."
        first = cards[0]
        if not isinstance(first, tuple):
            return (f"deck[0] is {first!r}, a {type(first).__name__}; a card must be a tuple (rank, suit). "
                    "A list never equals a tuple in Python, so (2, '♠') in deck could not find it.")
        if len(cards) != 52:
            return f"indexing from 0 found {len(cards)} cards before IndexError, not 52."
        ranks = sorted({c[0] for c in cards if isinstance(c, tuple) and len(c) == 2})
        if ranks != list(range(2, 15)):
            return f"the ranks in the deck are {ranks}; they should be 2 to 14 (range(2, 15): the end is excluded)."
        if len(cards) > 1 and cards[1][1] != cards[0][1]:
            return (f"deck[0] is {cards[0]!r} but deck[1] is {cards[1]!r}: the cards go rank by rank instead of "
                    "suit by suit. In a comprehension the first 'for' is the outer loop: loop over suits first.")
        suits = []
        for c in cards:
            if c[1] not in suits:
                suits.append(c[1])
        if "".join(suits) != "♠♥♦♣":
            return f"the suits come in the order {''.join(suits)!r}; they should come as '♠♥♦♣' (spades first)."
        for i, (got, want) in enumerate(zip(cards, EXPECTED)):
            if got != want:
                return f"deck[{i}] is {got!r} where {want!r} was expected (ranks ascend within each suit)."
        return "the cards are not (rank, suit) tuples of (int, str)."
  `);
});

// ---- the sequence protocol at run time ----------------------------------------

test('a new deck holds 52 cards', async () => {
  await py.exec('deck = ex.Deck(); size = attempt(lambda: len(deck)); indexed = len(cards_by_index(deck))');
  const [kind, size] = await py.value<[string, unknown]>('size');
  const indexed = await py.value<number>('indexed');
  const why =
    kind !== 'ok'
      ? `len(deck) raised ${String(size)}; define __len__.`
      : size === indexed - 1
        ? `len(deck) is ${String(size)}, yet deck[${indexed - 1}] is still a card: __len__ should count the cards, not give the last index.`
        : `len(deck) is ${JSON.stringify(size)}, and indexing from 0 found ${indexed} cards before IndexError.`;
  expect(size, `Deck() should hold 13 ranks × 4 suits = 52 cards. ${why} Look at __init__ and __len__.`).toBe(52);
});

test('the cards are (rank, suit) tuples, ranks 2 to 14, suit by suit ♠♥♦♣', async () => {
  const problem = await py.value<string>('order_problems(cards_by_index(ex.Deck()))');
  expect(
    problem,
    "Deck() should hold (2, '♠'), (3, '♠'), …, (14, '♠'), then (2, '♥') … (14, '♥'), then ♦, then ♣, each card a " +
      `tuple. But ${problem} Look at how __init__ builds the cards.`,
  ).toBe('');
});

test('negative indexes count from the end', async () => {
  await py.exec('deck = ex.Deck()');
  for (const [index, card] of [
    [-1, "(14, '♣')"],
    [-13, "(2, '♣')"],
    [-52, "(2, '♠')"],
  ] as const) {
    const seen = await py.value<string | null>(`mismatch(lambda: deck[${index}], ${card})`);
    const hint = seen?.startsWith('raised KeyError')
      ? ' KeyError is what a dict raises for a key it lacks; a list or tuple counts negative positions from the end.'
      : seen?.startsWith('raised IndexError')
        ? ' Negative indexes were rejected as out of range (Go would panic there), but in Python -1 is the last item.'
        : '';
    expect(seen, `deck[${index}] should be ${card}, but it ${String(seen)}.${hint} Look at __getitem__.`).toBeNull();
  }
});

test('an index past either end raises IndexError', async () => {
  await py.exec('deck = ex.Deck()');
  for (const index of [52, 100, -53]) {
    const seen = await py.value<string>(`outcome(lambda: deck[${index}])`);
    expect(
      seen.startsWith('raised IndexError'),
      `deck[${index}] is past the end of a 52-card deck, so it should raise IndexError, but it ${seen}. ` +
        'IndexError is also how a for loop that relies on __getitem__ knows where to stop.',
    ).toBe(true);
  }
});

test('a slice gives a new list of the cards in it', async () => {
  await py.exec('deck = ex.Deck()');
  const cases: [string, string][] = [
    ['deck[1:3]', 'EXPECTED[1:3]'],
    ['deck[:2]', 'EXPECTED[:2]'],
    ['deck[-2:]', 'EXPECTED[-2:]'],
    ['deck[50:99]', 'EXPECTED[50:99]'],
    ['deck[5:5]', '[]'],
  ];
  for (const [slice, expected] of cases) {
    await py.exec(`got = attempt(lambda: ${slice})`);
    const ok = await py.value<boolean>(`got[0] == "ok" and isinstance(got[1], list) and got[1] == ${expected}`);
    const seen = await py.value<string>(
      `f"raised {got[1]}" if got[0] != "ok" else f"gave {got[1]!r}, a {type(got[1]).__name__}"`,
    );
    expect(
      ok,
      `${slice} should be the list ${await py.value<string>(`repr(${expected})`)}, but it ${seen}. A slice ` +
        'arrives in __getitem__ as a slice object; give back a plain list of the cards in it (slicing a list does).',
    ).toBe(true);
  }
});

test('slices honour steps, negative steps included', async () => {
  await py.exec('deck = ex.Deck()');
  for (const [slice, expected] of [
    ['deck[::13]', 'EXPECTED[::13]'],
    ['deck[13:26:4]', 'EXPECTED[13:26:4]'],
    ['deck[-1:-4:-1]', 'EXPECTED[-1:-4:-1]'],
    ['deck[::-1]', 'EXPECTED[::-1]'],
  ]) {
    await py.exec(`got = attempt(lambda: ${slice})`);
    const ok = await py.value<boolean>(`got[0] == "ok" and isinstance(got[1], list) and got[1] == ${expected}`);
    const seen = await py.value<string>(
      `f"raised {got[1]}" if got[0] != "ok" else f"gave {got[1][:5]!r}{' …' if len(got[1]) > 5 else ''} (a {type(got[1]).__name__} of {len(got[1])})"`,
    );
    expect(
      ok,
      `${slice} should be the list ${await py.value<string>(`repr(${expected}[:5])`)}… (${await py.value<number>(`len(${expected})`)} cards), ` +
        `but it ${seen}. A slice has start, stop and step; slicing a list honours all three, ` +
        'and slice.indices(len(self)) turns them into range() arguments.',
    ).toBe(true);
  }
});

test('changing a list you got from a slice does not change the deck', async () => {
  await py.exec(`
    deck = ex.Deck()
    before = [deck[0], len(deck)]
    hand = deck[0:3]
    try:
        hand[0] = "changed"
        hand.append("extra")
        everything = deck[:]
        everything.clear()
    except Exception as exc:
        changed = f"mutating the slice raised {type(exc).__name__}: {exc}"
    else:
        changed = None
    after = [deck[0], len(deck)]
  `);
  const changed = await py.value<string | null>('changed');
  expect(changed, `deck[0:3] should be an ordinary, independent list, but ${String(changed)}`).toBeNull();
  const [before, after] = await py.value<[string, string]>('[repr(before), repr(after)]');
  expect(
    await py.value('after == before'),
    'changing the lists that deck[0:3] and deck[:] returned should leave the deck alone, but deck[0] and len(deck) ' +
      `went from ${before} to ${after}: the slice shares the deck's own storage. Return a new list.`,
  ).toBe(true);
});

test('iterating gives every card in order, and every loop starts afresh', async () => {
  await py.exec(`
    deck = ex.Deck()
    first = attempt(lambda: list(deck))
    second = attempt(lambda: list(deck))
    pairs = attempt(lambda: sum(1 for a in deck for b in deck))
  `);
  const firstOk = await py.value<boolean>('first == ("ok", EXPECTED)');
  expect(
    firstOk,
    `list(deck) should give the 52 cards in deck order, but it ${await py.value<string>(
      'f"raised {first[1]}" if first[0] != "ok" else f"gave {len(first[1])} items starting {first[1][:3]!r}"',
    )}. Look at __iter__ (or, without one, at __getitem__ and its IndexError at the end).`,
  ).toBe(true);
  const second = await py.value<string>(
    'f"raised {second[1]}" if second[0] != "ok" else f"gave {len(second[1])} cards"',
  );
  expect(
    await py.value('second == ("ok", EXPECTED)'),
    `a second list(deck) should give the 52 cards again, but it ${second}. __iter__ must return a new iterator ` +
      'on each call; a deck that is its own iterator (returning self from __iter__) is used up after one loop.',
  ).toBe(true);
  expect(
    await py.value('pairs'),
    'two nested loops over the same deck should see 52 × 52 = 2704 pairs, but they saw ' +
      `${await py.value<string>('repr(pairs[1])')}: each loop needs its own iterator.`,
  ).toEqual(['ok', 2704]);
});

test('`in` is true for the cards of the deck and false for anything else', async () => {
  await py.exec('deck = ex.Deck()');
  const probes: [string, boolean, string][] = [
    ["(2, '♠')", true, 'the first card'],
    ["(10, '♥')", true, 'a card in the middle'],
    ["(14, '♣')", true, 'the last card'],
    ["(2, '★')", false, 'rank 2 of a suit that does not exist'],
    ["(15, '♠')", false, 'a rank above 14'],
    ["(1, '♠')", false, 'a rank below 2'],
    ["('♠', 2)", false, 'suit and rank swapped'],
    ["[2, '♠']", false, 'a list, which never equals a tuple'],
    ['2', false, 'a bare rank'],
    ["'♠'", false, 'a bare suit'],
  ];
  for (const [probe, expected, what] of probes) {
    const seen = await py.value<string>(`outcome(lambda: ${probe} in deck)`);
    expect(
      seen,
      `${probe} in deck (${what}) should be ${expected ? 'True' : 'False'}, but it ${seen}. ` +
        'A card belongs to the deck only when rank AND suit match one of its tuples; look at __contains__ ' +
        '(without one, Python compares each card with == for you).',
    ).toBe(`gave ${expected ? 'True' : 'False'}`);
  }
});

test('reversed(deck) is an iterator from the last card to the first', async () => {
  await py.exec(`
    deck = ex.Deck()
    whole = attempt(lambda: list(reversed(deck)))
  `);
  const step = await py.value<string | null>('mismatch(lambda: next(reversed(deck)), (14, "♣"))');
  const notIterator = step?.includes('is not an iterator') === true;
  expect(
    step,
    `next(reversed(deck)) should give (14, '♣'), the last card, but it ${String(step)}. ` +
      (notIterator
        ? 'reversed() hands back whatever __reversed__ returns, and next() needs an iterator, not a list.'
        : 'Look at __reversed__ if you wrote one; without it, Python walks __getitem__ backwards from ' +
          'index len(deck) - 1, so __len__ matters too.'),
  ).toBeNull();
  expect(
    await py.value('whole == ("ok", EXPECTED[::-1])'),
    `list(reversed(deck)) should be the 52 cards from (14, '♣') back to (2, '♠'), but it ${await py.value<string>(
      'f"gave {len(whole[1])} cards starting {whole[1][:3]!r}" if whole[0] == "ok" else f"raised {whole[1]}"',
    )}.`,
  ).toBe(true);
});

test('reversing the deck leaves the deck itself in order', async () => {
  await py.exec(`
    deck = ex.Deck()
    before = attempt(lambda: list(deck))
    attempt(lambda: list(reversed(deck)))
    after = attempt(lambda: list(deck))
    moved = before[0] == after[0] == "ok" and before[1] != after[1]
  `);
  expect(
    await py.value('moved'),
    "list(reversed(deck)) must not reorder the deck itself, but afterwards list(deck) starts " +
      `${await py.value<string>('repr(after[1][:3])')} where it started ${await py.value<string>('repr(before[1][:3])')} ` +
      'before. list.reverse() works in place; reversed(…) and [::-1] give a reversed copy and leave the list alone.',
  ).toBe(false);
});

test('the deck is read-only: assigning or deleting a card raises TypeError', async () => {
  await py.exec(`
    deck = ex.Deck()
    def assign():
        deck[0] = (14, "♠")
    def delete():
        del deck[0]
    assigned = outcome(assign)
    deleted = outcome(delete)
    after = [deck[0], len(deck)]
  `);
  for (const [name, code] of [
    ['assigned', 'deck[0] = (14, "♠")'],
    ['deleted', 'del deck[0]'],
  ]) {
    const seen = await py.value<string>(name);
    expect(
      seen.startsWith('raised TypeError'),
      `\`${code}\` should raise TypeError, as it does for a tuple or a str, but it ${seen === 'gave None' ? 'worked' : seen}. A read-only sequence ` +
        'defines no __setitem__ or __delitem__ and does not inherit them (from list or MutableSequence).',
    ).toBe(true);
  }
  expect(await py.value('after == [(2, "♠"), 52]'), 'the deck should be unchanged after those attempts').toBe(true);
});

// ---- what pyright sees ------------------------------------------------------------

const CHECK = `
  from collections.abc import Sequence
  from typing import reveal_type

  import exercise as ex

  deck = ex.Deck()
  reveal_type(deck[0])  # first-card
  reveal_type(deck[-1])  # last-card
  reveal_type(deck[1:3])  # a-slice
  card: tuple[int, str] = deck[0]  # card-as-tuple
  rank: int = deck[0][0]  # rank-is-int
  suit: str = deck[0][1]  # suit-is-str
  hand: Sequence[tuple[int, str]] = deck[1:3]  # slice-of-cards
  size: int = len(deck)  # len-is-int
  for dealt in deck:
      reveal_type(dealt)  # loop-card
  reveal_type(next(reversed(deck)))  # reversed-card
  has_ace: bool = (14, "♠") in deck  # contains
`;

function pyright() {
  return typecheck(py, CHECK);
}

const NOT_A_CARD = new Set(['Any', 'Unknown', 'object', 'Deck', 'tuple', 'list', 'Never', 'NoReturn']);
/** `tuple[int, str]`, or the name of a card type (a NamedTuple `Card`); never a union, list or Any. */
function isCardType(revealed: string | undefined): boolean {
  if (revealed === undefined) return false;
  return revealed === 'tuple[int, str]' || (/^[A-Za-z_]\w*$/.test(revealed) && !NOT_A_CARD.has(revealed));
}

test('pyright knows deck[0] and deck[-1] are one card, not a union', async () => {
  const report = snippetReport(await pyright(), CHECK);
  for (const marker of ['# first-card', '# last-card']) {
    const revealed = report.revealedAt(marker);
    const why = revealed?.includes('|')
      ? 'That is a union: with a single `int | slice` signature pyright cannot tell which one a call returns. ' +
        'Declare two @overload signatures, int -> Card and slice -> list[Card], above the implementation.'
      : 'Annotate what an int index returns with an @overload signature.';
    expect(
      isCardType(revealed),
      `pyright should see \`${report.codeAt(marker)}\` as a card, tuple[int, str], but it sees ` +
        `${revealed ?? 'no type'}. ${why}\n${report.describe()}`,
    ).toBe(true);
  }
  for (const marker of ['# card-as-tuple', '# rank-is-int', '# suit-is-str']) {
    expect(
      report.errorsAt(marker),
      `\`${report.codeAt(marker)}\` should type-check: a card is a (rank: int, suit: str) tuple.\n${report.describe()}`,
    ).toEqual([]);
  }
});

test('pyright knows deck[1:3] is a list of cards', async () => {
  const report = snippetReport(await pyright(), CHECK);
  const revealed = report.revealedAt('# a-slice');
  const inner = /^list\[(.*)\]$/.exec(revealed ?? '')?.[1];
  expect(
    isCardType(inner),
    `pyright should see \`${report.codeAt('# a-slice')}\` as list[tuple[int, str]], but it sees ${revealed ?? 'no type'}. ` +
      'Give __getitem__ an @overload for slice that returns list[Card].\n' +
      report.describe(),
  ).toBe(true);
  expect(
    report.errorsAt('# slice-of-cards'),
    `\`${report.codeAt('# slice-of-cards')}\` should type-check.\n${report.describe()}`,
  ).toEqual([]);
});

test('pyright knows what for, reversed, len and in give', async () => {
  const report = snippetReport(await pyright(), CHECK);
  for (const marker of ['# loop-card', '# reversed-card']) {
    const revealed = report.revealedAt(marker);
    expect(
      isCardType(revealed),
      `pyright should see \`${report.codeAt(marker)}\` as a card, tuple[int, str], but it sees ${revealed ?? 'no type'}. ` +
        'Annotate __iter__ as returning Iterator[Card] if you wrote one, and parameterize the base class ' +
        '(Sequence[Card], not a bare Sequence) if you inherit one.\n' +
        report.describe(),
    ).toBe(true);
  }
  for (const marker of ['# len-is-int', '# contains']) {
    expect(
      report.errorsAt(marker),
      `\`${report.codeAt(marker)}\` should type-check.\n${report.describe()}`,
    ).toEqual([]);
  }
});

test('pyright finds no type errors in the module itself', async () => {
  const report = snippetReport(await pyright(), CHECK);
  const errors = report.moduleErrors();
  expect(
    errors.map((d) => `line ${d.line}: ${d.message.replaceAll('\n', ' ')}`),
    'your file should type-check. The implementation under the @overload signatures must accept ' +
      'int | slice and may return Card | list[Card].\n' +
      report.describe(),
  ).toEqual([]);
});
