#!/usr/bin/env bash
# Benchmarks: criterion on `analyze` and `parse_html` (one core), then the memory of
# `quotemap extract` over JSONL streams of 10 MB and 100 MB (should be flat).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --locked -p quotemap-core --features internals --bench analyze -- --noplot
cargo bench --locked -p quotemap-core --features internals --bench html -- --noplot
cargo build --release --locked -p quotemap-cli
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK" <<'PY'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
texts = []
eval_file = pathlib.Path("../shared/eval/polnear.dev.jsonl")
if eval_file.exists():
    texts = [json.loads(l)["text"] for l in eval_file.open()]
else:
    texts = [pathlib.Path("crates/core/data/iran-press-2019-01-30.txt").read_text()]
for mb in (10, 100):
    with (work / f"{mb}.jsonl").open("w") as out:
        size, i = 0, 0
        while size < mb * 1_000_000:
            line = json.dumps({"id": i, "text": texts[i % len(texts)]}) + "\n"
            out.write(line)
            size += len(line.encode())
            i += 1
PY
for mb in 10 100; do
  /usr/bin/time -f "extract ${mb} MB JSONL: %e s wall, max RSS %M KB" \
    target/release/quotemap extract "$WORK/$mb.jsonl" > /dev/null
done
