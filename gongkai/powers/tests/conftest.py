"""Fixtures of the power list's tests: documents of the education department (教育局, where the
personas' editor, reviewer and leader work), powers entered under them, and publication through
the catalog's real workflow."""

import datetime as dt

import pytest

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.powers import actions
from gongkai.powers.models import ChangeKind, PowerType, SourceDocument

BASIS = "《中华人民共和国民办教育促进法》第十二条"
DUTIES = "1.受理责任：公示应当提交的材料。2.审查责任：审核申请材料。3.决定责任：作出决定。"


@pytest.fixture
def make_document(personas):
    def make(
        number="教发〔2016〕1号", issued_on=dt.date(2016, 6, 1), title=None, actor=None, organisation=None
    ):
        return actions.create_document(
            actor=actor or personas.editor,
            organisation=organisation or personas.department,
            number=number,
            title=title or f"关于公布行政权力清单的通知（{number}）",
            issued_on=issued_on,
        )

    return make


@pytest.fixture
def add_power(personas):
    """Record a power new to the list (清单公布 unless told) under ``document``."""

    def add(
        document, code, name=None, *, kind=ChangeKind.BASELINE, type=PowerType.LICENSING, actor=None, **extra
    ):
        extra.setdefault("organisation", personas.department)
        return actions.record_change(
            document,
            actor=actor or personas.editor,
            code=code,
            kind=kind,
            name=name or f"权力{code}",
            type=type,
            basis=BASIS,
            responsibilities=DUTIES,
            **extra,
        )

    return add


@pytest.fixture
def publish(personas):
    """Release a document and take its notice through the catalog's review and approval."""

    def run(document: SourceDocument) -> SourceDocument:
        document = actions.release_document(document, actor=personas.editor)
        version = Version.objects.get(item_id=document.notice_item_id)
        catalog_actions.submit(version, actor=personas.editor)
        catalog_actions.review(version, actor=personas.reviewer, passed=True)
        catalog_actions.approve(version, actor=personas.leader, approved=True)
        return document

    return run


@pytest.fixture
def listed(make_document, add_power, publish):
    """A published list of three powers of 教育局 as of 1 June 2016: JY-001, JY-002, JY-003."""
    document = make_document()
    for code, kind in (
        ("JY-001", PowerType.LICENSING),
        ("JY-002", PowerType.PENALTY),
        ("JY-003", PowerType.INSPECTION),
    ):
        add_power(document, code, type=kind)
    return publish(document)
