"""What a benchmark ran on, for the first lines of its output: the machine, its load, the commit."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    info = Path("/proc/cpuinfo").read_text()
    models = re.findall(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    gib = f", {int(memory.group(1)) / 1024 / 1024:.0f} GiB" if memory else ""
    return f"{models[0] if models else 'unknown CPU'}, {os.cpu_count()} cores{gib}"


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def commit() -> str:
    """HEAD, and how many files the working tree changes (read only: no lock taken)."""

    def git(*command: str) -> str:
        done = subprocess.run(["git", "--no-optional-locks", *command], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.rstrip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no").splitlines()]
    return f"{head} + uncommitted changes to {len(changed)} files" if changed else head
