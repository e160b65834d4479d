"""Extraction rules as named, validated data: one rule file per language.

``kg/extract/<lang>/data/rules.json`` holds ``{"_doc": ..., "rules": [...]}``.
Each rule has a stable dotted name (``en.invested_in.verb_in``), the relation it
reads (a name of ``kg.graph.model.RELATIONS``), a pattern, typed slots (role ->
entity type), an action from :data:`ACTIONS`, a priority, and sentences written
for the project: ``examples`` with the triples they must yield and
``counter_examples`` that must not yield the rule's relation.

A file is checked when it is loaded, like spaCy's Matcher checks its patterns:
first against ``rules.schema.json`` (unknown keys are errors), then against the
model (unique names, a known relation, slot types the relation takes, an action
that fits it). A bad file raises :class:`~kg.errors.KgError` naming the file, the
rule and the field.

A claim names the rule that read it: ``Claim.extractor == tag(ruleset, name)``,
e.g. ``kg.rules.en.v1#en.invested_in.verb_in``, so ``kg eval --by-rule`` counts
per rule, and ``kg.extract.document.disabled(name)`` switches one rule off
(rule code asks :func:`rule_enabled`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.graph.model import RELATIONS

LANGS = ("en", "ko")
SEPARATOR = "#"  # between a rule set's version and a rule's name in Claim.extractor

ACTIONS: dict[str, str] = {
    "emit": "one claim from the one subject and the one object the slots hold",
    "emit_each": "one claim per subject x object, a slot holding a coordinated list (A, B and C)",
    "emit_symmetric": "as emit_each, for a symmetric relation: the order of the two sides is not kept",
    "emit_topic": "an argument the sentence leaves out is the one the text is about "
                  "(the topic organization, the round or the decision told before)",
    "end_relation": "the claim says a relation ended (ENDED_PARTNERSHIP, DEPARTED, an ended VENDOR_TO)",
    "derive": "a fact implied by facts already read (a hire from a named employer: "
              "HIRED_FROM and DEPARTED)",
}


@dataclass(frozen=True)
class Example:
    """A sentence written for the project and the (subject, RELATION, object) triples it yields."""

    text: str
    expect: tuple[tuple[str, str, str], ...]
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class CounterExample:
    """A sentence that must not yield the rule's relation from the rule, and why."""

    text: str
    why: str
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One extraction rule of a language's rule file."""

    name: str
    relation: str
    pattern: str | Mapping[str, Any]
    slots: Mapping[str, tuple[str, ...]]
    action: str
    priority: int
    examples: tuple[Example, ...]
    counter_examples: tuple[CounterExample, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    code: str | None = None
    doc: str = ""

    @property
    def lang(self) -> str:
        return self.name.split(".", 1)[0]

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


def tag(ruleset: str, rule_name: str) -> str:
    """The extractor string of a claim a rule read: ``kg.rules.en.v1#en.invested_in.verb_in``."""
    return f"{ruleset}{SEPARATOR}{rule_name}"


def ruleset_of(extractor: str) -> str:
    """The rule set (or learned component) part of an extractor string."""
    return extractor.split(SEPARATOR, 1)[0]


def rule_of(extractor: str) -> str | None:
    """The rule's name in an extractor string (None: a learned component, no rule)."""
    _, separator, name = extractor.partition(SEPARATOR)
    return name if separator else None


def rule_enabled(name: str) -> bool:
    """False inside ``kg.extract.document.disabled(name)``: the rule must not fire."""
    return _enabled()(name)


@cache
def _enabled() -> Callable[[str], bool]:
    # imported on first use (kg.extract.document loads this module); asked per rule per sentence
    from kg.extract.document import enabled

    return enabled


def rules_path(lang: str) -> Path:
    return Path(str(resources.files(f"kg.extract.{lang}").joinpath("data/rules.json")))


@cache
def load_rules(lang: str) -> tuple[Rule, ...]:
    """The language's rules, validated, highest priority first (file order among equals)."""
    if lang not in LANGS:
        raise KgError(f"no rule file for language {lang!r}; known: {', '.join(LANGS)}")
    return parse_rules(rules_path(lang), lang)


def rule_names() -> frozenset[str]:
    """The names of every rule of every language."""
    return frozenset(r.name for lang in LANGS for r in load_rules(lang))


def find_rule(name: str) -> Rule:
    lang = name.split(".", 1)[0]
    for rule in load_rules(lang) if lang in LANGS else ():
        if rule.name == name:
            return rule
    raise KgError(f"unknown rule {name!r}")


def parse_rules(path: str | Path, lang: str) -> tuple[Rule, ...]:
    """Read and check one rule file (see the module docstring)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        raise KgError(f"{path}: no such rule file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise KgError(f"{path}: cannot read: {e}") from None
    except json.JSONDecodeError as e:
        raise KgError(f"{path}: not JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    stamp = _checked_stamp(text)
    if stamp is None or not stamp.exists():
        _check_schema(path, data)
        _remember_checked(stamp)
    rules = [_rule(r) for r in data["rules"]]
    _check_semantics(path, lang, rules)
    order = sorted(range(len(rules)), key=lambda i: (-rules[i].priority, i))
    return tuple(rules[i] for i in order)


@cache
def _schema_text() -> str:
    return resources.files("kg.extract").joinpath("rules.schema.json").read_text("utf-8")


def _checked_stamp(text: str) -> Path | None:
    """Where the cache records that a rule file of exactly this content passed the
    schema, so that every process (each worker of every ingest) does not import
    jsonschema and check the same file again: that cost 0.2 s per process. A file
    that changed in any way has another stamp and is checked. None: no cache."""
    try:
        from platformdirs import user_cache_path

        digest = hashlib.sha256(f"{_schema_text()}\0{text}".encode()).hexdigest()
        return user_cache_path("kg") / "rules-checked" / digest
    except Exception:  # no usable home or cache directory: check every time
        return None


def _remember_checked(stamp: Path | None) -> None:
    if stamp is None:
        return
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass  # a read-only cache only costs the check next time


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _check_schema(path: Path, data: Any) -> None:
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    # the error deepest in the first rule that has one: it names the field
    first = min(errors, key=lambda e: ([(0, p) if isinstance(p, int) else (1, str(p)) for p in
                                         list(e.absolute_path)[:2]], -len(e.absolute_path)))
    where = list(first.absolute_path)
    if len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
        rule = data["rules"][where[1]]
        name = rule.get("name") if isinstance(rule, dict) else None
        who = f"rule {name!r}" if isinstance(name, str) else f"rule #{where[1] + 1}"
        fields = ".".join(str(p) for p in where[2:])
        if first.validator == "additionalProperties":
            raise KgError(f"{path}: {who}: {_unknown_keys(first)}"
                          f"{' in ' + fields if fields else ''}")
        raise KgError(f"{path}: {who}: field {fields or '(the rule)'}: {_message(first)}")
    if first.validator == "additionalProperties":
        raise KgError(f"{path}: {_unknown_keys(first)}")
    field_name = ".".join(str(p) for p in where) or "(top level)"
    raise KgError(f"{path}: field {field_name}: {_message(first)}")


def _unknown_keys(error: Any) -> str:
    allowed = set(error.schema.get("properties", {}))
    unknown = sorted(set(error.instance) - allowed) if isinstance(error.instance, dict) else []
    return f"unknown field {', '.join(map(repr, unknown))}" if unknown else error.message


def _message(error: Any) -> str:
    message = error.message
    return message if len(message) <= 160 else message[:157] + "..."


def _types(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _rule(raw: dict[str, Any]) -> Rule:
    return Rule(
        name=raw["name"], relation=raw["relation"], pattern=raw["pattern"],
        slots={role: _types(t) for role, t in raw["slots"].items()},
        action=raw["action"], priority=raw["priority"],
        examples=tuple(Example(e["text"], tuple(tuple(t) for t in e["expect"]), tuple(e.get("context", ())))
                       for e in raw["examples"]),
        counter_examples=tuple(CounterExample(c["text"], c["why"], tuple(c.get("context", ())))
                               for c in raw["counter_examples"]),
        options=dict(raw.get("options", {})), code=raw.get("code"), doc=raw.get("doc", ""),
    )


def _check_semantics(path: Path, lang: str, rules: list[Rule]) -> None:
    seen: set[str] = set()
    for rule in rules:
        def bad(field_name: str, problem: str, rule: Rule = rule) -> KgError:
            return KgError(f"{path}: rule {rule.name!r}: field {field_name}: {problem}")

        if rule.name in seen:
            raise bad("name", "another rule of the file has this name")
        seen.add(rule.name)
        if rule.lang != lang:
            raise bad("name", f"a rule of the {lang!r} file must be named {lang}.<relation>.<what>")
        spec = RELATIONS.get(rule.relation)
        if spec is None:
            raise bad("relation", f"unknown relation {rule.relation!r}; known: {', '.join(RELATIONS)}")
        for role, allowed in (("subject", spec.subject_types), ("object", spec.object_types)):
            wrong = [t for t in rule.slots[role] if t not in allowed]
            if wrong:
                raise bad(f"slots.{role}", f"{rule.relation} takes {' or '.join(allowed)} as its {role}, "
                                           f"not {wrong[0]}")
        if rule.action == "emit_symmetric" and not spec.symmetric:
            raise bad("action", f"emit_symmetric is for symmetric relations; {rule.relation} is not one")
        if rule.action in ("emit", "emit_each") and spec.symmetric:
            raise bad("action", f"{rule.relation} is symmetric: use emit_symmetric")
        if rule.action == "end_relation" and rule.relation not in ("ENDED_PARTNERSHIP", "DEPARTED") \
                and "status" not in spec.qualifiers:
            raise bad("action", f"end_relation needs a relation that can end; {rule.relation} cannot")
        for where, items in (("examples", rule.examples), ("counter_examples", rule.counter_examples)):
            for i, item in enumerate(items):
                for triple in getattr(item, "expect", ()):
                    if triple[1] not in RELATIONS:
                        raise bad(f"{where}.{i}.expect", f"unknown relation {triple[1]!r}")
        if not any(t[1] == rule.relation for e in rule.examples for t in e.expect):
            raise bad("examples", f"no example expects a {rule.relation} triple")
