"""filmtui's widgets, one per module."""
