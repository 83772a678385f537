"""Accounts: organisations, users with one role each, sessions and API tokens."""
