"""Dev tool: run `ipbench eval` on every set and write the scores the regression test guards into tests/realdocs/recorded.json.

Usage: python tools/record_eval.py  (after an improvement; commit recorded.json with the change that makes it,
and say in its "note" what changed). Held-out scores are recorded to be reported, never to tune on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ipbench.evaluate import EVAL_ROOT, evaluate, tally  # noqa: E402

RECORDED = EVAL_ROOT / "recorded.json"


def main() -> int:
    results = evaluate()
    dev = tally(results, lambda r, d: r.split_of(d) == "dev")
    held = tally(results, lambda r, d: r.split_of(d) != "dev")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    recorded.update({
        "dev_recall": round(dev.recall(), 3), "dev_precision": round(dev.precision(), 3),
        "held_out_recall": round(held.recall(), 3), "held_out_precision": round(held.precision(), 3),
        "dev_metric_right": round(dev.metric_ok / dev.metric_gold, 3),
        "dev_recall_by_set": {r.set.name: round(tally([r], lambda x, d: x.split_of(d) == "dev").recall() or 0, 3)
                              for r in results},
        "held_out_recall_by_set": {r.set.name: round(tally([r], lambda x, d: x.split_of(d) != "dev").recall() or 0, 3)
                                   for r in results},
    })
    RECORDED.write_text(json.dumps(recorded, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in recorded.items() if k != "note"}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
