"""The demo district's power list: a few hundred powers from 2016, and the seed's 2018 changes —
北政发〔2018〕10号 and 〔2018〕26号: 28 cancelled or partly cancelled, 22 added, 4 taken over, 12
adjusted, as the annual report says and as stats.py reads them back."""

import datetime as dt
import io

import pytest

from gongkai.catalog.models import Item
from gongkai.powers import listing, stats
from gongkai.powers.demo_steps import load_powers
from gongkai.powers.models import ChangeKind, DocumentState, PowerChange, SourceDocument
from gongkai.powers.public import public_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from gongkai.demo.district import build_district

    district = build_district()
    load_powers(district, stdout=io.StringIO())
    return district


def test_the_seed_figures_of_2018_read_back_from_stats(demo):
    assert stats.report_counts(demo, 2018) == {"cancelled_or_partly": 28, "added": 22, "taken_over": 4, "adjusted": 12}
    counts = stats.change_counts(demo, 2018)
    assert counts[ChangeKind.CANCEL] + counts[ChangeKind.PARTIAL_CANCEL] == 28


def test_the_two_documents_of_2018_are_the_seeds_and_their_notices_are_public(demo):
    documents = {d.number: d for d in SourceDocument.objects.filter(district=demo, issued_on__year=2018)}
    assert set(documents) == {"北政发〔2018〕10号", "北政发〔2018〕26号"}
    for document in documents.values():
        assert document.state == DocumentState.RELEASED
        item = Item.objects.get(pk=document.notice_item_id)
        assert item.is_public and item.live.doc_number == document.number
    assert documents["北政发〔2018〕26号"].changes.filter(kind=ChangeKind.CANCEL).count() == 12


def test_a_few_hundred_powers_across_the_departments(demo):
    in_force = listing.in_force(public_changes(demo), dt.date(2017, 12, 31))
    assert 250 <= in_force.count() <= 450
    assert in_force.values("organisation").distinct().count() >= 20
    after = stats.in_force_count(demo, dt.date(2018, 12, 31))
    assert after == in_force.count() - 22 + 22 + 4  # 22 cancelled for good, 22 added, 4 taken over


def test_every_change_follows_the_rules_of_the_actions(demo):
    """Written in bulk, the history still reads as the actions would have recorded it."""
    for change in PowerChange.objects.filter(power__district=demo, document__issued_on__year=2018).select_related("power"):
        before = listing.state_on(PowerChange.objects.exclude(pk=change.pk), change.power_id, change.effective_on)
        if change.kind in (ChangeKind.ADD, ChangeKind.TAKE_OVER):
            assert before is None
        else:
            assert before is not None and before.in_force


def test_loading_again_changes_nothing_and_the_live_batch_is_a_draft(demo):
    before = PowerChange.objects.count()
    load_powers(demo, stdout=io.StringIO())
    assert PowerChange.objects.count() == before
    live = SourceDocument.objects.filter(district=demo, state=DocumentState.DRAFT)
    assert live.count() == 1 and live.get().changes.count() == 2
