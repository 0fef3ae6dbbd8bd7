"""`python -m tui` does what the `filmtui` command does."""

from tui.cli import main

raise SystemExit(main())
