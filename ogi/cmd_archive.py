"""`ogi` commands for the archive step (thin wrappers over the library)."""
from __future__ import annotations

import click  # noqa: F401

#: click commands this module adds to `ogi`
COMMANDS: list = []
