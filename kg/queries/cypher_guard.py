"""Which Cypher statements ``kg query`` runs: an allowlist of clauses, read from the statement.

A read path must not write, read files or reach the network. Looking for
bad words in the text would miss spellings and refuse innocent strings
(``WHERE n.name = 'COPY'``), so the statement is tokenized the way the
engine reads it -- string literals, comments, backtick identifiers and
parameters are single tokens -- and split into clauses; the first keyword
of every clause, at every nesting level of ``{ ... }`` subqueries, must be
one of the read clauses. Anything else is refused, including clauses this
module has never heard of.

``--write`` (``allow_writes=True``) admits the clauses that change the
store's contents (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH). Nothing
admits the clauses that reach outside the store: COPY (TO and FROM files),
LOAD (FROM files, or an extension), INSTALL, ATTACH/DETACH, USE,
EXPORT/IMPORT DATABASE; nor schema changes (DROP, ALTER, CREATE ... TABLE),
because kg owns the schema. Files go through ``kg export``/``kg import``,
which check what they write and read; extensions would run native code
downloaded at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

READ_CLAUSES = frozenset({
    "MATCH", "OPTIONAL MATCH", "WHERE", "WITH", "RETURN", "UNWIND", "ORDER BY", "SKIP",
    "LIMIT", "UNION", "CALL", "YIELD", "LET", "FILTER", "FINISH",
})
WRITE_CLAUSES = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH DELETE", "REMOVE", "FOREACH",
})
# Prefixes that show or measure a plan and then run the statement that follows.
PREFIXES = frozenset({"EXPLAIN", "PROFILE"})

# Every word that can begin a clause in LadybugDB's or Neo4j's Cypher, read or not:
# inside a clause, one of these at the clause's own nesting level starts the next clause.
CLAUSE_WORDS = frozenset({
    "MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "ORDER", "SKIP", "LIMIT", "UNION",
    "CALL", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "DROP", "ALTER",
    "COPY", "LOAD", "INSTALL", "UNINSTALL", "ATTACH", "USE", "EXPORT", "IMPORT", "BEGIN",
    "COMMIT", "ROLLBACK", "CHECKPOINT", "SHOW", "FINISH", "FILTER", "LET", "INSERT", "YIELD",
    "EXPLAIN", "PROFILE",
})
# Words after which a clause word is part of the same clause, not a new one:
# `STARTS WITH`, `ENDS WITH`, `ON CREATE SET`, `ON MATCH SET`, `DETACH DELETE`, `OPTIONAL MATCH`.
_JOINERS = frozenset({"STARTS", "ENDS", "ON", "CREATE", "MATCH"})

# Procedures that only describe the database (LadybugDB's table functions and Neo4j's
# schema procedures). Anything else -- including settings (`CALL threads=4`) -- is refused.
READ_PROCEDURES = frozenset({
    "show_tables", "table_info", "show_connection", "db_version", "current_setting",
    "show_functions", "show_warnings", "show_indexes", "show_macros", "show_attached_databases",
    "show_loaded_extensions", "show_projected_graphs",
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
})

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted, string, param, number, symbol
    text: str

    @property
    def keyword(self) -> str | None:
        """The upper-cased word, or None for anything that cannot be a keyword."""
        return self.text.upper() if self.kind == "word" else None


def tokenize(cypher: str) -> list[Token]:
    """Cypher as tokens, without whitespace and comments."""
    tokens = []
    for match in _TOKEN.finditer(cypher):
        kind = match.lastgroup or "symbol"
        text = match.group()
        if kind in ("space", "comment"):
            continue
        if kind in ("string", "quoted") and (len(text) < 2 or text[-1] != text[0]):
            raise QueryError(f"unterminated {'string' if kind == 'string' else 'identifier'}: "
                             f"{text[:30]}")
        if kind == "comment" and text.startswith("/*") and not text.endswith("*/"):
            raise QueryError("unterminated /* comment")
        tokens.append(Token(kind, text))
    return tokens


_OPEN = {"(": ")", "[": "]", "{": "}"}


class _Checker:
    def __init__(self, tokens: list[Token], allow_writes: bool) -> None:
        self.tokens = tokens
        self.allow_writes = allow_writes

    def refuse(self, clause: str) -> QueryError:
        hint = ""
        if clause in WRITE_CLAUSES:
            hint = "; pass --write to change the store on purpose"
        elif clause in ("INSTALL", "LOAD EXTENSION", "UNINSTALL"):
            hint = "; kg never installs or loads engine extensions"
        elif clause.split()[0] in {"COPY", "LOAD", "ATTACH", "EXPORT", "IMPORT"}:
            hint = "; use `kg export` / `kg import` for files"
        elif clause.split()[0] not in CLAUSE_WORDS:
            hint = " (a name that is also a keyword goes in backticks)"
        if self.allow_writes:
            return QueryError(f"{clause} is not allowed, even with --write: kg query changes "
                              f"only the store's data, never files, extensions or the schema{hint}")
        return QueryError(f"{clause} is not a read clause: kg query runs MATCH ... RETURN "
                          f"queries{hint}")

    def statements(self, start: int, end: int) -> int:
        """Check tokens[start:end]: statements separated by `;`; returns how many there are."""
        begin = start
        count = 0
        i = start
        while i < end:
            text = self.tokens[i].text
            if self.tokens[i].kind == "symbol" and text in _OPEN:
                i = self.skip_group(i, end)
                continue
            if self.tokens[i].kind == "symbol" and text == ";":
                self.clauses(begin, i)
                count += i > begin
                begin = i + 1
            i += 1
        self.clauses(begin, end)
        return count + (end > begin)

    def skip_group(self, i: int, end: int) -> int:
        """Index after the bracket group opening at ``i``; subqueries inside are checked."""
        closing = _OPEN[self.tokens[i].text]
        j = i + 1
        while j < end:
            token = self.tokens[j]
            if token.kind == "symbol" and token.text in _OPEN:
                j = self.skip_group(j, end)
                continue
            if token.kind == "symbol" and token.text in ")]}":
                if token.text != closing:
                    raise QueryError(f"unbalanced brackets: {token.text!r} closes {self.tokens[i].text!r}")
                self.group(i, j)
                return j + 1
            j += 1
        raise QueryError(f"unbalanced brackets: {self.tokens[i].text!r} is never closed")

    def group(self, i: int, j: int) -> None:
        """A bracket group tokens[i..j]: a `{ ... }` that starts with a clause is a subquery."""
        inner = self.tokens[i + 1] if i + 1 < j else None
        is_map_key = i + 2 < j and self.tokens[i + 2].text == ":"
        if (inner is not None and inner.keyword in CLAUSE_WORDS and not is_map_key
                and self.tokens[i].text in "{("):
            self.statements(i + 1, j)

    def clause_name(self, i: int, end: int) -> tuple[str, int]:
        word = self.tokens[i].keyword
        nxt = self.tokens[i + 1].keyword if i + 1 < end else None
        if word in ("OPTIONAL", "ORDER", "DETACH") and nxt is not None:
            return f"{word} {nxt}", i + 2
        if word == "UNION" and nxt == "ALL":
            return "UNION", i + 2
        if word in ("CREATE", "DROP", "ALTER") and nxt in ("NODE", "REL", "RDFGRAPH", "TABLE",
                                                          "MACRO", "SEQUENCE", "GRAPH", "TYPE",
                                                          "INDEX", "CONSTRAINT", "DATABASE"):
            return f"{word} {nxt}", i + 2
        if word == "LOAD" and nxt in ("EXTENSION", "FROM", "CSV"):
            return f"LOAD {nxt}", i + 2
        if word == "COPY" and nxt == "(":
            return "COPY ... TO", i + 1
        return word or self.tokens[i].text, i + 1

    def clauses(self, start: int, end: int) -> None:
        """Check one statement, tokens[start:end]."""
        i = start
        while i < end and self.tokens[i].keyword in PREFIXES:
            i += 1
        if i >= end:
            if i > start:
                raise QueryError("nothing to run after EXPLAIN/PROFILE")
            return
        while i < end:
            token = self.tokens[i]
            if token.keyword is None:
                raise QueryError(f"{token.text!r} cannot begin a clause; a query starts with MATCH")
            name, i = self.clause_name(i, end)
            allowed = READ_CLAUSES | (WRITE_CLAUSES if self.allow_writes else frozenset())
            if name not in allowed:
                raise self.refuse(name)
            if name == "CALL":
                i = self.call(i, end)
            i = self.clause_body(i, end)

    def call(self, i: int, end: int) -> int:
        """After CALL: a `{ subquery }` or a known read-only procedure."""
        if i < end and self.tokens[i].text in "({" and self.tokens[i].kind == "symbol":
            # CALL { ... } or Neo4j's CALL (vars) { ... }: the body is checked like any query.
            return i
        parts = []
        while i < end and self.tokens[i].kind == "word":
            parts.append(self.tokens[i].text.lower())
            if i + 1 < end and self.tokens[i + 1].text == ".":
                i += 2
                continue
            i += 1
            break
        name = ".".join(parts)
        if not parts or i >= end or self.tokens[i].text != "(":
            raise QueryError(f"CALL {name}: not a procedure call; kg query calls only "
                             "read-only procedures")
        if name not in READ_PROCEDURES:
            raise QueryError(f"CALL {name}: not a known read-only procedure; allowed: "
                             + ", ".join(sorted(READ_PROCEDURES)))
        return i

    def clause_body(self, i: int, end: int) -> int:
        """Index of the next clause at this level (subqueries inside are checked)."""
        previous: Token | None = None
        while i < end:
            token = self.tokens[i]
            if token.kind == "symbol" and token.text in _OPEN:
                i = self.skip_group(i, end)
                previous = token
                continue
            if token.kind == "symbol" and token.text == ";":
                return end  # statements() splits on `;` before calling us
            if token.kind == "symbol" and token.text in ")]}":
                raise QueryError(f"unbalanced brackets: {token.text!r} closes nothing")
            after_name = previous is not None and previous.text in (".", ":", "$")
            joined = previous is not None and previous.keyword in _JOINERS
            if token.keyword in CLAUSE_WORDS and not after_name and not joined:
                return i
            previous = token
            i += 1
        return i


def check_cypher(cypher: str, *, allow_writes: bool = False) -> None:
    """Raise QueryError unless every clause of ``cypher`` is allowed.

    Read clauses always; the store-changing clauses only with ``allow_writes``;
    file, network, extension and schema clauses never.
    """
    tokens = tokenize(cypher)
    if not tokens:
        raise QueryError("the query is empty")
    if _Checker(tokens, allow_writes).statements(0, len(tokens)) > 1:
        raise QueryError("one statement at a time: kg query prints the rows of one query")
