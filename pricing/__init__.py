"""Pricing: money, VAT, negotiation and invoices (see ARCHITECTURE.md)."""
