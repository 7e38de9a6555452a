"""Reply letters: the default text of every outcome, DOCX and PDF read back, audit, templates."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from gongkai.applications import actions, letters
from gongkai.applications.models import LetterTemplate, ReplyLetter
from gongkai.applications.outcomes import INFO, Outcome
from gongkai.audit.models import AuditEvent, AuditKind

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def closed_app(make_app, personas):
    app = make_app(received=D(2025, 6, 9))
    return actions.close(
        app, actor=personas.editor, outcome=Outcome.WITHHOLD_PROCESS, replied_on=D(2025, 6, 30), summary=""
    )


def docx_text(field) -> str:
    from docx import Document

    with field.open("rb") as handle:
        return "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)


def test_every_outcome_has_a_seeded_default_template_that_renders():
    assert set(LetterTemplate.objects.filter(district=None).values_list("outcome", flat=True)) == set(
        Outcome.values
    )
    for template in LetterTemplate.objects.filter(district=None):
        letters.check_template(template.title, template.body)
        assert "申请行政复议" in template.body and "{{ basis }}" in template.body


def test_the_letter_reads_back_from_docx_and_pdf(closed_app, personas):
    generated = actions.generate_letter(closed_app, actor=personas.editor)
    letter = generated.letter
    text = docx_text(letter.docx)
    assert "政府信息公开申请答复告知书" in text
    assert f"申请编号：{closed_app.number}" in text
    assert "申请人：张晓明" in text and "张晓明：" in text
    assert "过程性信息" in text and INFO[Outcome.WITHHOLD_PROCESS].basis in text
    assert "六十日内向测试区人民政府申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    assert "测试区教育局" in text and "2025年6月30日" in text
    assert "{{" not in text
    with letter.pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    out = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert closed_app.number in out and "政府信息公开申请答复告知书" in out.replace(" ", "").replace("\n", "")
    assert not letter.is_draft and letters.latest_letter(closed_app) == letter.pdf


def test_generating_a_letter_is_audited_as_a_personal_view_without_the_name(closed_app, personas):
    actions.generate_letter(closed_app, actor=personas.editor)
    event = AuditEvent.objects.get(action="personal.letter")
    assert event.kind == AuditKind.PERSONAL_VIEW and event.actor == personas.editor
    assert event.target_id == str(closed_app.pk) and "张晓明" not in f"{event.note}{event.changes}"


def test_a_draft_before_closing_is_not_offered_to_the_citizen(make_app, personas):
    app = make_app()
    with pytest.raises(ValidationError):
        actions.generate_letter(app, actor=personas.editor)
    generated = actions.generate_letter(
        app, actor=personas.editor, outcome=Outcome.DISCLOSE, attachments=["答复材料（共3页）"]
    )
    assert generated.letter.is_draft and "草稿" in docx_text(generated.letter.docx)
    assert "附件：答复材料（共3页）" in docx_text(generated.letter.docx)
    assert letters.latest_letter(app) is None


def test_only_handlers_generate_letters(closed_app, personas):
    for user in (personas.auditor, personas.outsider, personas.operator):
        with pytest.raises(PermissionDenied):
            actions.generate_letter(closed_app, actor=user)
    assert not ReplyLetter.objects.exists()


def test_the_button_generates_and_staff_download_with_an_audit_event(client, closed_app, personas):
    client.force_login(personas.editor)
    response = client.post(reverse("applications_staff:action", args=[closed_app.pk, "letter"]), follow=True)
    assert "已生成告知书。" in [str(m) for m in response.context["messages"]]
    letter = ReplyLetter.objects.get()
    response = client.get(reverse("applications_staff:letter", args=[letter.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        AuditEvent.objects.filter(action="personal.letter_download", kind=AuditKind.PERSONAL_VIEW).count()
        == 1
    )
    # the auditor sees the application but not the letter with the full name; outsiders nothing
    client.force_login(personas.auditor)
    assert client.get(reverse("applications_staff:letter", args=[letter.pk, "docx"])).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(reverse("applications_staff:letter", args=[letter.pk, "docx"])).status_code == 404


def test_the_id_copy_download_is_audited_as_a_personal_view(client, personas, citizen_data):
    app, _code = actions.submit_application(
        organisation=personas.department,
        data=citizen_data,
        channel="in_person",
        actor=personas.editor,
        id_copy=SimpleUploadedFile("id.pdf", b"%PDF-1.4 copy"),
    )
    url = reverse("applications_staff:id_copy", args=[app.pk])
    client.force_login(personas.auditor)
    assert client.get(url).status_code == 403
    client.force_login(personas.editor)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 copy"
    event = AuditEvent.objects.get(action="personal.id_copy")
    assert event.kind == AuditKind.PERSONAL_VIEW and event.actor == personas.editor


def test_opening_a_letter_or_an_id_copy_is_an_action_audited_only_when_it_happens(closed_app, personas):
    letter = actions.generate_letter(closed_app, actor=personas.editor).letter
    with pytest.raises(PermissionDenied):
        actions.open_letter(letter, "pdf", actor=personas.auditor)
    with pytest.raises(FileNotFoundError):
        actions.open_id_copy(closed_app, actor=personas.editor)  # none was handed in
    assert not AuditEvent.objects.filter(action__in=["personal.letter_download", "personal.id_copy"]).exists()
    with actions.open_letter(letter, "docx", actor=personas.editor) as handle:
        assert handle.read(2) == b"PK"  # a DOCX is a zip
    event = AuditEvent.objects.get(action="personal.letter_download")
    assert event.kind == AuditKind.PERSONAL_VIEW and event.actor == personas.editor and "DOCX" in event.note
    letter.pdf.storage.delete(letter.pdf.name)
    with pytest.raises(FileNotFoundError):
        actions.open_letter(letter, "pdf", actor=personas.editor)
    assert AuditEvent.objects.filter(action="personal.letter_download").count() == 1


# --- templates ---------------------------------------------------------------------------------


def test_a_broken_template_is_refused_with_a_clear_error(client, personas):
    client.force_login(personas.coordinator)
    url = reverse("applications_staff:template_edit", args=[Outcome.DISCLOSE])
    response = client.post(url, {"title": "答复书", "body": "{{ applicant_name }}：\n{% if number %}编号"})
    html = response.content.decode()
    assert response.status_code == 200 and "模板语法有误" in html
    response = client.post(url, {"title": "答复书", "body": "{{ applicant_name }}：\n编号{{ number"})
    assert "未写完整的占位符" in response.content.decode()
    response = client.post(url, {"title": "答复书", "body": "{{ aplicant_name }}：本机关收到您的申请。"})
    assert "无法识别的占位符：aplicant_name" in response.content.decode()
    assert not LetterTemplate.objects.filter(district=personas.district).exists()


def test_the_office_edits_its_districts_copy_and_can_reset_it(client, personas, closed_app):
    client.force_login(personas.coordinator)
    url = reverse("applications_staff:template_edit", args=[Outcome.WITHHOLD_PROCESS])
    assert "过程性信息" in client.get(url).content.decode()  # starts from the default text
    body = (
        "{{ applicant_name }}：\n经研究，{{ description }}属于过程性信息，依据{{ basis }}不予公开。\n"
        + letters.RIGHTS_NOTICE
    )
    response = client.post(url, {"title": "告知书（本区）", "body": body})
    assert response.status_code == 302
    own = LetterTemplate.objects.get(district=personas.district, outcome=Outcome.WITHHOLD_PROCESS)
    assert AuditEvent.objects.filter(action="application.letter_template").exists()
    text = docx_text(actions.generate_letter(closed_app, actor=personas.editor).letter.docx)
    assert "告知书（本区）" in text and "经研究" in text
    # the default stays for everyone else
    assert "经审查" in LetterTemplate.objects.get(district=None, outcome=Outcome.WITHHOLD_PROCESS).body
    client.post(reverse("applications_staff:template_reset", args=[Outcome.WITHHOLD_PROCESS]))
    assert not LetterTemplate.objects.filter(pk=own.pk).exists()


def test_only_the_office_edits_templates(client, personas):
    for user in (personas.editor, personas.auditor, personas.outsider):
        client.force_login(user)
        assert client.get(reverse("applications_staff:templates")).status_code == 403
        response = client.post(
            reverse("applications_staff:template_edit", args=[Outcome.DISCLOSE]), {"title": "x", "body": "x"}
        )
        assert response.status_code == 403
    assert not LetterTemplate.objects.exclude(district=None).exists()


@pytest.mark.parametrize("outcome", Outcome.values)
def test_every_outcomes_letter_cites_its_basis_and_reads_cleanly(make_app, outcome):
    app = make_app(received=D(2025, 6, 9))
    text = letters.render_letter(app, outcome)
    body = "\n".join(text.paragraphs)
    assert INFO[outcome].basis in body and "申请行政复议" in body
    assert "{{" not in body and "，。" not in body and "。。" not in body and "经检索，经检索" not in body
    assert text.paragraphs[0] == "张晓明：" and text.paragraphs[-1] == "特此告知。"
