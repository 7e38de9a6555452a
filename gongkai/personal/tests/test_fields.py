import json
import pickle

import pytest
from cryptography.fernet import Fernet
from django import forms
from django.core.exceptions import FieldError, ValidationError
from django.core.management import call_command
from django.db import connection, models
from django.template import Context, Template
from django.test import override_settings
from django.test.utils import isolate_apps

from gongkai.lib.validators import validate_id_number
from gongkai.personal.crypto import DecryptionError, blind_index
from gongkai.personal.fields import BlindIndexField, EncryptedField, PersonalValue, lookup_hash
from gongkai.personal.masking import Kind
from gongkai.personal.tests.models import Resident, ResidentNote

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_row(obj, *columns):
    table = connection.ops.quote_name(obj._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {table} WHERE id = %s", [obj.pk])  # noqa: S608 - quoted names
        return cursor.fetchone()


def test_database_column_holds_no_plaintext(resident):
    stored = raw_row(resident, "name", "id_number", "phone", "email", "address", "phone_hash")
    text = " ".join(stored)
    for secret in (
        "欧阳修文",
        "欧阳",
        "43010219900101122",
        "13800138000",
        "138 0013 8000",
        "Zhang.San",
        "人民路",
    ):
        assert secret not in text
    assert all(value.startswith("gAAAAA") for value in stored[:5])  # Fernet tokens


def test_stored_values_decrypt_back(resident):
    fresh = Resident.objects.get(pk=resident.pk)
    assert fresh.name.plaintext() == "欧阳修文"
    assert fresh.phone.plaintext() == "138 0013 8000"
    assert fresh.id_number == "43010219900101122x"


def test_same_value_encrypts_differently_each_time(people):
    first = Resident.objects.create(organisation=people.civil_affairs, name="张三", phone="13800138000")
    second = Resident.objects.create(organisation=people.civil_affairs, name="张三", phone="13800138000")
    assert raw_row(first, "phone") != raw_row(second, "phone")
    assert raw_row(first, "phone_hash") == raw_row(second, "phone_hash")


def test_empty_and_null_values_stay_empty_and_null(people):
    obj = Resident.objects.create(organisation=people.civil_affairs, name="张三", address=None)
    assert raw_row(obj, "phone", "phone_hash", "address") == ("", "", None)
    fresh = Resident.objects.get(pk=obj.pk)
    assert fresh.address is None
    assert str(fresh.phone) == ""
    assert not fresh.phone


def test_data_under_an_old_key_still_decrypts_after_a_new_key_is_put_first(people):
    with override_settings(PERSONAL_DATA_KEYS=[OLD_KEY]):
        obj = Resident.objects.create(organisation=people.civil_affairs, name="张三", phone="13800138000")
    with override_settings(PERSONAL_DATA_KEYS=[NEW_KEY, OLD_KEY]):
        assert Resident.objects.get(pk=obj.pk).phone == "13800138000"
    with override_settings(PERSONAL_DATA_KEYS=[NEW_KEY]), pytest.raises(DecryptionError):
        Resident.objects.get(pk=obj.pk)


def test_rotate_command_re_encrypts_under_the_new_key_and_is_idempotent(people, capsys):
    with override_settings(PERSONAL_DATA_KEYS=[OLD_KEY]):
        obj = Resident.objects.create(
            organisation=people.civil_affairs, name="张三", phone="13800138000", email="a@b.cn"
        )
    before = raw_row(obj, "name", "phone", "email", "id_number")
    with override_settings(PERSONAL_DATA_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_personal_data_keys")
        after = raw_row(obj, "name", "phone", "email", "id_number")
        call_command("rotate_personal_data_keys")
        assert raw_row(obj, "name", "phone", "email", "id_number") == after
    output = capsys.readouterr().out
    assert "personal.Resident (name, id_number, phone, email, address): 1 条已更新" in output
    assert "personal.Resident (name, id_number, phone, email, address): 0 条已更新" in output
    assert after[:3] != before[:3]
    assert after[3] == ""
    new = Fernet(NEW_KEY.encode())
    assert [new.decrypt(token.encode()).decode() for token in after[:3]] == ["张三", "13800138000", "a@b.cn"]
    with override_settings(PERSONAL_DATA_KEYS=[NEW_KEY]):
        fresh = Resident.objects.get(pk=obj.pk)
        assert fresh.phone == "13800138000"
        assert Resident.objects.filter(phone="13800138000").get() == fresh


def test_rotate_command_reindex_repairs_a_stale_blind_index(resident, capsys):
    Resident.objects.filter(pk=resident.pk).update(phone_hash="stale")
    assert not Resident.objects.filter(phone="13800138000").exists()
    call_command("rotate_personal_data_keys", "--reindex")
    assert Resident.objects.filter(phone="13800138000").get() == resident


def test_lookup_by_exact_value_finds_the_record(resident, people):
    Resident.objects.create(organisation=people.civil_affairs, name="李四", phone="13900139000")
    assert list(Resident.objects.filter(phone="13800138000")) == [resident]
    assert list(Resident.objects.filter(**lookup_hash(Resident, "phone", "13800138000"))) == [resident]


def test_lookup_does_not_match_other_values(resident):
    assert not Resident.objects.filter(phone="13800138001").exists()
    assert not Resident.objects.filter(phone="1380013800").exists()
    assert not Resident.objects.filter(email="zhang.san@example.org").exists()


@pytest.mark.parametrize("spelling", ["13800138000", "138-0013-8000", " 138 0013 8000 ", "+86 138 0013 8000"])
def test_phone_lookup_ignores_spaces_dashes_and_country_code(resident, spelling):
    assert Resident.objects.filter(phone=spelling).get() == resident


@pytest.mark.parametrize("spelling", ["43010219900101122X", "43010219900101122x", " 430102 19900101 122X"])
def test_id_number_lookup_ignores_case_of_x_and_spaces(resident, spelling):
    assert Resident.objects.filter(id_number=spelling).get() == resident


def test_email_lookup_ignores_case(resident):
    assert Resident.objects.filter(email="zhang.san@example.com").get() == resident


def test_lookup_works_across_a_relation_and_in_exclude(resident):
    note = ResidentNote.objects.create(resident=resident, contact_phone="13700137000")
    assert ResidentNote.objects.filter(resident__phone="13800138000").get() == note
    assert not Resident.objects.exclude(phone="13800138000").exists()


def test_blind_index_is_keyed_and_updated_on_save(resident):
    assert raw_row(resident, "phone_hash")[0] == blind_index(Kind.PHONE, "13800138000")
    with override_settings(PERSONAL_DATA_INDEX_KEY="another-index-key-" + "z" * 32):
        assert blind_index(Kind.PHONE, "13800138000") != raw_row(resident, "phone_hash")[0]
    resident.phone = "13900139000"
    resident.save()
    assert Resident.objects.filter(phone="13900139000").get() == resident
    assert not Resident.objects.filter(phone="13800138000").exists()


def test_searching_ciphertext_in_any_other_way_is_refused(resident):
    with pytest.raises(FieldError):
        Resident.objects.filter(phone__icontains="138").exists()
    with pytest.raises(FieldError, match="no BlindIndexField"):
        Resident.objects.filter(address="郴州市北湖区人民路12号").exists()
    assert Resident.objects.filter(address__isnull=False).get() == resident


def test_str_and_format_and_repr_show_only_the_mask(resident):
    fresh = Resident.objects.get(pk=resident.pk)
    assert str(fresh.phone) == "138****8000"
    assert f"{fresh.id_number}" == "4301**********122X"
    assert "%s" % fresh.email == "Z***@Example.com"  # noqa: UP031 - old-style formatting is masked too
    assert "13800138000" not in repr(fresh.phone)
    assert str(fresh) == "居民 欧阳**"
    assert json.dumps({"phone": str(fresh.phone)}) == '{"phone": "138****8000"}'


def test_json_encoders_refuse_the_value_itself(resident):
    from django.core.serializers.json import DjangoJSONEncoder

    with pytest.raises(TypeError):
        json.dumps({"phone": resident.phone}, cls=DjangoJSONEncoder)


def test_unsaved_assignment_is_masked_too(people):
    obj = Resident(organisation=people.civil_affairs, name="张三")
    obj.phone = "13800138000"
    assert isinstance(obj.phone, PersonalValue)
    assert str(obj.phone) == "138****8000"


def test_template_rendering_shows_only_the_mask(resident):
    fresh = Resident.objects.get(pk=resident.pk)
    html = Template(
        "{{ r.name }}|{{ r.id_number }}|{{ r.phone }}|{{ r.email }}|{{ r.address }}|{{ r.phone|upper }}"
    ).render(Context({"r": fresh}))
    assert html == "欧阳**|4301**********122X|138****8000|Z***@Example.com|郴州市北湖区****|138****8000"


def test_mask_filter_masks_plain_strings_for_publicity_lists():
    html = Template('{% load personal %}{{ id|mask:"id_number" }} {{ account|mask:"bank_account" }}').render(
        Context({"id": "430102199001011234", "account": "6222021234567890"})
    )
    assert html == "4301**********1234 6222********7890"


def test_values_survive_pickling_without_changing_their_mask(resident):
    copy = pickle.loads(pickle.dumps(Resident.objects.get(pk=resident.pk)))  # noqa: S301 - our own data
    assert copy.phone == "138 0013 8000"
    assert str(copy.phone) == "138****8000"


class ResidentForm(forms.ModelForm):
    class Meta:
        model = Resident
        fields = ["name", "phone"]


def test_edit_form_never_renders_the_stored_value(resident):
    html = str(ResidentForm(instance=Resident.objects.get(pk=resident.pk)))
    assert "13800138000" not in html
    assert "138 0013 8000" not in html
    assert "欧阳修文" not in html
    assert "138****8000" in html  # as the placeholder


def test_edit_form_keeps_the_stored_value_when_left_blank_and_replaces_it_when_filled(resident):
    # name is required: left empty on an edit form, it keeps the stored name.
    form = ResidentForm({"name": "", "phone": "13900139000"}, instance=Resident.objects.get(pk=resident.pk))
    assert form.is_valid(), form.errors
    form.save()
    fresh = Resident.objects.get(pk=resident.pk)
    assert fresh.name == "欧阳修文"
    assert fresh.phone == "13900139000"
    assert Resident.objects.filter(phone="13900139000").exists()


def test_create_form_still_requires_a_required_field(people):
    form = ResidentForm({"name": "", "phone": "13900139000"})
    assert not form.is_valid()
    assert "name" in form.errors


def test_model_validators_see_the_value_not_the_mask():
    field = EncryptedField(kind=Kind.ID_NUMBER, validators=[validate_id_number])
    field.clean(PersonalValue("43010219900101122X", Kind.ID_NUMBER), None)
    with pytest.raises(ValidationError):
        field.clean(PersonalValue("430102199001011220", Kind.ID_NUMBER), None)


@isolate_apps("gongkai.personal")
def test_field_checks_refuse_indexing_the_ciphertext_and_a_blind_index_without_source():
    class Broken(models.Model):
        phone = EncryptedField(kind=Kind.PHONE, unique=True)
        email_hash = BlindIndexField("email")

        class Meta:
            app_label = "personal"

        def __str__(self) -> str:
            return "broken"

    errors = Broken._meta.get_field("phone").check() + Broken._meta.get_field("email_hash").check()
    assert {error.id for error in errors} == {"personal.E001", "personal.E002"}
