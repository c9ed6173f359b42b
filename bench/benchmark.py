"""Time the counter's hot paths on a generated big shop (see bench/README.md).

    python bench/benchmark.py --db bench/data/big.sqlite

Prints p50/p99 in milliseconds of: card-scan lookup (member, balance, tier, expiring
points), sale posting including its commit, and name/phone search; each beside a
bare sqlite3 primary-key SELECT timed on the same file in the same run, so that the
figures can be compared across machines as ratios. Sales are really posted: the file
gains a few thousand entries per run (regenerate it for a pristine copy).
"""

import argparse
import json
import math
import random
import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import FIRST_NAMES, SURNAMES, card_for  # noqa: E402

from loyalty.common.clock import FixedClock  # noqa: E402
from loyalty.common.text import fold  # noqa: E402
from loyalty.ledger.lookup import lookup_card  # noqa: E402
from loyalty.ledger.sales import post_sale  # noqa: E402
from loyalty.people.members import search_members  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402

TARGETS_MS = {"lookup": 5.0, "sale": 25.0, "search": 50.0}
WARM_UP = 100


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def timed(operation, arguments: list) -> dict:
    """p50/p99 in ms of operation(argument) over the arguments, after a warm-up."""
    for argument in arguments[:WARM_UP]:
        operation(argument)
    samples = []
    for argument in arguments:
        started = time.perf_counter_ns()
        operation(argument)
        samples.append((time.perf_counter_ns() - started) / 1e6)
    samples.sort()
    return {"n": len(samples), "p50": percentile(samples, 0.50), "p99": percentile(samples, 0.99),
            "max": samples[-1]}


def search_texts(rng: random.Random, count: int) -> list[str]:
    """What a cashier types: a first name and the start of a surname, a surname, a phone start."""
    texts = []
    for _ in range(count):
        shape = rng.random()
        first, surname = fold(rng.choice(FIRST_NAMES)), fold(rng.choice(SURNAMES))
        if shape < 0.4:
            texts.append(f"{first} {surname[:rng.randint(2, len(surname))]}")
        elif shape < 0.7:
            texts.append(surname[:rng.randint(3, len(surname))])
        elif shape < 0.85:
            texts.append(first[:rng.randint(2, len(first))])
        else:
            texts.append(f"6{rng.randrange(10**4):04d}")
    return texts


def run(db_path: Path, samples: int, seed: int) -> dict:
    meta = json.loads(Path(f"{db_path}.json").read_text())
    rng = random.Random(seed)
    clock = FixedClock(datetime.fromisoformat(meta["end"]).replace(hour=10, tzinfo=timezone.utc))
    ctx = open_shop(db_path, clock, staff_id="bench")
    bare = sqlite3.connect(db_path)
    member_ids = [rng.randint(3, meta["members"]) for _ in range(samples)]

    results = {"bare_pk_select": timed(
        lambda member_id: bare.execute("SELECT * FROM members WHERE id = ?", [member_id]).fetchone(), member_ids)}
    results["lookup"] = timed(lambda card: lookup_card(ctx, card), [card_for(i) for i in member_ids])
    results["lookup_10_entries"] = timed(lambda card: lookup_card(ctx, card), [meta["light_card"]] * samples)
    results["lookup_10000_entries"] = timed(lambda card: lookup_card(ctx, card), [meta["heavy_card"]] * samples)

    def sale(card: str) -> None:
        clock.advance(seconds=7)
        post_sale(ctx, card, rng.randint(100, 20_000))

    sale_cards = [card_for(rng.randint(3, meta["members"])) for _ in range(samples)]
    results["sale"] = timed(sale, sale_cards)
    results["sale_10000_entries"] = timed(sale, [meta["heavy_card"]] * min(samples, 500))
    results["search"] = timed(lambda text: search_members(ctx, text), search_texts(rng, samples))
    return {"db": str(db_path), "meta": meta, "samples": samples, "results": results}


def report(outcome: dict) -> str:
    base = outcome["results"]["bare_pk_select"]
    meta = outcome["meta"]
    lines = [
        f"{meta['members']:,} members, {meta['entries']:,} entries, {meta['file_bytes'] / 1e9:.1f} GB; "
        f"{outcome['samples']:,} samples per operation after {WARM_UP} warm-up",
        "",
        "| operation | p50 ms | p99 ms | p50 × bare | p99 × bare | target p99 |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, figures in outcome["results"].items():
        target = TARGETS_MS.get(name.split("_")[0]) if name != "bare_pk_select" else None
        verdict = f"≤ {target:g} ms {'✓' if figures['p99'] <= target else '✗'}" if target else ""
        lines.append(f"| {name} | {figures['p50']:.3f} | {figures['p99']:.3f} | "
                     f"{figures['p50'] / base['p50']:.0f} | {figures['p99'] / base['p99']:.0f} | {verdict} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark the counter's hot paths.")
    parser.add_argument("--db", default="bench/data/big.sqlite")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    outcome = run(Path(args.db), args.samples, args.seed)
    Path(f"{args.db}.results.json").write_text(json.dumps(outcome, indent=2))
    print(report(outcome))


if __name__ == "__main__":
    main()
