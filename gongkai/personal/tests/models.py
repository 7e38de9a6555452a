"""Test-only models using the personal-data fields.

They are unmanaged (``managed = False``): Django never creates or migrates them, so the real app
needs no migration and ``makemigrations --check`` sees nothing. ``conftest.personal_tables``
creates their tables for the test session with the schema editor. The foreign keys carry no
database constraint, so flushing other apps' tables between transactional tests is never blocked.
"""

from __future__ import annotations

from django.db import models

from gongkai.orgs.models import Organisation
from gongkai.personal.fields import BlindIndexField, EncryptedField, Kind


class Resident(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    name = EncryptedField("姓名", kind=Kind.NAME)
    id_number = EncryptedField("身份证号码", kind=Kind.ID_NUMBER, blank=True)
    id_number_hash = BlindIndexField("id_number")
    phone = EncryptedField("联系电话", kind=Kind.PHONE, blank=True)
    phone_hash = BlindIndexField("phone")
    email = EncryptedField("电子邮箱", kind=Kind.EMAIL, blank=True)
    email_hash = BlindIndexField("email")
    address = EncryptedField("住址", kind=Kind.ADDRESS, blank=True, null=True)

    class Meta:
        app_label = "personal"
        managed = False
        db_table = "personal_test_resident"

    def __str__(self) -> str:
        # Formats the masked name: the audit trail's target_repr must never hold the value.
        return f"居民 {self.name}"


class ResidentNote(models.Model):
    """Owned by the organisation of its resident: uses the ``personal_data_organisation`` hook."""

    resident = models.ForeignKey(Resident, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    contact_phone = EncryptedField("联系人电话", kind=Kind.PHONE)

    class Meta:
        app_label = "personal"
        managed = False
        db_table = "personal_test_residentnote"

    def __str__(self) -> str:
        return f"联系人 {self.contact_phone}"

    def personal_data_organisation(self) -> Organisation:
        return self.resident.organisation


TEST_MODELS = (Resident, ResidentNote)
