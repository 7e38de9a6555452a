"""The report's transition table walked pair by pair: every verb from every state, through its
action — allowed where the table says, refused with IllegalTransition elsewhere."""

import pytest

from gongkai.sectors import actions, workflow
from gongkai.sectors.models import CheckKind, Report, ReportState, Version, VersionState

pytestmark = pytest.mark.django_db

CALLS = {
    "enter": lambda r, p, c: actions.enter_values(r, actor=p.editor, values={c["schools"].pk: "1269"}),
    "import": lambda r, p, c: actions.import_form(r, _sheet(), actor=p.editor),
    "explain": lambda r, p, c: actions.explain(
        r, actor=p.editor, indicator=c["land.total"], kind=CheckKind.PARTS_SUM, text="统计口径不同的原因"
    ),
    "submit": lambda r, p, c: actions.submit_report(r, actor=p.editor),
    "confirm": lambda r, p, c: actions.confirm_report(r, actor=p.leader),
    "return": lambda r, p, c: actions.return_report(r, actor=p.leader, reason="请核对数据"),
    "reopen": lambda r, p, c: actions.reopen_report(r, actor=p.coordinator, reason="请核对数据"),
    "publish": lambda r, p, c: actions.publish_version(r, actor=p.editor),
}
PAIRS = [(verb, state) for verb in workflow.TRANSITIONS for state in ReportState.values]


def _sheet():
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["指标代码", "本年数值"])
    book.active.append(["schools", 1270])
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_walk_covers_every_verb_of_the_table():
    assert set(CALLS) == set(workflow.TRANSITIONS)


def _in_state(report, state, personas):
    """Put the report (filled, its land check flagged) in ``state`` as the actions would."""
    Version.objects.create(
        report=report,
        number=1,
        state=VersionState.CONFIRMED if state == ReportState.CONFIRMED else VersionState.SUBMITTED,
        submitted_by=personas.editor,
    )
    Report.objects.filter(pk=report.pk).update(state=state)
    report.refresh_from_db()
    return report


@pytest.mark.parametrize(("verb", "state"), PAIRS)
def test_each_verb_from_each_state(personas, catalog, report, fill, verb, state):
    fill(report)
    if verb in ("submit",):
        actions.explain(
            report,
            actor=personas.editor,
            indicator=catalog["land.total"],
            kind=CheckKind.PARTS_SUM,
            text="统计口径不同的原因",
        )
    if state != ReportState.DRAFT:
        _in_state(report, state, personas)
    transition = workflow.TRANSITIONS[verb]
    if state in transition.sources:
        CALLS[verb](report, personas, catalog)
        report.refresh_from_db()
        assert report.state == (transition.target or state)
    else:
        with pytest.raises(workflow.IllegalTransition):
            CALLS[verb](report, personas, catalog)


def test_the_buttons_are_drawn_from_the_table():
    assert [t.verb for t in workflow.verbs_from(ReportState.SUBMITTED)] == ["confirm", "return"]
    assert [t.verb for t in workflow.verbs_from(ReportState.CONFIRMED)] == ["reopen", "publish"]
    assert {t.verb for t in workflow.verbs_from(ReportState.RETURNED)} == {
        "enter",
        "import",
        "explain",
        "submit",
    }
