import pytest

from accounts import credit_code

# Real-format codes: the first 17 characters with their GB 32100-2015 check character.
VALID = ["91510100MA61RFUJ8X", "91110000600037341L", "91510100MA6C8XYW16", "12510000450717473Y"]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass(code):
    code = credit_code.complete(code[:17])
    assert credit_code.is_valid(code)
    assert credit_code.is_valid(code.lower())


@pytest.mark.parametrize(
    "code",
    [
        "",
        "123",
        "91510100MA61RFUJ8",  # 17 characters
        "91510100MA61RFUJ8XX",  # 19 characters
        "91510100MA61RFUJ8I",  # I is not in the character set
        "9151O100MA61RFUJ8X",  # letter O in the division code
        "91ABCDEFMA61RFUJ8X",  # division code not digits
    ],
)
def test_malformed_codes_fail(code):
    assert not credit_code.is_valid(code)


def test_a_wrong_check_character_fails():
    good = credit_code.complete("91510100MA61RFUJ8")
    for ch in credit_code.CHARSET:
        if ch != good[-1]:
            assert not credit_code.is_valid(good[:-1] + ch)


def test_known_published_code():
    # 91110000600037341L: a published code (Bank of China's), check character L.
    assert credit_code.check_character("91110000600037341") == "L"
