"""Documentation checks: every ``ogi`` command has help with an example and is in README.md."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from ogi.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = cli.list_commands(None)


def test_every_command_module_is_registered_lazily():
    """Each command module's commands are all in the lazy registry, and each resolves."""
    import importlib

    from ogi.cli import COMMAND_MODULES

    for module_name in set(COMMAND_MODULES.values()):
        for command in importlib.import_module(module_name).COMMANDS:
            assert COMMAND_MODULES.get(command.name) == module_name
    for name in COMMAND_MODULES:
        assert cli.get_command(None, name).name == name


def test_ogi_extract_does_not_import_the_crawler():
    """The extraction command's start-up cost: no crawler, Scrapy or archive imports."""
    import subprocess
    import sys

    code = ("import sys; from ogi.cli import cli; cli.get_command(None, 'extract'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'crawler', 'scrapy', 'archive', 'datasette'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_has_the_pipeline_commands():
    assert {"crawl", "extract", "archive", "serve", "nightly"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_ends_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`ogi {name} --help` has no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name):
    assert f"ogi {name}" in README, f"README.md does not mention `ogi {name}`"


def test_python_dash_m_ogi_runs_the_command():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "ogi", "extract", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Usage: python -m ogi extract" in out.stdout
