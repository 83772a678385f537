from tests.pricing.conftest import cast, session_cast  # noqa: F401  (the board's cast of users)
