"""The catalog: departments, data categories, and search over them."""
