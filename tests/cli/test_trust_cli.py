"""Read paths that do not write or reach out, imports and exports that are all or nothing."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.graph.model import Document, Entity
from kg.graph.store import ResolvedClaim, open_store
from kg.graph.vocab import KG
from tests.graph import sample

KG_CMD = [sys.executable, "-c", "from kg.cli import cli; cli()"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store(store_dir: Path) -> Path:
    return sample.build(store_dir)


def run(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# -- kg query: read clauses only --------------------------------------------------------


def test_query_refuses_copy_load_install_and_leaves_no_file(runner: CliRunner, store: Path,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    copy = run(runner, "query", "--store", store, "COPY (MATCH (n) RETURN n.name) TO 'x.csv'")
    assert "COPY" in one_line_error(copy)
    assert not (tmp_path / "x.csv").exists()

    secret = tmp_path / "secret.csv"
    secret.write_text("name\nsecret-value\n", encoding="utf-8")
    load = run(runner, "query", "--store", store, "--format", "json",
               f"LOAD FROM '{secret}' (header=true) RETURN *")
    assert "LOAD FROM" in one_line_error(load)
    assert "secret-value" not in load.stdout

    install = run(runner, "query", "--store", store, "INSTALL httpfs")
    assert "INSTALL" in one_line_error(install)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.csv", "store"]


def test_query_refuses_writes_without_write_and_runs_them_with_it(runner: CliRunner,
                                                                  store: Path) -> None:
    update = "MATCH (o:Organization {id: $id}) SET o.description = $d"
    refused = run(runner, "query", "--store", store, update, "-p", "id=org:meta", "-p", "d=x")
    assert "--write" in one_line_error(refused)

    done = run(runner, "query", "--write", "--store", store, update, "-p", "id=org:meta",
               "-p", "d=social media")
    assert done.exit_code == 0, done.output
    read = run(runner, "query", "--store", store, "--format", "json",
               "MATCH (o:Organization {id: 'org:meta'}) RETURN o.description AS d")
    assert json.loads(read.stdout) == [{"d": "social media"}]

    still = run(runner, "query", "--write", "--store", store,
                "COPY (MATCH (n:Organization) RETURN n.id) TO 'out.csv'")
    assert "even with --write" in one_line_error(still)


def test_query_on_neo4j_is_checked_before_connecting(runner: CliRunner,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "unused")
    result = run(runner, "query", "--neo4j", "--uri", "bolt://127.0.0.1:9",
                 "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line")
    assert "LOAD CSV is not a read clause" in one_line_error(result)
    assert run(runner, "query", "--neo4j", "--write", "CREATE (n)").exit_code == 2


# -- kg sparql: local reads only ----------------------------------------------------------


class ConnectionCounter:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def test_sparql_service_makes_no_connection(runner: CliRunner, store: Path) -> None:
    server = ConnectionCounter()
    try:
        query = (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.port}/sparql> "
                 "{ ?s ?p ?o } }")
        result = run(runner, "sparql", "--store", store, query)
        time.sleep(0.3)
    finally:
        server.close()
    assert "SERVICE" in one_line_error(result)
    assert server.connections == 0


@pytest.mark.parametrize(("query", "said"), [
    ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "updates"),
    ('SELECT ?s WHERE { ?s ?p ?o FILTER REGEX(STR(?o), "(") }', "SPARQL"),
    ("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", "SPARQL"),
])
def test_sparql_refusals_and_evaluation_errors_are_one_line(runner: CliRunner, store: Path,
                                                           query: str, said: str) -> None:
    # rdflib raises on a bad regular expression and on GRAPH over its graph; the index
    # (pyoxigraph) follows SPARQL's rule that a failing FILTER is false, so both engines
    # are asked: refusals come from the shared guard, evaluation errors from rdflib
    assert said in one_line_error(run(runner, "sparql", "--store", store, "--engine", "rdflib", query))
    if said != "SPARQL":
        assert said in one_line_error(run(runner, "sparql", "--store", store, query))


# -- exports: temporary file renamed into place -------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "xml", "cypher", "graphml"])
def test_export_replaces_the_file_whole(runner: CliRunner, store: Path, tmp_path: Path,
                                        fmt: str) -> None:
    out = tmp_path / "graph.out"
    out.write_text("previous", encoding="utf-8")
    result = run(runner, "export", "--format", fmt, "--out", out, "--store", store)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100 and out.read_bytes() != b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.out", "store"]  # no temporary


def test_failed_export_leaves_the_previous_file(runner: CliRunner, store: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import ExportError
    from kg.graph import rdf

    def half_then_fail(store: object, out: object, **options: object) -> None:
        out.write(b"@prefix half: <urn:half#> .\n")  # type: ignore[attr-defined]
        raise ExportError("the exporter failed half-way")

    out = tmp_path / "graph.ttl"
    out.write_text("previous export", encoding="utf-8")
    monkeypatch.setattr(rdf, "write_turtle", half_then_fail)
    result = run(runner, "export", "--format", "turtle", "--out", out, "--store", store)
    assert "half-way" in one_line_error(result)
    assert out.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "store"]


def test_failed_directory_export_leaves_the_previous_files(runner: CliRunner, store: Path,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import ExportError
    from kg.graph import neo4j_export

    out = tmp_path / "import"
    assert run(runner, "export", "--format", "neo4j-admin", "--out", out,
               "--store", store).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def fail(store: object, directory: Path, **options: object) -> None:
        (directory / "nodes-Organization.csv").write_text("half", encoding="utf-8")
        raise ExportError("the exporter failed half-way")

    monkeypatch.setattr(neo4j_export, "write_admin_csv", fail)
    one_line_error(run(runner, "export", "--format", "neo4j-admin", "--out", out,
                       "--store", store))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# -- kg import: validated, then all or nothing --------------------------------------------


def exported(runner: CliRunner, store: Path, out: Path) -> Graph:
    assert run(runner, "export", "--format", "turtle", "--out", out, "--store", store).exit_code == 0
    return Graph().parse(out)


def an_investment(graph: Graph) -> object:
    return next(s for s in sorted(graph.subjects(ns.RDF.type, KG.Investment))
                if graph.value(s, KG.currency) is not None)


@pytest.mark.parametrize(("prop", "value"), [
    (KG.currency, Literal("usd")),
    (KG.date, Literal("June 2025")),
    (KG.amount, Literal(Decimal("-5"), datatype=ns.XSD.decimal)),
])
def test_import_refuses_values_the_shapes_forbid(runner: CliRunner, store: Path, tmp_path: Path,
                                                 prop: object, value: Literal) -> None:
    graph = exported(runner, store, tmp_path / "a.ttl")
    investment = an_investment(graph)
    graph.set((investment, prop, value))
    graph.serialize(tmp_path / "bad.ttl", format="turtle")
    result = run(runner, "import", tmp_path / "bad.ttl", "--store", tmp_path / "restored")
    assert "violation" in one_line_error(result)
    assert not (tmp_path / "restored").exists()


def test_import_counts_a_statement_without_source_as_rejected(runner: CliRunner, store: Path,
                                                              tmp_path: Path) -> None:
    graph = exported(runner, store, tmp_path / "a.ttl")
    graph.remove((an_investment(graph), ns.PROV.wasDerivedFrom, None))
    graph.serialize(tmp_path / "bad.ttl", format="turtle")
    line = one_line_error(run(runner, "import", tmp_path / "bad.ttl",
                              "--store", tmp_path / "restored"))
    assert "1 node(s) rejected" in line and "nothing imported" in line
    assert not (tmp_path / "restored").exists()


def test_import_with_a_wrong_class_subject_writes_nothing_and_can_be_rerun(
        runner: CliRunner, store: Path, tmp_path: Path) -> None:
    graph = exported(runner, store, tmp_path / "a.ttl")
    works_at = next(graph.subjects(ns.RDF.type, KG.Employment))
    person = graph.value(works_at, KG.subject)
    graph.set((works_at, KG.subject, graph.value(works_at, KG.object)))  # an organization
    graph.serialize(tmp_path / "bad.ttl", format="turtle")
    target = tmp_path / "restored"
    one_line_error(run(runner, "import", tmp_path / "bad.ttl", "--store", target))
    assert not target.exists()

    graph.set((works_at, KG.subject, person))
    graph.serialize(tmp_path / "good.ttl", format="turtle")
    result = run(runner, "import", tmp_path / "good.ttl", "--store", target)
    assert result.exit_code == 0, result.output
    assert isomorphic(exported(runner, target, tmp_path / "b.ttl"), Graph().parse(tmp_path / "a.ttl"))


def big_store(path: Path, documents: int) -> Path:
    orgs = [Entity(f"org:company-{i}", "Organization", f"Company {i}") for i in range(40)]
    with open_store(path) as store:
        for n in range(documents):
            doc = Document(id=f"{n:064x}", path=f"news/{n}.txt", text="", lang="en",
                           published=f"2025-{n % 12 + 1:02d}-01")
            a, b, c = orgs[n % 40], orgs[(n * 7 + 1) % 40], orgs[(n * 13 + 2) % 40]
            claims = [ResolvedClaim("INVESTED_IN", a, b, {"amount": float(n + 1) * 1e6,
                                                          "currency": "USD",
                                                          "date": f"2025-{n % 12 + 1:02d}"},
                                    f"{a.name} invested in {b.name} ({n}).", 0.8, "test"),
                      ResolvedClaim("PARTNERED_WITH", b, c, {}, f"{b.name} and {c.name}.", 0.7,
                                    "test")] if len({a.id, b.id, c.id}) == 3 else []
            store.write(doc, claims)
    return path


def test_import_killed_midway_then_rerun_gives_the_full_store(runner: CliRunner, tmp_path: Path) -> None:
    original = tmp_path / "big.ttl"
    exported(runner, big_store(tmp_path / "big", 120), original)
    target = tmp_path / "restored"
    proc = subprocess.Popen([*KG_CMD, "import", str(original), "--store", str(target)],
                            stderr=subprocess.PIPE)
    work = tmp_path / f".restored.import-{proc.pid}"
    deadline = time.monotonic() + 120
    while not (work / "graph.lbug").exists():
        assert proc.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not target.exists() and work.exists()  # killed while writing its own directory

    again = subprocess.run([*KG_CMD, "import", str(original), "--store", str(target)],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert isomorphic(exported(runner, target, tmp_path / "again.ttl"), Graph().parse(original))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- disk full: a file-size limit makes the engine's writes fail for real -----------------


def limited(size: int) -> object:
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


@pytest.mark.parametrize(("limit", "said"), [
    (20_000, "writing failed, the disk may be full"),
    (100_000, "checkpoint failed"),
])
def test_full_disk_is_exit_1_and_recoverable(tmp_path: Path, limit: int, said: str) -> None:
    docs = []
    for n in range(30):
        doc = tmp_path / f"d{n:02d}.txt"
        doc.write_text(f"Report number {n} about nothing in particular. " * 60, encoding="utf-8")
        docs.append(str(doc))
    store = tmp_path / "store"
    full = subprocess.run([*KG_CMD, "ingest", "--published", "2025-07-01", "--store", str(store),
                           *docs], capture_output=True, text=True, preexec_fn=limited(limit))
    assert full.returncode == 1, full.stderr
    error = full.stderr.strip().splitlines()[-1]
    assert error.startswith("Error: ") and said in error and "Traceback" not in full.stderr
    stored = sum(1 for ln in full.stderr.splitlines() if ln.startswith(str(tmp_path)))

    check = subprocess.run([*KG_CMD, "check", "--store", str(store)], capture_output=True, text=True)
    assert check.returncode == 1 and "--recover" in check.stderr
    recover = subprocess.run([*KG_CMD, "check", "--recover", "--store", str(store)],
                             capture_output=True, text=True)
    assert recover.returncode == 0, recover.stderr
    assert f"fine: {stored} documents" in recover.stderr


# -- damaged stores: one line, and nothing written into them ------------------------------


def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("Meta invested in Scale AI, the company said on Monday. " * 5, encoding="utf-8")
    return path


def garble(store: Path, text: bytes) -> None:
    """Overwrite the bytes of a stored string with bytes that are not UTF-8."""
    db = store / "graph.lbug"
    data = bytearray(db.read_bytes())
    at = data.find(text)
    assert at >= 0
    data[at:at + len(text)] = b"\xff" * len(text)
    db.write_bytes(bytes(data))


def test_check_says_a_whole_store_is_fine(runner: CliRunner, store: Path) -> None:
    result = run(runner, "check", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "fine: 4 documents, 10 entities, 18 facts" in result.stderr


@pytest.mark.parametrize("damage", ["empty file", "garbled page"])
def test_damaged_store_gives_one_line_and_is_not_written(runner: CliRunner, store: Path,
                                                         tmp_path: Path, damage: str) -> None:
    db = store / "graph.lbug"
    if damage == "empty file":
        db.write_bytes(b"")
    else:
        garble(store, b"Alexandr Wang")
    before = db.read_bytes()
    for command in (["facts"], ["show", "Meta"], ["export", "--format", "nt"],
                    ["sparql", "--name", "investments"], ["query", "MATCH (p:Person) RETURN p.name"]):
        line = one_line_error(run(runner, *command, "--store", store))
        assert "damaged" in line, (command, line)
    check = run(runner, "check", "--store", store)
    assert check.exit_code == 1
    assert "damaged" in check.stderr or "table Person" in check.stdout
    ingest = run(runner, "ingest", article(tmp_path), "--store", store)
    assert "damaged" in one_line_error(ingest)
    assert db.read_bytes() == before
