import os
import platform
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from binaumkm.core.bench import BenchContext, Figure, bench_modules

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


class Command(BaseCommand):
    help = "Ukur target kecepatan; cetak 'bench <nama> <nilai> <satuan>' dan tulis docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--only", default="", help="Hanya benchmark yang namanya diawali ini.")
        parser.add_argument("--no-docs", action="store_true", help="Jangan tulis docs/benchmarks.md.")

    def handle(self, *args, only, no_docs, **options):
        ctx = BenchContext(stdout=self.stdout)
        results = {}
        for name, bench in sorted(bench_modules().items()):
            if only and not name.startswith(only):
                continue
            self.stdout.write(f"# {name} ...")
            load = os.getloadavg()[0]  # before the run: what else the machine was doing
            value = bench.fn(ctx)
            figures = value if isinstance(value, dict) else {name: Figure(value, bench.unit, bench.target)}
            for key, figure in figures.items():
                shown = f"{figure.value:.0f}" if abs(figure.value) >= 100 else f"{figure.value:.3g}"
                results[key] = (shown, figure.unit, figure.target, load, figure.note)
                note = f"  ({figure.note})" if figure.note else ""
                self.stdout.write(f"bench {key} {shown} {figure.unit}{note}", style_func=lambda s: s)
        if results and not no_docs:
            self._write_docs(results)

    def _write_docs(self, results):
        path = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
        text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
        if BEGIN not in text:
            text += f"\n{BEGIN}\n{END}\n"
        head, rest = text.split(BEGIN, 1)
        table, tail = rest.split(END, 1)
        rows = {}
        for line in table.splitlines():
            match = re.match(r"^\| `([^`]+)` \|", line)
            if match:
                rows[match.group(1)] = line
        today = timezone.localdate().isoformat()
        machine = f"{platform.machine()}, {os.cpu_count()} cores"
        for name, (value, unit, target, load, note) in results.items():
            measured = f"{value} {unit}" + (f" ({note})" if note else "")
            target_unit = unit if target and unit != "ratio" else ""
            rows[name] = (
                f"| `{name}` | {measured} | {target} {target_unit} | {today} "
                f"| {machine}, load {load:.1f}, {connection.vendor} |"
            )
        lines = ["", "| benchmark | measured | target | date | machine, load average, database |"]
        lines.append("|---|---|---|---|---|")
        lines += [rows[k] for k in sorted(rows)]
        path.parent.mkdir(exist_ok=True)
        path.write_text(head + BEGIN + "\n".join(lines) + "\n" + END + tail, encoding="utf-8")
        self.stdout.write(f"docs/benchmarks.md diperbarui ({len(results)} angka).")
