"""``python -m ogi``: the ``ogi`` command, for environments without its console script."""
from ogi.cli import cli

if __name__ == "__main__":
    cli()
