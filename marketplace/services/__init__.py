"""Marketplace operations: the only code that changes demands, lists, authorisations, listings and
agreements. Each public function checks access, validates, changes state through the state tables
in marketplace/states.py, writes the audit log and commits."""
