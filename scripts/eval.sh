#!/usr/bin/env bash
# Scores the quote engine on the DEV halves in ../shared/eval/ with the
# scorer that ships with them. Skips cleanly when the data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL_DIR:-../shared/eval}
if [ ! -f "$EVAL/score.py" ]; then
  echo "make eval: $EVAL is absent; nothing to score (skipped)"
  exit 0
fi
cargo build --release --locked -p quotemap-cli
BIN=target/release/quotemap
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for set in polnear pdnc; do
  [ -f "$EVAL/$set.dev.jsonl" ] || continue
  # As run from outside: the default leaves out nested quotes (PolNeAR annotates only the outermost).
  "$BIN" extract "$EVAL/$set.dev.jsonl" > "$OUT/$set.jsonl"
done
if [ -f "$OUT/polnear.jsonl" ]; then
  echo "== PolNeAR DEV, all attributions (--speaker-spans)"
  python3 "$EVAL/score.py" "$EVAL/polnear.dev.jsonl" "$OUT/polnear.jsonl" --speaker-spans | sed -n '1,7p'
  echo "== PolNeAR DEV, speech only (--speech --speaker-spans)"
  python3 "$EVAL/score.py" "$EVAL/polnear.dev.jsonl" "$OUT/polnear.jsonl" --speaker-spans --speech | sed -n '1,7p'
  # Two folds by document: a rule is kept only if it helps the fold it was not made on.
  echo "== PolNeAR DEV folds, direct quotes (--speaker-spans)"
  python3 scripts/eval_folds.py "$EVAL/score.py" "$EVAL/polnear.dev.jsonl" "$OUT/polnear.jsonl" polnear --speaker-spans --kind direct
  echo "== PolNeAR DEV folds, speech of every kind (--speech --speaker-spans)"
  python3 scripts/eval_folds.py "$EVAL/score.py" "$EVAL/polnear.dev.jsonl" "$OUT/polnear.jsonl" polnear --speaker-spans --speech
fi
for set in trafilatura readability; do
  if [ -f "$EVAL/html/$set.dev.jsonl" ]; then
    "$BIN" parse-html "$EVAL/html/$set.dev.jsonl" > "$OUT/html-$set.jsonl"
    echo "== HTML main text and metadata, $set pages"
    python3 "$EVAL/score_html.py" "$EVAL/html/$set.dev.jsonl" "$OUT/html-$set.jsonl" | sed -n '1,6p'
    echo "== HTML folds, $set pages"
    python3 scripts/eval_folds.py "$EVAL/score_html.py" "$EVAL/html/$set.dev.jsonl" "$OUT/html-$set.jsonl" html
  fi
done
if [ -f "$OUT/pdnc.jsonl" ]; then
  echo "== PDNC DEV (novels, direct quotes)"
  python3 "$EVAL/score.py" "$EVAL/pdnc.dev.jsonl" "$OUT/pdnc.jsonl" | sed -n '1,5p'
  # One novel at a time: judge a rule on the novel it was not made on.
  echo "== PDNC DEV, each novel on its own (direct quotes)"
  python3 scripts/eval_folds.py "$EVAL/score.py" "$EVAL/pdnc.dev.jsonl" "$OUT/pdnc.jsonl" pdnc
fi
