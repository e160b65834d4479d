"""A real Neo4j 5 Community server for development and tests, built from Maven Central jars.

Usage: ``python scripts/neo4j_server.py build|start|stop|status|env|cypher-shell``.

``build`` lets Maven collect the jars of ``org.neo4j:neo4j`` (the Community server, which
pulls in ``org.neo4j.app:neo4j-server``) and the Neo4j Browser into a cache directory
(``KG_NEO4J_HOME``, default ``~/.cache/kg/neo4j-<version>``). ``start`` writes a neo4j.conf
into a run directory (``KG_NEO4J_RUN_DIR``, default ``~/.cache/kg/neo4j-run``), sets the
initial password with the admin tool's main class, launches ``CommunityEntryPoint`` in the
background and waits for Bolt. ``cypher-shell [ARGS]`` runs Neo4j's own shell, built from
``org.neo4j:cypher-shell`` on Maven Central (a launcher script, ``<cache>/bin/cypher-shell``,
is written too), connected to the running server unless ARGS name an address.
Importable: :func:`build`, :func:`build_cypher_shell`, :func:`start`, :func:`stop`.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError

NEO4J_VERSION = os.environ.get("KG_NEO4J_VERSION", "5.26.30")
BROWSER_VERSION = "5.24.0"
USER = "neo4j"
DEFAULT_PASSWORD = "kg-test-password"
SERVER_MAIN = "org.neo4j.server.CommunityEntryPoint"
SHELL_MAIN = "org.neo4j.shell.Main"
ADMIN_MAIN = "org.neo4j.cli.AdminTool"
STATE_FILE = "server.json"
JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]
DEP = "<dependency><groupId>{}</groupId><artifactId>{}</artifactId><version>{}</version></dependency>"
POM = ('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>\n'
       "<groupId>kg.local</groupId><artifactId>neo4j-runtime</artifactId><version>1</version>\n"
       "<dependencies>\n{}\n{}\n</dependencies></project>\n")


class ServerError(RuntimeError):
    """The server could not be built, started or reached."""


@dataclass
class ServerInfo:
    """Connection settings and process id of a running server."""

    uri: str
    user: str
    password: str
    http_url: str | None
    pid: int | None = None
    run_dir: str | None = None


def cache_dir() -> Path:
    """Where the jars live: ``KG_NEO4J_HOME`` or ``~/.cache/kg/neo4j-<version>``."""
    return Path(os.environ.get("KG_NEO4J_HOME") or Path.home() / f".cache/kg/neo4j-{NEO4J_VERSION}")


def default_run_dir() -> Path:
    """Where the CLI keeps data, logs and the state file."""
    return Path(os.environ.get("KG_NEO4J_RUN_DIR") or Path.home() / ".cache/kg/neo4j-run")


def _collect(home: Path, lib: Path, pom: str) -> Path:
    """Let Maven copy a POM's runtime jars into ``lib`` (once; later calls return at once)."""
    marker = lib / ".complete"
    if _complete(marker):
        return lib
    if shutil.which("mvn") is None:
        raise ServerError("Maven (mvn) is not on PATH; it is needed to fetch the Neo4j jars")
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building the same cache
        if _complete(marker):
            return lib
        pom_file = lib.with_name(lib.name + ".pom.xml")
        pom_file.write_text(pom)
        staging = lib.with_name(lib.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        cmd = ["mvn", "-q", "-B", "-f", str(pom_file), "dependency:copy-dependencies",
               f"-DoutputDirectory={staging}", "-DincludeScope=runtime"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerError(f"mvn failed ({done.returncode}):\n{(done.stdout + done.stderr)[-4000:]}")
        shutil.rmtree(lib, ignore_errors=True)
        staging.rename(lib)
        marker.write_text(f"{NEO4J_VERSION} {len(list(lib.glob('*.jar')))}\n")
    return lib


def build(home: Path | None = None) -> Path:
    """Collect the server jars with Maven (once; later calls return at once); return lib dir."""
    home = home or cache_dir()
    return _collect(home, home / "lib", POM.format(
        DEP.format("org.neo4j", "neo4j", NEO4J_VERSION),  # pulls in org.neo4j.app:neo4j-server
        DEP.format("org.neo4j.client", "neo4j-browser", BROWSER_VERSION)))


def build_cypher_shell(home: Path | None = None) -> Path:
    """Collect ``org.neo4j:cypher-shell`` and its jars, write ``bin/cypher-shell``; return it.

    The launcher runs the shell's main class on those jars with the ``java``
    on PATH; it takes cypher-shell's usual arguments (``-a``, ``-u``, ``-f``, ...).
    """
    home = home or cache_dir()
    lib = _collect(home, home / "cypher-shell-lib", POM.format(
        DEP.format("org.neo4j", "cypher-shell", NEO4J_VERSION), ""))
    launcher = home / "bin" / "cypher-shell"
    launcher.parent.mkdir(parents=True, exist_ok=True)
    script = ("#!/bin/sh\n# Neo4j's cypher-shell from Maven Central (org.neo4j:cypher-shell "
              f"{NEO4J_VERSION}).\nexec java ${{JAVA_OPTS:-}} -cp {shlex.quote(str(lib))}'/*' "
              f'{SHELL_MAIN} "$@"\n')
    if not launcher.is_file() or launcher.read_text() != script:
        launcher.write_text(script)
        launcher.chmod(0o755)
    return launcher


def cypher_shell_command(info: ServerInfo | None, args: list[str]) -> list[str]:
    """The cypher-shell command line: ``args``, connected to ``info`` unless they say where."""
    cmd = [str(build_cypher_shell()), *args]
    if info is not None and not any(a in ("-a", "--address", "--uri") or
                                    a.startswith(("--address=", "--uri=")) for a in args):
        cmd[1:1] = ["-a", info.uri, "-u", info.user, "-p", info.password]
    return cmd


def _complete(marker: Path) -> bool:
    """Whether the marker exists and the lib dir still holds the jar count it recorded."""
    try:
        version, count = marker.read_text().split()
    except (OSError, ValueError):
        return False
    return version == NEO4J_VERSION and len(list(marker.parent.glob("*.jar"))) == int(count)


def _free_ports(count: int) -> list[int]:
    """Ports on 127.0.0.1 that are free right now (all held until each one is picked)."""
    socks = [socket.socket() for _ in range(count)]
    for sock in socks:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in socks]
    for sock in socks:
        sock.close()
    return ports


def _write_conf(run: Path, bolt: int, http: int) -> Path:
    """Write conf/neo4j.conf for a loopback-only, authenticated, small-memory server."""
    conf = run / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    dirs = {name: run / name for name in ("data", "logs", "run", "import", "plugins")}
    for d in dirs.values():
        d.mkdir(exist_ok=True)
    lines = [f"server.directories.{name}={path}" for name, path in dirs.items()] + [
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{bolt}",
        f"server.bolt.advertised_address=127.0.0.1:{bolt}",
        f"server.http.listen_address=127.0.0.1:{http}",
        f"server.http.advertised_address=127.0.0.1:{http}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.memory.pagecache.size={os.environ.get('KG_NEO4J_PAGECACHE', '128m')}",
        "dbms.usage_report.enabled=false",
        "db.tx_log.rotation.retention_policy=1 files",
    ]
    (conf / "neo4j.conf").write_text("\n".join(lines) + "\n")
    return conf


def log_tail(run: Path, lines: int = 40) -> str:
    """The last lines of the server's console and user logs, for error messages."""
    out = []
    for name in ("console.log", "neo4j.log"):
        path = run / "logs" / name
        if path.is_file():
            text = path.read_text(errors="replace").splitlines()[-lines:]
            out.append(f"--- {path} ---\n" + "\n".join(text))
    return "\n".join(out) or f"(no logs under {run / 'logs'})"


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a live Neo4j server (reaping it if it is our exited child)."""
    try:  # our own child: its pid cannot be reused before we reap it
        return os.waitpid(pid, os.WNOHANG)[0] != pid
    except ChildProcessError:
        pass
    try:  # started by another process: make sure the pid was not reused
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return not cmdline or SERVER_MAIN.encode() in cmdline  # empty while it is exiting


def _wait_gone(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` s for ``pid`` to exit; True if it did."""
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def read_state(run: Path) -> ServerInfo | None:
    """The state file's settings if the server it names still runs, else None."""
    path = run / STATE_FILE
    if not path.is_file():
        return None
    info = ServerInfo(**json.loads(path.read_text()))
    return info if info.pid and _alive(info.pid) else None


def _wait_for_bolt(info: ServerInfo, run: Path, timeout: float) -> None:
    """Poll Bolt with the driver until it answers; raise with the log tail on failure."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if info.pid is None or not _alive(info.pid):
            raise ServerError(f"Neo4j exited during start-up.\n{log_tail(run)}")
        try:
            with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password),
                                            connection_timeout=2) as driver:
                driver.verify_connectivity()
            return
        except AuthError as exc:
            raise ServerError(f"Neo4j refused the password (stale data dir?): {exc}") from exc
        except Exception as exc:  # not up yet: refused, reset, unavailable
            last = exc
            time.sleep(0.5)
    raise ServerError(f"Neo4j did not answer on {info.uri} within {timeout:.0f}s "
                      f"(last error: {last}).\n{log_tail(run)}")


def start(run_dir: Path | str | None = None, password: str | None = None,
          timeout: float | None = None) -> ServerInfo:
    """Start a server in ``run_dir`` (or return the one already running there)."""
    run = Path(run_dir) if run_dir else default_run_dir()
    if running := read_state(run):
        return running
    password = password or os.environ.get("KG_NEO4J_PASSWORD", DEFAULT_PASSWORD)
    timeout = timeout or float(os.environ.get("KG_NEO4J_START_TIMEOUT", "180"))
    lib = build()
    bolt, http = _free_ports(2)
    conf = _write_conf(run.resolve(), bolt, http)
    env = {**os.environ, "NEO4J_HOME": str(run.resolve()), "NEO4J_CONF": str(conf)}
    classpath = f"{lib}/*"
    if not (run / "data" / "dbms" / "auth.ini").is_file():  # only counts before first start
        done = subprocess.run(["java", "-cp", classpath, ADMIN_MAIN, "dbms",
                               "set-initial-password", password],
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerError(f"set-initial-password failed:\n{done.stdout}{done.stderr}")
    heap = os.environ.get("KG_NEO4J_HEAP", "512m")
    cmd = ["java", f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, "-cp", classpath, SERVER_MAIN,
           f"--home-dir={run.resolve()}", f"--config-dir={conf}"]
    with open(run / "logs" / "console.log", "ab") as log:
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    info = ServerInfo(uri=f"bolt://127.0.0.1:{bolt}", user=USER, password=password,
                      http_url=f"http://127.0.0.1:{http}", pid=proc.pid, run_dir=str(run))
    try:
        _wait_for_bolt(info, run, timeout)
    except BaseException:
        stop(info)
        raise
    (run / STATE_FILE).write_text(json.dumps(asdict(info), indent=2) + "\n")
    return info


def stop(info: ServerInfo | None, timeout: float = 30.0) -> bool:
    """SIGTERM the server, SIGKILL it after ``timeout`` s; True if it was running."""
    if info is None or info.pid is None or not _alive(info.pid):
        return False
    os.kill(info.pid, signal.SIGTERM)
    if not _wait_gone(info.pid, timeout):
        os.kill(info.pid, signal.SIGKILL)
        if not _wait_gone(info.pid, 10):
            raise ServerError(f"Neo4j (pid {info.pid}) survived SIGKILL")
    if info.run_dir:
        (Path(info.run_dir) / STATE_FILE).unlink(missing_ok=True)
    return True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["build", "start", "stop", "status", "env",
                                            "cypher-shell"])
    parser.add_argument("--run-dir", type=Path, default=None, help="default: KG_NEO4J_RUN_DIR")
    parser.add_argument("shell_args", nargs=argparse.REMAINDER,
                        help="cypher-shell: its arguments (after --), e.g. -- -f graph.cypher")
    args = parser.parse_args(argv)
    run = args.run_dir or default_run_dir()
    shell_args = args.shell_args[1:] if args.shell_args[:1] == ["--"] else args.shell_args
    if shell_args and args.command != "cypher-shell":
        parser.error(f"unexpected arguments: {' '.join(shell_args)}")
    try:
        if args.command == "build":
            t0 = time.monotonic()
            print(f"Neo4j {NEO4J_VERSION} jars in {build()}; cypher-shell: {build_cypher_shell()} "
                  f"({time.monotonic() - t0:.1f}s)")
        elif args.command == "cypher-shell":
            return subprocess.run(cypher_shell_command(read_state(run), shell_args)).returncode
        elif args.command == "start":
            info = start(run)
            print(f"Neo4j {NEO4J_VERSION} running (pid {info.pid}): {info.uri} "
                  f"user={info.user} password={info.password} http={info.http_url}\n"
                  f"state: {run / STATE_FILE}")
        elif args.command == "stop":
            print("stopped" if stop(read_state(run)) else "not running")
        else:
            info = read_state(run)
            if info is None:
                print(f"not running (run dir {run})", file=sys.stderr)
                return 1
            if args.command == "status":
                print(f"running (pid {info.pid}): {info.uri} http={info.http_url}")
            else:
                print(f"export NEO4J_URI={info.uri}\nexport NEO4J_USERNAME={info.user}\n"
                      f"export NEO4J_PASSWORD={shlex.quote(info.password)}")
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
