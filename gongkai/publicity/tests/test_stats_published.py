"""``stats.published``: the lists and notices the figures count, each with its households — what the
annual report's trace lists (added for gongkai/reports)."""

import pytest

from gongkai.publicity import stats
from gongkai.publicity.kinds import Kind

pytestmark = pytest.mark.django_db


def test_published_lists_exactly_what_the_figures_count_with_their_households(
    filled, publish, make_list, personas, march_2018
):
    three = publish(filled(3))
    two = publish(filled(2, title="2018年3月城市低保公示（二）"))
    filled(4, title="草稿名单")  # a draft: not counted
    found = stats.published(personas.district, 2018, kinds=(Kind.URBAN_DIBAO,))
    assert [(p.pk, t.households) for p, t in found] == [(three.pk, 3), (two.pk, 2)]
    assert sum(t.households for _p, t in found) == stats.entries(personas.district, 2018)[Kind.URBAN_DIBAO].households
    assert sum(t.amount for _p, t in found) == stats.entries(personas.district, 2018)[Kind.URBAN_DIBAO].amount
    assert stats.published(personas.district, 2018, kinds=(Kind.LOW_RENT,)) == []
    assert stats.published(personas.other_department, 2018) == []
