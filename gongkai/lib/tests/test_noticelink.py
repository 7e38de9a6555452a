"""The notice-link mixins give the registries' models the fields they declared before, and
``publications`` tells each entry's standing in the catalog from the references it is given."""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from gongkai.decisions.models import Batch
from gongkai.finance.models import Disclosure
from gongkai.lib import noticelink
from gongkai.powers.models import SourceDocument
from gongkai.publicity.models import Publicity
from gongkai.sectors.models import Version
from gongkai.services.models import ServiceGuide


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (SourceDocument, ["notice_item_id", "released_by", "released_at", "created_by", "created_at"]),
        (Publicity, ["notice_item_id", "released_by", "released_at", "created_by", "created_at"]),
        (ServiceGuide, ["notice_item_id", "released_by", "released_at"]),
        (Disclosure, ["released_by", "released_at", "created_by", "created_at"]),
        (Batch, ["notice_item_id"]),
        (Version, ["notice_item_id"]),
    ],
)
def test_the_models_have_the_mixins_fields_with_their_columns(model, fields):
    for name in fields:
        field = model._meta.get_field(name)
        assert field.model is model  # a concrete field of the model's own table
        assert field.column == field.attname
    # The users' links point nowhere back (related_name="+"), as they did.
    for name in ("released_by", "created_by"):
        if name in fields:
            assert model._meta.get_field(name).remote_field.related_name == "+"


def test_a_model_may_read_a_field_its_own_way():
    assert str(ServiceGuide._meta.get_field("created_by").verbose_name) == "编写人"
    assert str(SourceDocument._meta.get_field("created_by").verbose_name) == "登记人"
    assert str(Batch._meta.get_field("released_at").verbose_name) == "提交时间"


@dataclass(frozen=True)
class Publication:
    label: str
    is_public: bool
    notice: object = None


def entry(pk, item_id, state="released"):
    return SimpleNamespace(pk=pk, notice_item_id=item_id, state=state)


def test_each_entry_is_a_draft_gone_public_or_in_the_workflow():
    public = SimpleNamespace(is_public=True, state_label="已发布")
    pending = SimpleNamespace(is_public=False, state_label="待审核")
    refs = {10: public, 11: pending, 12: pending}
    entries = [entry(1, 10), entry(2, 11), entry(3, 99), entry(4, None), entry(5, 12, "draft")]
    assert noticelink.item_ids(entries) == [10, 11, 99, 12]
    found = noticelink.publications(entries, refs, Publication, is_draft=lambda e: e.state == "draft")
    assert found == {
        1: Publication("已公开", True, public),
        2: Publication("公告待审核", False, pending),
        3: Publication("公告不存在", False, None),
        4: Publication("公告不存在", False, None),
        5: Publication("草稿", False, pending),
    }
    own_words = noticelink.publications(
        entries,
        refs,
        Publication,
        is_draft=lambda e: e.state == "draft",
        draft="未提交发布",
        missing="信息不存在",
        in_workflow="信息%(state)s",
        draft_keeps_notice=False,
    )
    assert [own_words[pk].label for pk in (2, 3, 5)] == ["信息待审核", "信息不存在", "未提交发布"]
    assert own_words[5].notice is None


def test_the_item_id_may_live_under_another_name():
    refs = {7: SimpleNamespace(is_public=True, state_label="已发布")}
    rows = [SimpleNamespace(pk=1, item_id=7)]
    assert noticelink.item_ids(rows, item_id=lambda r: r.item_id) == [7]
    assert noticelink.publications(rows, refs, Publication, item_id=lambda r: r.item_id)[1].is_public
