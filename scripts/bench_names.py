"""How well transliteration finds registry entities from their Korean renderings.

Every Hangul alias in the registry is looked up as if the registry did not
know it: matched against the Latin names of all entities of its type with
the resolver's threshold and margin. Prints how many found their own entity,
how many found another (false matches) and how many found none, and lists
the false matches.

    python scripts/bench_names.py [--verbose]
"""

from __future__ import annotations

import sys
import time

from kg.graph.names import best_match, has_hangul
from kg.graph.registry import default_registry


def main(verbose: bool = False) -> None:
    registry = default_registry()
    media = {e.id for e in registry if registry.is_media(e)}
    right = wrong = missed = 0
    wrong_pairs: list[str] = []
    missed_names: list[str] = []
    start = time.perf_counter()
    for entity_type in ("Organization", "Person"):
        entities = [e for e in registry if e.type == entity_type and e.id not in media]
        candidates = [(e.id, [n for n in (e.name, *e.aliases) if not has_hangul(n)]) for e in entities]
        for entity in entities:
            for alias in entity.aliases:
                if not has_hangul(alias):
                    continue
                match = best_match(alias, candidates, person=entity_type == "Person")
                if match is None:
                    missed += 1
                    missed_names.append(f"{alias} ({entity.name})")
                elif match.key == entity.id:
                    right += 1
                else:
                    wrong += 1
                    wrong_pairs.append(f"{alias} ({entity.name}) -> {match.key} via {match.matched} "
                                       f"{match.score:.2f}")
    total = right + wrong + missed
    elapsed = time.perf_counter() - start
    print(f"hangul aliases: {total}")
    print(f"found their entity: {right} ({right / total:.1%})")
    print(f"found another entity: {wrong} ({wrong / total:.1%})")
    print(f"found none: {missed} ({missed / total:.1%})")
    print(f"time: {elapsed:.2f}s ({elapsed / total * 1000:.1f} ms per name)")
    for line in wrong_pairs:
        print(f"  wrong: {line}")
    if verbose:
        for line in missed_names:
            print(f"  none: {line}")


if __name__ == "__main__":
    main("--verbose" in sys.argv[1:])
