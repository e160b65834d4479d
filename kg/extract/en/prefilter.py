"""Words a regular expression cannot match without: a cheap test before the search.

Most English patterns cannot match most sentences, yet a failed search still
tries the pattern at every position of the sentence, and a pattern that opens
with a list of people tries the whole title list there. From the parsed pattern
we take what any match must contain: clauses of literal strings, each clause
satisfied when one of its strings occurs ("acquired" or "acquires" or
"bought"). A sentence missing a clause is skipped without a search.

The test is on the lowercased sentence against lowercased strings, so it holds
for case-insensitive parts of a pattern too; it only ever skips a search that
could not match (a pattern we cannot read gets no clauses and always runs).
"""

from __future__ import annotations

from itertools import product

try:  # the parser behind re.compile; private, so a change of Python only turns the test off
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _c = _p = None

# Case-insensitive matching pairs these letters with ASCII ones, and lowercasing
# does not make them ASCII (or makes "İ" two characters): folded before the test.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})

_MAX_STRINGS = 64  # a clause with more alternatives costs more to test than it saves
_MAX_CLAUSES = 4


def fold(text: str) -> str:
    """The text as the clauses of ``required_literals`` are tested against."""
    return text.translate(_FOLD).lower()


def required_literals(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Clauses of strings: in any text the pattern matches, each clause has a string in ``fold(text)``."""
    if _p is None:
        return ()
    try:
        parsed = _p.parse(pattern)
    except Exception:  # the caller compiles the pattern and reports its errors
        return ()
    return literals_of_parsed(parsed)


def literals_of_parsed(parsed: object) -> tuple[tuple[str, ...], ...]:
    """:func:`required_literals` of a pattern already parsed by ``re._parser.parse``
    (kg.extract.en.pattern_cache parses each pattern once, for this and for its code)."""
    if _p is None:
        return ()
    clauses = [c for c in _sequence(list(parsed)) if min(map(len, c)) >= 2]  # type: ignore[call-overload]
    clauses.sort(key=lambda c: (-min(map(len, c)), len(c)))
    return tuple(tuple(sorted(c)) for c in clauses[:_MAX_CLAUSES])


def passes(clauses: tuple[tuple[str, ...], ...], folded: str) -> bool:
    """True when every clause has a string in the folded text."""
    for clause in clauses:
        for s in clause:
            if s in folded:
                break
        else:
            return False
    return True


def _char(code: int) -> str | None:
    c = chr(code)
    if c.isascii():
        return c.lower()
    # a non-ASCII letter with case may match others under IGNORECASE: not used
    return c if c.lower() == c and c.upper() == c else None


def _minimal(strings: set[str]) -> frozenset[str]:
    # "acquire" present covers "acquires": the shorter string is the test
    kept = sorted(strings, key=len)
    out: list[str] = []
    for s in kept:
        if not any(k in s for k in out):
            out.append(s)
    return frozenset(out)


def _exact(op, av) -> set[str] | None:  # noqa: ANN001 - parser tuples
    """The strings one item matches, when they are few and known; else None."""
    if op is _c.LITERAL:
        ch = _char(av)
        return None if ch is None else {ch}
    if op is _c.IN:
        chars = set()
        for iop, iav in av:
            if iop is not _c.LITERAL:
                return None
            ch = _char(iav)
            if ch is None:
                return None
            chars.add(ch)
        return chars
    if op is _c.SUBPATTERN or op is _c.ATOMIC_GROUP:
        body = av[-1] if op is _c.SUBPATTERN else av
        return _exact_sequence(list(body))
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _exact_sequence(list(branch))
            if got is None:
                return None
            out |= got
            if len(out) > _MAX_STRINGS:
                return None
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, body = av
        if (lo, hi) == (0, 1):
            got = _exact_sequence(list(body))
            return None if got is None else got | {""}
        if lo == hi and lo <= 3:
            got = _exact_sequence(list(body))
            if got is None or len(got) ** lo > _MAX_STRINGS:
                return None
            return {"".join(p) for p in product(sorted(got), repeat=lo)}
    return None


def _exact_sequence(items: list) -> set[str] | None:
    run = {""}
    for op, av in items:
        got = _exact(op, av)
        if got is None:
            return None
        run = {a + b for a in run for b in got}
        if len(run) > _MAX_STRINGS:
            return None
    return run


def _sequence(items: list) -> list[frozenset[str]]:
    """Clauses any match of the sequence satisfies."""
    clauses: list[frozenset[str]] = []
    run = {""}

    def flush() -> None:
        nonlocal run
        if "" not in run:
            clauses.append(_minimal(run))
        run = {""}

    for op, av in items:
        got = _exact(op, av)
        if got is not None:
            grown = {a + b for a in run for b in got}
            if len(grown) <= _MAX_STRINGS:
                run = grown
                continue
            flush()
            run = set(got) if len(got) <= _MAX_STRINGS else {""}
            continue
        flush()
        clauses.extend(_required(op, av))
    flush()
    return clauses


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    if not clauses:
        return None
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)))


def _required(op, av) -> list[frozenset[str]]:  # noqa: ANN001 - parser tuples
    """Clauses any match of one item satisfies (none when it may match without any)."""
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.ASSERT:  # a lookahead or lookbehind reads text of the same string
        return _sequence(list(av[1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, _hi, body = av
        return _sequence(list(body)) if lo >= 1 else []
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            best = _best(_sequence(list(branch)))
            if best is None:
                return []
            union |= best
            if len(union) > _MAX_STRINGS:
                return []
        return [_minimal(union)]
    return []

