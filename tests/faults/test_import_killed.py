"""SIGKILL in the middle of a large import: the database is exactly as before, and usable.

``kieumau import`` runs as a real process writing the self-assessment values of every phường of
TP Hồ Chí Minh (≈ 300 rows × 22 criteria) in one transaction. Its progress bar is read from a
pseudo-terminal; once it reports rows being applied, the process is frozen (SIGSTOP), the open
write transaction is confirmed from outside, and the process is killed (SIGKILL).
"""

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from decimal import Decimal

import pytest

from .processes import REPO, Database, scenario

PROGRESS = re.compile(rb"(\d+)/(\d+)")
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
DEADLINE_SECONDS = 300  # only a guard against a hung process, never the signal to act


@pytest.mark.slow
def test_import_killed_midway_leaves_the_database_as_before(site_database, tmp_path):
    database, env = site_database
    prepared = json.loads(scenario(env, "large-import", str(tmp_path)))
    wards = prepared["wards"]
    command = [
        sys.executable,
        "-m",
        "kieumau",
        "import",
        "self-assessment",
        prepared["file"],
        "--round",
        "2023",
        "--province",
        prepared["province"],
        "--user",
        prepared["user"],
    ]
    before = database.rows()

    done, total, was_writing = _kill_while_applying(command, env, database, rows=wards)

    assert wards > 200
    assert total == 2 * wards  # every row read, then one change per phường applied
    assert wards < done < total
    assert was_writing
    _wait_until_rolled_back(database)
    assert database.rows() == before
    again = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"thêm mới: 0   cập nhật: {wards}   rút/xóa: 0   giữ nguyên: 0" in again.stdout
    stored = json.loads(scenario(env, "self-values"))
    assert _decimals(stored) == _decimals(prepared["expected"])


def _kill_while_applying(
    command: list[str], env: dict[str, str], database: Database, *, rows: int
) -> tuple[int, int, bool]:
    """Start the import on a pseudo-terminal (so the progress bar draws), wait until it reports
    changes being applied, freeze it, check its write transaction is open, kill it.
    Returns the last progress seen (done, total) and whether the transaction was open."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command,
        env=env | {"TERM": "xterm", "COLUMNS": "120"},
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + DEADLINE_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process ended
                break
            output += chunk
            found = PROGRESS.findall(ANSI.sub(b"", chunk))
            if not found:
                continue
            done, total = (int(number) for number in found[-1])
            # Past the reading (total = rows) into the applying, with some rows written.
            if total > rows and done > rows + rows // 10:
                process.send_signal(signal.SIGSTOP)
                writing = database.write_transaction_open()
                process.kill()
                process.wait()
                return done, total, writing
        pytest.fail(f"the import ended before it was caught applying:\n{output.decode()[-3000:]}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    raise AssertionError("unreachable")


def _wait_until_rolled_back(database: Database) -> None:
    """PostgreSQL rolls the killed client's transaction back once it notices the client is
    gone; SQLite needs no wait (an uncommitted write-ahead log is ignored by readers)."""
    deadline = time.monotonic() + 60
    while database.write_transaction_open():
        if time.monotonic() > deadline:
            pytest.fail("the killed import's transaction is still open after 60 s")
        time.sleep(0.1)


def _decimals(values: dict[str, dict[str, str | None]]) -> dict[str, dict[str, Decimal | None]]:
    return {
        code: {k: None if v is None else Decimal(v) for k, v in criteria.items()}
        for code, criteria in values.items()
    }
