"""The listing-and-demand board and the authorisation workflow (steps 1–4 and 6 of the six steps)."""
