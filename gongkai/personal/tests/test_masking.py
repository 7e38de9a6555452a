import pytest

from gongkai.personal.masking import (
    Kind,
    mask,
    mask_address,
    mask_bank_account,
    mask_email,
    mask_id_number,
    mask_middle,
    mask_name,
    mask_other,
    mask_phone,
    normalise,
)


def test_id_number_keeps_first_four_and_last_four_with_ten_stars():
    assert mask_id_number("430102199001011234") == "4301**********1234"
    assert len(mask_id_number("430102199001011234")) == 18


def test_id_number_mask_upper_cases_a_lower_case_x_and_ignores_spaces():
    assert mask_id_number(" 43010219900101122x ") == "4301**********122X"


def test_old_fifteen_digit_id_number_still_masks_more_than_half():
    assert mask_id_number("430102900101123") == "430*********123"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13800135678", "138****5678"),
        ("138 0013 5678", "138****5678"),
        ("138-0013-5678", "138****5678"),
        ("+86 138 0013 5678", "138****5678"),
        ("0735-1234567", "0735-****567"),
        ("(0735)1234567", "0735-****567"),
        ("（0735）1234567", "0735-****567"),
        ("0735 1234567", "0735-****567"),
        ("07351234567", "0735-****567"),
        ("010-12345678", "010-****5678"),
        ("01012345678", "010-****5678"),
        ("0735-1234567-801", "0735-****567"),
        ("0735-1234567转801", "0735-****567"),
        ("1234567", "****567"),
    ],
)
def test_phone_masks_mobiles_and_landlines(phone, masked):
    assert mask_phone(phone) == masked


def test_unrecognised_phone_hides_most_digits():
    assert mask_phone("12345") == "1***5"
    assert mask_phone("12") == "**"


def test_email_keeps_first_character_and_domain():
    assert mask_email("zhang.san@example.com") == "z***@example.com"
    assert mask_email("z@example.com") == "z***@example.com"


def test_malformed_email_is_masked_entirely():
    assert mask_email("not-an-address") == "****"
    assert mask_email("@example.com") == "****"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("郴州市北湖区人民路12号", "郴州市北湖区****"),
        ("湖南省郴州市北湖区人民路12号", "湖南省郴州市北湖区****"),
        ("郴州市苏仙区白露塘镇观山洞村3组", "郴州市苏仙区****"),
        ("北湖区华塘镇吴山村5组", "北湖区****"),
        ("宜章县城关镇", "宜章县****"),
        ("北湖区燕泉街道解放路8号", "北湖区****"),
        ("燕泉街道解放路8号", "燕泉街道****"),
        ("郴州市人民路12号", "郴州市****"),
        ("郴州市阳光小区5栋", "郴州市****"),
        ("郴州市北湖区", "郴州市北湖区"),
        ("人民路12号", "****"),
    ],
)
def test_address_keeps_the_administrative_prefix(address, masked):
    assert mask_address(address) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("李小龙", "李**"),
        ("欧阳修文", "欧阳**"),
        ("欧阳修", "欧阳*"),
        ("欧阳", "欧*"),
        ("张", "*"),
    ],
)
def test_name_keeps_only_the_surname(name, masked):
    assert mask_name(name) == masked


def test_bank_account_keeps_first_four_and_last_four():
    assert mask_bank_account("6222 0212 3456 7890") == "6222********7890"
    assert mask_bank_account("6222021234567890123") == "6222***********0123"


def test_other_personal_data_shows_nothing_but_presence():
    assert mask_other("任何内容") == "****"


def test_short_values_keep_at_most_a_quarter_at_each_end():
    assert mask_middle("12345678", 4, 4) == "12****78"
    assert mask_middle("123", 4, 4) == "***"
    assert mask_middle("1", 1, 1) == "*"


@pytest.mark.parametrize("kind", Kind.values)
def test_empty_values_stay_empty(kind):
    assert mask(kind, "") == ""
    assert mask(kind, None) == ""


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown kind"):
        mask("passport", "E12345678")


def test_normalisation_makes_spellings_of_one_value_equal():
    assert normalise(Kind.PHONE, "138-0013 8000") == normalise(Kind.PHONE, "+86 13800138000") == "13800138000"
    assert normalise(Kind.ID_NUMBER, " 43010219900101122x") == "43010219900101122X"
    assert normalise(Kind.EMAIL, " Zhang.San@Example.COM ") == "zhang.san@example.com"
    assert normalise(Kind.ADDRESS, "  人民路   12号 ") == "人民路 12号"
    assert normalise(Kind.PHONE, "１３８００１３８０００") == "13800138000"
