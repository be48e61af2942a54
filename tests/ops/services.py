"""PostgreSQL and Redis from Debian's packages, started on loopback for a test and stopped after it.

The servers are installed by `make services` (which `make test` runs first), never by a test.
"""

from __future__ import annotations

import glob
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from devtools.servers import free_port


def _missing(what: str) -> None:
    """Servers are installed by `make services` (make test does it first), never by a test."""
    pytest.fail(f"{what} is not installed: run `make services` (apt-get install postgresql redis-server)")


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        _missing("PostgreSQL")
    return Path(found[-1]).parent


def _wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


@contextmanager
def postgres() -> Iterator[dict]:
    """A throwaway PostgreSQL cluster owned by the `postgres` user; yields connection settings."""
    bin_dir = _postgres_bin()
    tmp = Path(tempfile.mkdtemp(prefix="pg-"))  # not under pytest's 0700 folders: postgres must reach it
    data = tmp / "pgdata"
    data.mkdir()
    shutil.chown(tmp, "postgres")
    shutil.chown(data, "postgres")
    run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*run_as, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"], check=True, capture_output=True
    )
    port = free_port()
    log = tmp / "postgres.log"
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-w",
            "start",
            "-o",
            f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    try:
        import psycopg2

        def ready() -> bool:
            try:
                psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres").close()
                return True
            except psycopg2.OperationalError:
                return False

        _wait_for(ready, "PostgreSQL")
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        conn.autocommit = True
        conn.cursor().execute("create database rasa")
        conn.close()
        yield {
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": str(port),
            "POSTGRES_DB": "rasa",
            "POSTGRES_USER": "postgres",
            "POSTGRES_PASSWORD": "unused",
        }
    finally:
        subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def redis(tmp: Path) -> Iterator[dict]:
    """A throwaway Redis that wants a password, as in production; yields the settings the endpoints file reads."""
    binary = shutil.which("redis-server")
    if binary is None:
        _missing("Redis")
    port = free_port()
    password = secrets.token_urlsafe(24)
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
            "--requirepass",
            password,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis as redis_client

        def ready() -> bool:
            try:
                return redis_client.Redis(host="127.0.0.1", port=port, password=password).ping()
            except redis_client.ConnectionError:
                return False

        _wait_for(ready, "Redis")
        assert not _answers_without_password(redis_client, port), "Redis must want a password"
        yield {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(port), "REDIS_PASSWORD": password}
    finally:
        process.terminate()
        process.wait(timeout=20)


def _answers_without_password(redis_client, port: int) -> bool:
    try:
        return redis_client.Redis(host="127.0.0.1", port=port).ping()
    except redis_client.AuthenticationError:
        return False
