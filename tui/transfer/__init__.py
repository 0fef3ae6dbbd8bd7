"""Taking films out of filmtui and bringing them in: export and import files."""
