"""`python -m tui` does what the `filmtui` command does."""

from tui.cli.main import run

run()
