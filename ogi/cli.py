"""The ``ogi`` command-line tool. Each command calls one library function.

Commands are registered here; their logic lives in ``crawler/``, ``extract/``,
``archive/`` and ``ogi/nightly.py``. Library errors become ``click.ClickException``.
"""
from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="ogi-archive")
def cli():
    """Crawl, extract and publish 政府信息公开工作年度报告 (annual open-government-information reports).

    Example:

        ogi nightly --demo
    """


def _register() -> None:
    """Attach the commands; each lives in its own small module under ``ogi/``."""
    from ogi import cmd_archive, cmd_crawl, cmd_extract, cmd_nightly, cmd_sites

    for module in (cmd_extract, cmd_crawl, cmd_archive, cmd_nightly, cmd_sites):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
