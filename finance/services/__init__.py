"""Finance operations. The workspace is the finance role's alone (the issue: "Finance role only")."""

FINANCE = ("finance",)
