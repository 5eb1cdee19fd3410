"""Stack the bundled provincial IO tables once, at build time (issue 19).

Writes ``data/io/provincial_stacks.npz``: the three benchmark years' tables as the arrays
``core.digitalization.stacks.benchmark_stacks`` makes of ``data/io/io_tables.parquet`` in a new server process
(about 0.25 s before /scale's first chart), stamped with that file's SHA-256.  ``core.digitalization.bundled_stacks``
uses it only while the stamp matches, and stacks the table itself otherwise; a test compares the file with the live
stacking.  Then rewrites ``data/MANIFEST.sha256`` as ``scripts/build_data.py`` does.
Run: ``python scripts/build_io_stacks.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.digitalization import stacks  # noqa: E402
from scripts.build_data import publish_prepared  # noqa: E402


def build() -> Path:
    stacks.write_prepared_stacks(stacks.PREPARED_STACKS, stacks.bundled_stacks_live(), stacks.prepared_stacks_stamp())
    return stacks.PREPARED_STACKS


def main() -> int:
    return publish_prepared(build())


if __name__ == "__main__":
    sys.exit(main())
