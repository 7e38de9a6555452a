import pytest

from gongkai.hotline import actions, suggest

pytestmark = pytest.mark.django_db


def test_the_suggestion_learns_from_past_dispatches_and_says_why(call, personas):
    for matter in ["学校划片入学问题", "孩子入学学位紧张", "学校校车安全问题", "教师补课收费问题"]:
        actions.dispatch(call(matter=matter), personas.department, actor=personas.operator)
    for matter in ["财政补贴资金未发放", "惠农补贴资金发放问题", "专项资金使用情况"]:
        actions.dispatch(
            call(matter=matter, category="财政"), personas.other_department, actor=personas.operator
        )
    model = suggest.Model(
        [
            (t.lead_id, t.matter)
            for t in __import__("gongkai.hotline.models", fromlist=["Ticket"]).Ticket.objects.all()
        ]
    )
    top = model.suggest("我家孩子入学的学校问题")[0]
    assert top.organisation_id == personas.department.pk
    assert "入学" in top.reasons or "学校" in top.reasons
    assert 0.5 < top.score <= 1
    assert model.suggest("补贴资金什么时候发放")[0].organisation_id == personas.other_department.pk
    assert model.suggest("") == []
