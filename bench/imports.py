"""Time importing 100,000 members, then 100,000 sales of theirs, from CSV files as shops have
them (target: ≤ 30 s each), checking and writing apart.

    python bench/imports.py [--rows 100000] [--sales 100000]
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import FIRST_NAMES, SURNAMES  # noqa: E402

from loyalty.exchange import members_import, sales_import  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sales", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as temporary:   # each run's 200 MB shop is removed after it
        run(Path(temporary), rng, args)


def run(folder: Path, rng: random.Random, args) -> None:
    csv_path = folder / "socios.csv"
    lines = ["Código;Nombre;Teléfono;Correo;Fecha de nacimiento;Fecha de alta;Puntos;Acepta publicidad"]
    for n in range(args.rows):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        lines.append(f"C-{n};{first} {last};6{n:08d};c{n}@example.es;{rng.randint(1, 28):02d}/"
                     f"{rng.randint(1, 12):02d}/{rng.randint(1940, 2005)};{rng.randint(1, 28):02d}/"
                     f"{rng.randint(1, 12):02d}/{rng.randint(2015, 2025)};{rng.choice(['', '0', '250', '1.200'])};"
                     f"{rng.choice(['sí', 'no'])}")
    csv_path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    ctx = open_shop(folder / "shop.sqlite")
    began = time.perf_counter()
    planned = members_import.plan(ctx, csv_path)
    checked = time.perf_counter() - began
    began = time.perf_counter()
    added = members_import.apply(ctx, planned)
    written = time.perf_counter() - began
    print(f"{args.rows:,} members: checked in {checked:.1f} s ({len(planned.problems)} problems), "
          f"{added:,} written in {written:.1f} s; total {checked + written:.1f} s (target ≤ 30 s)")
    if args.sales:
        import_sales(ctx, folder, rng, args.rows, args.sales)
    ctx.db.close()


def import_sales(ctx, folder: Path, rng: random.Random, members: int, count: int) -> None:
    """Two years of tickets of those members, posted through the counter's sale rules."""
    sales_path = folder / "ventas.csv"
    lines = ["Código;Fecha;Importe;Ticket"]
    for n in range(count):
        lines.append(f"C-{rng.randrange(members)};{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                     f"{rng.choice([2024, 2025])} {rng.randint(9, 20)}:{rng.randint(0, 59):02d};"
                     f"{rng.randint(100, 20_000) // 100},{rng.randint(0, 99):02d};T-{n}")
    sales_path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    began = time.perf_counter()
    planned = sales_import.plan(ctx, sales_path)
    checked = time.perf_counter() - began
    began = time.perf_counter()
    posted, _ = sales_import.apply(ctx, planned)
    written = time.perf_counter() - began
    print(f"{count:,} sales: checked in {checked:.1f} s ({len(planned.problems)} problems), "
          f"{posted:,} posted in {written:.1f} s; total {checked + written:.1f} s (target ≤ 30 s)")


if __name__ == "__main__":
    main()
