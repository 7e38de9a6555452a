import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gongkai.lib.validators import (
    ID_CHECK,
    USCC_CHARS,
    id_check_digit,
    uscc_check_char,
    validate_id_number,
    validate_uscc,
)

TODAY = dt.date(2025, 6, 30)


def id_number(region: str = "431002", birth: str = "19900101", serial: str = "123") -> str:
    body = region + birth + serial
    return body + id_check_digit(body)


def error_code(excinfo: pytest.ExceptionInfo) -> str:
    return excinfo.value.code


# GB 11643 identity numbers


def test_standard_example_id_number_is_valid():
    # The example in GB 11643-1999 itself.
    assert validate_id_number("11010519491231002X", today=TODAY) == "11010519491231002X"


def test_generated_id_numbers_with_computed_check_digit_pass():
    for birth in ("19000101", "19491001", "20000229", "20250630"):
        number = id_number(birth=birth)
        assert validate_id_number(number, today=TODAY) == number


def test_lower_case_x_and_surrounding_spaces_are_normalised():
    assert validate_id_number(" 11010519491231002x ", today=TODAY) == "11010519491231002X"


def test_wrong_check_digit_is_refused():
    number = id_number()
    wrong = next(c for c in ID_CHECK if c != number[-1])
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(number[:-1] + wrong, today=TODAY)
    assert error_code(excinfo) == "id_check"


@pytest.mark.parametrize("birth", ["19990230", "19991301", "19990000", "20230229", "18991231"])
def test_impossible_birth_date_is_refused(birth):
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(id_number(birth=birth), today=TODAY)
    assert error_code(excinfo) == "id_birth"


def test_birth_date_in_the_future_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(id_number(birth="20250701"), today=TODAY)
    assert error_code(excinfo) == "id_birth"


@pytest.mark.parametrize(
    "value", ["", "43100219900101123", "4310021990010112345", "43100219900101123A", "X31002199001011234"]
)
def test_wrong_length_or_characters_are_refused(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(value, today=TODAY)
    assert error_code(excinfo) == "id_format"


id_bodies = st.builds(
    lambda region, birth, serial: f"{region}{birth:%Y%m%d}{serial}",
    st.from_regex(r"\A[1-9]\d{5}\Z"),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    st.from_regex(r"\A\d{3}\Z"),
)


@given(id_bodies)
def test_computed_check_character_validates_and_every_other_fails(body):
    check = id_check_digit(body)
    assert validate_id_number(body + check, today=TODAY) == body + check
    for other in ID_CHECK.replace(check, ""):
        with pytest.raises(ValidationError):
            validate_id_number(body + other, today=TODAY)


# GB 32100 unified social credit codes


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the widely cited example (weighted sum 1640; 31 - 1640 % 31 = 3)
        "91440300708461136T",  # 腾讯科技（深圳）有限公司, as published in the national credit register
    ],
)
def test_published_codes_are_valid(code):
    assert uscc_check_char(code[:17]) == code[17]
    assert validate_uscc(code) == code


def test_generated_codes_with_computed_check_character_pass():
    for body in ("11431002000000001", "12431000MB1A2B3C4", "93431002ABCDEFGHJ", "Y1431002KLMNPQRTU"):
        code = body + uscc_check_char(body)
        assert validate_uscc(code.lower()) == code


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_letters_not_used_in_credit_codes_are_refused(letter):
    body = "11431002000000001"
    code = body + uscc_check_char(body)
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc(code[:10] + letter + code[11:])
    assert error_code(excinfo) == "uscc_format"


def test_wrong_check_character_is_refused():
    body = "11431002000000001"
    right = uscc_check_char(body)
    for wrong in USCC_CHARS.replace(right, ""):
        with pytest.raises(ValidationError) as excinfo:
            validate_uscc(body + wrong)
        assert error_code(excinfo) == "uscc_check"


@pytest.mark.parametrize("code", ["", "91350100M000100Y4", "91350100M000100Y433"])
def test_credit_code_of_wrong_length_is_refused(code):
    with pytest.raises(ValidationError):
        validate_uscc(code)
