"""Documentation checks: every ``ogi`` command has help with an example and is in README.md."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from ogi.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


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
