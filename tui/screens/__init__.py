"""filmtui's screens, one per module."""
