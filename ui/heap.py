"""Heap settling: a collection and ``gc.freeze()`` after a run that imported new modules."""

from __future__ import annotations

import gc
import sys
import threading

__all__ = ["settle_heap"]


_frozen_modules = 0  # len(sys.modules) at the last freeze; process-wide housekeeping, no session data

_freeze_lock = threading.Lock()

def settle_heap(delay_s: float = 1.0) -> None:
    """Schedule a collection and ``gc.freeze()`` if modules were imported since the last one (cheap otherwise)."""
    global _frozen_modules
    if len(sys.modules) == _frozen_modules:
        return
    with _freeze_lock:
        if len(sys.modules) == _frozen_modules:
            return
        _frozen_modules = len(sys.modules)
        timer = threading.Timer(delay_s, _collect_and_freeze)
        timer.daemon = True
        timer.start()

def _collect_and_freeze() -> None:
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()
