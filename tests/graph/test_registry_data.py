"""Sanity checks for the entity registry data file (kg/graph/data/entities.jsonl).

Deliberately stdlib-only so it runs before (and independently of) the loader.
"""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "kg" / "graph" / "data" / "entities.jsonl"

KINDS = {
    "ai-lab", "bigtech", "data-vendor", "chipmaker", "investor", "cloud", "korean-ai",
    "korean-corp", "startup", "university", "government", "unit", "media", "person",
}
ID_RE = re.compile(r"^(org|person):[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[0-9]+$")
REQUIRED = {"id", "type", "name", "en", "ko", "wikidata", "parent", "kind"}


def fold(alias: str) -> str:
    """Case-, space- and punctuation-insensitive key for alias comparison."""
    text = unicodedata.normalize("NFKC", alias).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _raw_lines():
    return DATA.read_text(encoding="utf-8").splitlines()


def _entities():
    return [json.loads(line) for line in _raw_lines()]


def test_file_exists_and_lines_are_json_objects():
    lines = _raw_lines()
    assert lines, "registry is empty"
    for n, line in enumerate(lines, 1):
        assert line.strip(), f"line {n}: blank line"
        assert line == line.rstrip(), f"line {n}: trailing whitespace"
        obj = json.loads(line)
        assert isinstance(obj, dict), f"line {n}: not a JSON object"


def test_required_fields_and_types():
    for e in _entities():
        missing = REQUIRED - e.keys()
        assert not missing, f"{e.get('id')}: missing {sorted(missing)}"
        assert isinstance(e["name"], str) and e["name"].strip(), e["id"]
        for key in ("en", "ko"):
            assert isinstance(e[key], list), f"{e['id']}: {key} must be a list"
            assert all(isinstance(a, str) and a.strip() for a in e[key]), f"{e['id']}: bad {key}"
        if "weak" in e:
            assert isinstance(e["weak"], list) and all(isinstance(a, str) and a for a in e["weak"])
        assert e["kind"] in KINDS, f"{e['id']}: unknown kind {e['kind']!r}"
        if "products" in e:  # optional: well-known products, for "the ChatGPT maker"
            assert e["type"] == "Organization", e["id"]
            assert isinstance(e["products"], list) and all(isinstance(p, str) and p for p in e["products"])


def test_ids_unique_and_match_type():
    ents = _entities()
    counts = Counter(e["id"] for e in ents)
    dupes = [i for i, c in counts.items() if c > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    for e in ents:
        assert ID_RE.match(e["id"]), f"bad id {e['id']!r}"
        prefix = e["id"].split(":", 1)[0]
        if e["type"] == "Organization":
            assert prefix == "org", e["id"]
            assert e["kind"] != "person", e["id"]
        elif e["type"] == "Person":
            assert prefix == "person", e["id"]
            assert e["kind"] == "person", e["id"]
            assert e["parent"] is None, e["id"]
        else:
            pytest.fail(f"{e['id']}: unknown type {e['type']!r}")


def test_parents_and_affiliations_exist():
    ents = _entities()
    ids = {e["id"] for e in ents}
    by_id = {e["id"]: e for e in ents}
    for e in ents:
        p = e["parent"]
        if p is not None:
            assert p in ids, f"{e['id']}: parent {p} not in registry"
            assert p.startswith("org:") and p != e["id"], e["id"]
        if e["type"] == "Person" and e.get("org") is not None:
            assert e["org"] in ids and e["org"].startswith("org:"), f"{e['id']}: org {e['org']}"
    # no parent cycles
    for e in ents:
        seen, cur = set(), e["id"]
        while cur is not None:
            assert cur not in seen, f"parent cycle through {cur}"
            seen.add(cur)
            cur = by_id[cur]["parent"]


def test_specific_parents():
    by_id = {e["id"]: e for e in _entities()}
    assert by_id["org:google"]["parent"] == "org:alphabet"
    assert by_id["org:google-deepmind"]["parent"] == "org:google"
    assert by_id["org:aws"]["parent"] == "org:amazon"
    assert by_id["org:meta-superintelligence-labs"]["parent"] == "org:meta"
    assert by_id["org:fair"]["parent"] == "org:meta"


def test_news_outlets_are_kept_apart_from_their_owners():
    """An outlet is never a party to a fact (kind media), so its owner, a company that buys
    and sells, must not be filed as one of its names: 'Thomson Reuters acquired Casetext'."""
    entities = _entities()
    media_forms = {fold(f) for e in entities if e["kind"] == "media" for f in (e["name"], *e["en"], *e["ko"])}
    assert fold("Thomson Reuters") not in media_forms
    by_id = {e["id"]: e for e in entities}
    assert by_id["org:reuters"]["parent"] == "org:thomson-reuters"
    assert by_id["org:thomson-reuters"]["kind"] != "media"


def test_no_alias_shared_between_entities():
    owner = {}
    clashes = []
    for e in _entities():
        forms = {e["name"], *e["en"], *e["ko"], *e.get("weak", [])}
        for form in {fold(a) for a in forms}:
            assert form, f"{e['id']}: alias folds to empty string"
            if form in owner and owner[form] != e["id"]:
                clashes.append((form, owner[form], e["id"]))
            owner.setdefault(form, e["id"])
    assert not clashes, f"aliases shared between entities: {clashes}"


def test_wikidata_ids_well_formed_and_unique():
    qids = []
    for e in _entities():
        q = e["wikidata"]
        assert q is None or (isinstance(q, str) and QID_RE.match(q)), f"{e['id']}: bad wikidata {q!r}"
        if q:
            qids.append(q)
    dupes = [q for q, c in Counter(qids).items() if c > 1]
    assert not dupes, f"wikidata ids used twice: {dupes}"


def test_coverage_counts():
    ents = _entities()
    orgs = [e for e in ents if e["type"] == "Organization" and e["kind"] != "media"]
    media = [e for e in ents if e["kind"] == "media"]
    people = [e for e in ents if e["type"] == "Person"]
    assert len(orgs) >= 150, len(orgs)
    assert len(people) >= 60, len(people)
    assert len(media) >= 40, len(media)
