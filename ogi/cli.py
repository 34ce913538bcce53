"""The ``ogi`` command-line tool. Each command calls one library function.

Commands are registered here; their logic lives in ``crawler/``, ``extract/``,
``archive/`` and ``ogi/nightly.py``. Library errors become ``click.ClickException``.
A command's module is imported only when that command runs (or help lists it), so
``ogi extract`` does not pay for the crawler's imports.
"""
from __future__ import annotations

import importlib

import click

#: command name → the module under ``ogi/`` whose ``COMMANDS`` holds it
COMMAND_MODULES = {
    "extract": "ogi.cmd_extract",
    "crawl": "ogi.cmd_crawl",
    "portals": "ogi.cmd_crawl",
    "archive": "ogi.cmd_archive",
    "serve": "ogi.cmd_archive",
    "nightly": "ogi.cmd_nightly",
    "config": "ogi.cmd_nightly",
    "worker": "ogi.cmd_nightly",
    "sites": "ogi.cmd_sites",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module on first use (click's documented
    pattern for lazily loaded subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is not None or name not in COMMAND_MODULES:
            return command
        module = importlib.import_module(COMMAND_MODULES[name])
        for found in module.COMMANDS:
            if found.name == name:
                return found
        raise RuntimeError(f"{COMMAND_MODULES[name]} has no command {name!r}")


@click.group(cls=LazyGroup)
@click.version_option(package_name="ogi-archive")
def cli():
    """Crawl, extract and publish 政府信息公开工作年度报告 (annual open-government-information reports).

    Example:

        ogi nightly --demo
    """
