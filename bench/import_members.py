"""Time importing 100,000 members from a CSV (target: ≤ 30 s), validation and writing apart.

    python bench/import_members.py [--rows 100000]
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import FIRST_NAMES, SURNAMES  # noqa: E402

from loyalty.imports import members_import  # noqa: E402
from loyalty.shop import open_shop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(5)
    folder = Path(tempfile.mkdtemp())
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
    print(f"{args.rows:,} rows: checked in {checked:.1f} s ({len(planned.problems)} problems), "
          f"{added:,} members written in {written:.1f} s; total {checked + written:.1f} s (target ≤ 30 s)")


if __name__ == "__main__":
    main()
