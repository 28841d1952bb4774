"""The report: one table of figures with their floor, ratio, target and command.

``Row`` is what every stage returns; ``write_report`` writes report.md and
report.json into the output folder.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Row:
    stage: str
    figure: str
    value: float | None = None
    unit: str = ""
    floor: float | None = None
    floor_name: str = ""
    ratio: float | None = None
    target: str = ""  # e.g. ">= 0.8 x floor A", "<= 400 MB"
    target_op: str = ""  # ">=" or "<="
    target_value: float | None = None
    target_on: str = "ratio"  # "ratio" or "value"
    command: str = ""
    note: str = ""
    skipped: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.ratio is None and self.value is not None and self.floor:
            self.ratio = self.value / self.floor

    @property
    def met(self) -> bool | None:
        if self.skipped or not self.target_op or self.target_value is None:
            return None
        x = self.ratio if self.target_on == "ratio" else self.value
        if x is None:
            return None
        return x >= self.target_value if self.target_op == ">=" else x <= self.target_value

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["met"] = self.met
        return d


def skipped(stage: str, figure: str, reason: str, *, target: str = "", command: str = "") -> Row:
    return Row(stage, figure, target=target, command=command, skipped=reason)


def _num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "—"
    if abs(x) >= 1000:
        s = f"{x:,.0f}"
    elif abs(x) >= 100:
        s = f"{x:.0f}"
    elif abs(x) >= 10:
        s = f"{x:.1f}"
    else:
        s = f"{x:.3g}"
    return f"{s} {unit}".strip()


def machine() -> dict[str, Any]:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpu": cpu,
            "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "load_1m": os.getloadavg()[0]}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rows: list[Row], meta: dict[str, Any]) -> str:
    lines = [
        "# stationwatch benchmark report", "",
        f"Run {meta['started']} ({meta['size']} size, {meta['seconds']:.0f} s), "
        f"`{meta['command']}`.", "",
        f"Machine: {meta['machine']['cpu']}, {meta['machine']['usable_cores']} usable cores "
        f"(load {meta['machine']['load_1m']:.2f} at start), {meta['machine']['memory_gb']} GB, "
        f"Python {meta['machine']['python']}, {meta['machine']['platform']}.", "",
        f"Web: {meta['web']}", "",
        "| stage | figure | value | floor | ratio | target | met | command |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        if r.skipped:
            value, met = f"skipped: {r.skipped}", "—"
        else:
            value = _num(r.value, r.unit) + (f" ({r.note})" if r.note else "")
            met = {True: "yes", False: "**no**", None: "—"}[r.met]
        floor = f"{_num(r.floor)} {r.floor_name}".strip() if r.floor is not None else "—"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None and not r.skipped else "—"
        cmd = f"`{r.command}`" if r.command else ""
        lines.append(f"| {_cell(r.stage)} | {_cell(r.figure)} | {_cell(value)} | {_cell(floor)} | {ratio} | "
                     f"{_cell(r.target)} | {met} | {_cell(cmd)} |")
    notes = meta.get("notes") or []
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def write_report(out: Path, rows: list[Row], meta: dict[str, Any]) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "report.md", out / "report.json"
    md.write_text(render_markdown(rows, meta))
    js.write_text(json.dumps({"meta": meta, "rows": [r.to_dict() for r in rows]}, indent=2, default=str))
    log.info("report written to %s and %s", md, js)
    return md, js


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
