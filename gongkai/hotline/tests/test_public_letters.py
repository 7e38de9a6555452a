"""Publishing letters in the mailbox column (信件公开): who may, what, and that no personal data shows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.hotline import actions, publishing
from gongkai.hotline.actions import publish_letter, unpublish_letter
from gongkai.hotline.models import Channel, Satisfaction, Ticket
from gongkai.hotline.publishing import deidentify

pytestmark = pytest.mark.django_db

NAME, PHONE, ID_NUMBER, EMAIL = "欧阳明华", "13907359876", "430102199001011234", "oyang@example.com"
ADDRESS = "郴州市测试区人民路88号"


@pytest.fixture
def letter_of(personas, hotline):
    def make(*, consent=True, close=True, matter=None, reply=None):
        ticket, _code = actions.intake(
            office=personas.office,
            channel=Channel.MAILBOX,
            data={
                "title": f"{NAME}反映学校门口交通拥堵",
                "matter": matter
                or f"我是{NAME}，住{ADDRESS}，电话{PHONE}，身份证{ID_NUMBER}，邮箱{EMAIL}。学校门口上下学时段拥堵严重。",
                "category": hotline["教育"],
                "caller_name": NAME,
                "phone": PHONE,
                "email": EMAIL,
                "address": ADDRESS,
                "publish_allowed": consent,
            },
        )
        actions.dispatch(ticket, personas.department, actor=personas.operator)
        actions.reply(
            ticket, actor=personas.editor, text=reply or f"已联系{NAME}（{PHONE}），将增派交警疏导。"
        )
        if close:
            actions.callback(
                ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.SATISFIED
            )
            actions.close(ticket, actor=personas.operator)
        return Ticket.objects.get(pk=ticket.pk)

    return make


def assert_no_personal_data(text):
    for secret in (NAME, PHONE, ID_NUMBER, EMAIL, "人民路88号", "13907359876"):
        assert secret not in text


# ---- de-identification -----------------------------------------------------------------------


def test_deidentify_masks_patterns_and_the_writers_own_data():
    text = (
        f"我是{NAME}，住{ADDRESS}，手机 139 0735 9876，座机0735-2345678，"
        f"身份证{ID_NUMBER}，邮箱{EMAIL}，卡号6222021234567890。人民路88号门口。金额12345678元。"
    )
    out = deidentify(text, names=[NAME], addresses=[ADDRESS], phones=[PHONE], emails=[EMAIL])
    assert_no_personal_data(out)
    assert "0735-2345678" not in out and "6222021234567890" not in out
    assert "欧阳**" in out and "139****9876" in out and "4301**********1234" in out
    assert "12345678元" in out  # an amount is not a phone number
    assert deidentify(out) == out  # masking is idempotent


# ---- publishing --------------------------------------------------------------------------------


def test_the_office_publishes_a_closed_letter_with_consent_de_identified(letter_of, personas):
    ticket = letter_of()
    question, answer = publishing.draft(ticket)
    assert_no_personal_data(question + answer)
    # Whatever the staff member types back in is de-identified again.
    ticket = publish_letter(ticket, actor=personas.coordinator, question=question + PHONE, answer=answer)
    assert ticket.published
    assert_no_personal_data(ticket.public_question + ticket.public_answer)
    event = AuditEvent.objects.get(action="ticket.publish")
    assert event.target_id == str(ticket.pk) and event.changes == {"published": [False, True]}


def test_publishing_is_refused_for_an_open_letter(letter_of, personas):
    ticket = letter_of(close=False)
    with pytest.raises(ValidationError, match="已办结"):
        publish_letter(ticket, actor=personas.coordinator, question="问", answer="答")


def test_publishing_is_refused_without_consent(letter_of, personas):
    ticket = letter_of(consent=False)
    with pytest.raises(ValidationError, match="未同意公开"):
        publish_letter(ticket, actor=personas.coordinator, question="问", answer="答")
    assert not Ticket.objects.get(pk=ticket.pk).published


@pytest.mark.parametrize("who", ["operator", "editor", "leader", "outsider", "auditor"])
def test_publishing_is_refused_to_staff_without_the_publish_permission(letter_of, personas, who):
    ticket = letter_of()
    with pytest.raises(PermissionDenied):
        publish_letter(ticket, actor=getattr(personas, who), question="问", answer="答")
    assert not Ticket.objects.get(pk=ticket.pk).published


def test_another_districts_coordinator_may_not_publish(letter_of):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="外区", region="431003")
    with pytest.raises(PermissionDenied):
        publish_letter(letter_of(), actor=other.coordinator, question="问", answer="答")


def test_unpublishing_takes_the_letter_out_and_is_audited(client, letter_of, personas):
    ticket = letter_of()
    publish_letter(ticket, actor=personas.coordinator, question="问题", answer="答复")
    unpublish_letter(ticket, actor=personas.coordinator, reason="来信人要求撤下")
    assert not Ticket.objects.get(pk=ticket.pk).published
    assert AuditEvent.objects.filter(action="ticket.unpublish", note="来信人要求撤下").exists()
    assert client.get(reverse("mailbox:letter", args=[ticket.number])).status_code == 404


# ---- the public column ---------------------------------------------------------------------------


def test_the_column_lists_only_published_letters_without_personal_data(client, letter_of, personas):
    published = letter_of()
    question, answer = publishing.draft(published)
    publish_letter(published, actor=personas.coordinator, question=question, answer=answer)
    unpublished = letter_of(matter="另一封信：菜市场噪音扰民问题。")
    open_letter = letter_of(close=False, matter="第三封：公园厕所无人打扫。")

    page = client.get(reverse("mailbox:letters")).content.decode()
    assert reverse("mailbox:letter", args=[published.number]) in page
    assert "学校门口交通拥堵" in page and "教育" in page
    assert unpublished.number not in page and open_letter.number not in page
    assert_no_personal_data(page)

    detail = client.get(reverse("mailbox:letter", args=[published.number])).content.decode()
    assert "学校门口上下学时段拥堵严重" in detail and "增派交警疏导" in detail
    assert personas.department.name in detail
    assert_no_personal_data(detail)
    assert client.get(reverse("mailbox:letter", args=[unpublished.number])).status_code == 404


def test_the_column_filters_by_category(client, letter_of, personas, hotline):
    ticket = letter_of()
    publish_letter(ticket, actor=personas.coordinator, question="问题", answer="答复")
    url = reverse("mailbox:letters")
    assert ticket.number in client.get(url, {"category": hotline["教育"].pk}).content.decode()
    assert ticket.number not in client.get(url, {"category": hotline["财政"].pk}).content.decode()


def test_the_column_list_uses_a_fixed_number_of_queries(
    client, letter_of, personas, django_assert_max_num_queries
):
    for _ in range(3):
        t = letter_of()
        publish_letter(t, actor=personas.coordinator, question="问题", answer="答复")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mailbox:letters")).status_code == 200


# ---- the staff page ------------------------------------------------------------------------------


def test_the_staff_page_lists_publishable_letters_with_a_de_identified_draft(client, letter_of, personas):
    ticket = letter_of()
    no_consent = letter_of(consent=False, matter="不同意公开的信件：噪音。")
    client.force_login(personas.coordinator)
    page = client.get(reverse("hotline_publishing:list")).content.decode()
    assert ticket.number in page and no_consent.number not in page
    assert_no_personal_data(page)

    edit = client.get(reverse("hotline_publishing:edit", args=[ticket.number])).content.decode()
    assert "学校门口上下学时段拥堵严重" in edit and "139****9876" in edit
    assert_no_personal_data(edit)

    response = client.post(
        reverse("hotline_publishing:edit", args=[ticket.number]),
        {"action": "publish", "question": f"学校门口拥堵，联系{PHONE}", "answer": "已增派交警。"},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.published and PHONE not in ticket.public_question
    assert client.get(reverse("hotline_publishing:edit", args=[no_consent.number])).status_code == 404


def test_the_staff_page_keeps_empty_texts_out(client, letter_of, personas):
    ticket = letter_of()
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("hotline_publishing:edit", args=[ticket.number]),
        {"action": "publish", "question": "", "answer": "答"},
    )
    assert response.status_code == 200 and "请填写公开的来信内容" in response.content.decode()
    assert not Ticket.objects.get(pk=ticket.pk).published


@pytest.mark.parametrize("who", ["operator", "editor", "outsider"])
def test_the_staff_page_is_closed_to_staff_without_the_permission(client, letter_of, personas, who):
    ticket = letter_of()
    client.force_login(getattr(personas, who))
    assert client.get(reverse("hotline_publishing:list")).status_code == 403
    response = client.post(
        reverse("hotline_publishing:edit", args=[ticket.number]),
        {"action": "publish", "question": "问", "answer": "答"},
    )
    assert response.status_code == 403 and not Ticket.objects.get(pk=ticket.pk).published


def test_the_staff_page_needs_a_login(client):
    response = client.get(reverse("hotline_publishing:list"))
    assert response.status_code == 302 and "login" in response["Location"]
