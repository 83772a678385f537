"""Pricing operations: negotiation threads and invoices (the only code that changes them)."""
