#!/usr/bin/env bash
# Runs each cargo-fuzz target for a set time from a seed corpus of our fixtures;
# prints one line of figures per target (executions, coverage, findings) for
# RELIABILITY.md. Usage: scripts/fuzz.sh SECONDS TARGET...
# FUZZ_SANITIZER=none builds without AddressSanitizer (about twice the executions
# on this machine; panics, timeouts and memory limits are still caught).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1
shift
seed_for() {
  case $1 in
    read_plain_text) echo "txt text" ;;
    read_html | parse_html) echo "html htm" ;;
    read_markdown) echo "md" ;;
    read_eml) echo "eml" ;;
    read_docx) echo "docx" ;;
    read_pdf) echo "pdf" ;;
    read_csv) echo "csv" ;;
    read_json) echo "json" ;;
    read_jsonl) echo "jsonl" ;;
    analyze) echo "txt" ;;
  esac
}
mkdir -p target/fuzz-logs
for target in "$@"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  # Seeds: every fixture of the target's format (the corpus grows from them and is kept).
  for ext in $(seed_for "$target"); do
    find tests/fixtures -type f -name "*.$ext" -exec cp -n {} "$corpus/" \;
  done
  log=target/fuzz-logs/$target.log
  status=0
  cargo +nightly fuzz run --sanitizer "${FUZZ_SANITIZER:-address}" "$target" "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  findings=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)
  echo "$target: ${runs} runs in ${seconds} s, coverage ${cov} edges, ${findings} finding(s), exit ${status}"
done
