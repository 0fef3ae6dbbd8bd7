"""The film and what the user says of it: plain Python, no Textual."""
