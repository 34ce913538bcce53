"""The run lock: one holder at a time, released when the holder dies."""
import os
import signal
import subprocess
import sys
import time

import pytest

from ogi.lock import LockHeld, RunLock

HOLD = """
import sys, time
from ogi.lock import RunLock
lock = RunLock(sys.argv[1]); lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_second_holder_in_same_process_is_refused(tmp_path):
    path = tmp_path / "sub" / "ogi.lock"
    with RunLock(path):
        with pytest.raises(LockHeld, match=f"pid {os.getpid()}"):
            RunLock(path).acquire()
    with RunLock(path):  # free again after release
        pass


def test_lock_held_by_other_process_then_freed_by_kill_9(tmp_path):
    path = tmp_path / "ogi.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(LockHeld, match=rf"another ogi run holds the lock .*pid {holder.pid}"):
            RunLock(path).acquire()
        assert time.monotonic() - started < 1  # at once, no waiting
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with RunLock(path):
        pass
