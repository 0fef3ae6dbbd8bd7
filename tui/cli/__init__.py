"""The `filmtui` command: arguments, the data commands for scripts, serve."""
