#!/usr/bin/env python3
"""Hostile inputs, timed (`make bench-hostile`): texts and pages built to make
a parser or the analysis slow, each run through the CLI (`extract` for texts,
`parse-html` for pages) under `timeout`, wall time and peak memory from
/usr/bin/time. Each case must finish (linear) or be refused with a reason.
Prints one line per case; the figures go to RELIABILITY.md.

Usage: bench_hostile.py [--quotemap PATH] [--timeout S]
"""

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "The minister said on Tuesday that the budget would pass, according to officials in the capital. "

TEXTS = {
    "100,000 nested quotation marks": "\u201ca " * 100_000 + "x" + "\u201d" * 100_000,
    "100,000 opening marks alone": "\u201c" * 100_000,
    "200,000 alternating marks and words": '" word ' * 200_000,
    "100,000 nested double and single marks": "\u201ca \u2018b " * 50_000 + "\u2019 b\u201d a" * 50_000,
    "one 10 MB paragraph": SENTENCE * (10_000_000 // len(SENTENCE)),
    "10 MB of ordinary paragraphs": (SENTENCE * 5 + "\n\n") * (10_000_000 // (len(SENTENCE) * 5 + 2)),
}
PAGES = {
    "100,000 nested <div>s": "<html><body>" + "<div>" * 100_000 + "text" + "</div>" * 100_000 + "</body></html>",
    "100,000 unclosed <div>s": "<html><body>" + "<div>x" * 100_000 + "</body></html>",
    "999 levels, then 100,000 elements": "<html><body>" + "<div>" * 999 + "<span>x</span> " * 100_000 + "</body></html>",
    "100,000 paragraphs": "<html><body>" + "<p>Some paragraph text here, and more.</p>" * 100_000 + "</body></html>",
    "a 20 MB one-line page": "<html><body><p>" + "word " * 4_000_000 + "</p></body></html>",
}


def run(quotemap: Path, command: str, line: dict, timeout: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.write(json.dumps(line) + "\n")
        path = handle.name
    timed = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", "timeout", str(timeout), str(quotemap), command, path],
        capture_output=True,
        text=True,
    )
    Path(path).unlink()
    seconds, kilobytes = timed.stderr.strip().splitlines()[-1].split()[-2:]
    if timed.returncode == 124:
        return f"did not finish in {timeout} s"
    answer = json.loads(timed.stdout.splitlines()[0]) if timed.stdout.strip() else {}
    outcome = f"refused: {answer['error']}" if "error" in answer else (
        f"{len(answer.get('quotes', []))} quotations" if command == "extract" else f"{len(answer.get('text', ''))} characters of text")
    return f"{float(seconds):.2f} s, {int(kilobytes) // 1024} MB; {outcome}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quotemap", type=Path, default=ROOT / "target" / "release" / "quotemap")
    parser.add_argument("--timeout", type=int, default=120)
    args = parser.parse_args()
    for name, text in TEXTS.items():
        print(f"extract, {name} ({len(text.encode()) / 1e6:.1f} MB): {run(args.quotemap, 'extract', {'id': 1, 'text': text}, args.timeout)}", flush=True)
    for name, page in PAGES.items():
        print(f"parse-html, {name} ({len(page.encode()) / 1e6:.1f} MB): {run(args.quotemap, 'parse-html', {'id': 1, 'html': page}, args.timeout)}", flush=True)


if __name__ == "__main__":
    main()
