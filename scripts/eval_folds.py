#!/usr/bin/env python3
"""Cross-validation folds of the DEV halves (`make eval`; issue 14).

A rule is kept only if it helps the fold it was not made on, so `make eval`
reports each fold apart: PolNeAR and the web pages in two folds by document (a hash of the
id, independent of the DEV/HELDOUT split's), PDNC one novel at a time (leave one
novel out: a rule tuned on the other eleven is judged on the twelfth). The
scorers are the ones shipped with the data (`score.py --json`,
`score_html.py --json`), run on each fold's documents.

usage: eval_folds.py SCORER GOLD PRED polnear|pdnc|html [score.py flags...]
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile


def fold_of(doc_id):
    """0 or 1: the second 8 hex digits of the id's SHA-1 (the split uses the first 8)."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[8:16], 16) % 2


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(score_py, gold, pred, flags):
    with tempfile.TemporaryDirectory() as folder:
        g, p = os.path.join(folder, "gold.jsonl"), os.path.join(folder, "pred.jsonl")
        for path, rows in ((g, gold), (p, pred)):
            with open(path, "w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        out = subprocess.run(
            [sys.executable, score_py, g, p, "--json", *flags], capture_output=True, text=True, check=True
        ).stdout
    return json.loads(out)


def line(name, views, kind):
    v = views[kind]
    return (
        f"| {name} | {v['gold']} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} "
        f"| {v['speaker_accuracy']:.3f} |"
    )


def main():
    score_py, gold_path, pred_path, dataset, *flags = sys.argv[1:]
    gold = read(gold_path)
    pred = {row["id"]: row for row in read(pred_path)}
    if dataset == "html":
        print("| fold | pages | main-text P | R | F1 | title exact | date exact |")
        print("|---|---|---|---|---|---|---|")
        for k in (0, 1):
            docs = [g for g in gold if fold_of(g["id"]) == k]
            result = score(score_py, docs, [pred.get(d["id"], {"id": d["id"]}) for d in docs], flags)
            text, meta = result["text"], result["metadata"]
            print(
                f"| fold {k} | {result['pages']} | {text['precision']:.3f} | {text['recall']:.3f} "
                f"| {text['f1']:.3f} | {meta['title']['exact_acc']:.3f} | {meta['published']['exact_acc']:.3f} |"
            )
        return
    if dataset == "pdnc":
        kind = "direct"
    elif "--kind" in flags:
        kind = flags[flags.index("--kind") + 1]
    else:
        kind = "all"
    if dataset == "pdnc":
        groups = [(g["id"].split(":", 1)[1], [g]) for g in gold]
    else:
        groups = [
            (f"fold {k}", [g for g in gold if fold_of(g["id"]) == k]) for k in (0, 1)
        ]
    print("| fold | gold quotes | P | R | F1 | speaker accuracy |")
    print("|---|---|---|---|---|---|")
    rows = []
    for name, docs in groups:
        views = score(score_py, docs, [pred.get(d["id"], {"id": d["id"], "quotes": []}) for d in docs], flags)["views"]
        rows.append(views[kind])
        print(line(name, views, kind))
    if dataset == "pdnc":
        # The spread across left-out novels is what generalising is about.
        accuracies = sorted(r["speaker_accuracy"] for r in rows)
        print(
            f"speaker accuracy over {len(rows)} left-out novels: min {accuracies[0]:.3f}, "
            f"median {accuracies[len(accuracies) // 2]:.3f}, max {accuracies[-1]:.3f}"
        )


if __name__ == "__main__":
    main()
