"""Reading a query and finding the films that match it: plain Python, no Textual."""
