"""The library on disk: TinyDB files, atomic writes, the lock, remembered state."""
