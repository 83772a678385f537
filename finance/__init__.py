"""Finance: payments, bank statements, Stripe, remittances, periods and reports."""
