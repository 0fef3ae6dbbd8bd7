"""filmtui: a terminal catalog for a film collection."""

__version__ = "0.1.0"
