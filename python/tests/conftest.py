"""Shared set-up of the package's tests: the repository's fixture texts and the
`quotemap` command built from the same engine (QUOTEMAP_CLI, else target/debug)."""

import json
import os
import pathlib
import subprocess

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = REPOSITORY / "tests" / "fixtures"


def fixture_texts():
    """(name, text) of every article text we wrote: the quotation and entity
    fixtures, the plain-text import fixtures and the sample article."""
    paths = sorted((FIXTURES / "quotes").glob("*.txt")) + sorted((FIXTURES / "entities").glob("*.txt"))
    paths += [FIXTURES / "ingest" / "crlf-no-dateline.txt", FIXTURES / "ingest" / "iran-press-2019-01-30.txt"]
    paths.append(REPOSITORY / "crates" / "core" / "data" / "iran-press-2019-01-30.txt")
    return [(path.relative_to(REPOSITORY).as_posix(), path.read_bytes().decode("utf-8")) for path in paths]


@pytest.fixture(scope="session")
def cli_path():
    """The `quotemap` command of the same engine."""
    path = pathlib.Path(os.environ.get("QUOTEMAP_CLI", REPOSITORY / "target" / "debug" / "quotemap"))
    if not path.exists():
        pytest.fail(f"{path} is missing: build it (cargo build -p quotemap-cli) or set QUOTEMAP_CLI")
    return path


@pytest.fixture(scope="session")
def cli(cli_path):
    """Runs a JSON Lines subcommand of the `quotemap` command on records, returns its output records."""
    path = cli_path

    def run(subcommand, records, *arguments):
        lines = "".join(json.dumps(record) + "\n" for record in records)
        done = subprocess.run(
            [str(path), subcommand, *arguments], input=lines.encode(), capture_output=True, check=False
        )
        return [json.loads(line) for line in done.stdout.decode().splitlines()]

    return run


def as_json(value):
    """What a result looks like after a JSON round trip (spans: tuples become lists)."""
    return json.loads(json.dumps(value))
