"""The demo's year of cases reproduces the seed: 406,000 cases, 54,860 visits (近5.5万人次),
满意率 100 %, and 卫健局's counts per item exactly; a sample is the same rows as the full year."""

from collections import Counter

from gongkai.services.demo_steps import ITEMS, SEED_TOTAL, SEED_VISITS, CaseGenerator
from gongkai.services.models import ItemType, ServiceItem


def _items(personas):
    made = []
    for n, (name, type, basis, _p, _l, _v, share) in enumerate(ITEMS["卫健局"] + ITEMS["公安分局"]):
        item = ServiceItem.objects.create(
            district=personas.district,
            code=f"D-{n}",
            name=name,
            type=type,
            department=personas.department,
            organisation=personas.department,
            basis=basis,
        )
        made.append((item, share))
    return made


def test_the_generated_year_holds_the_seeds_figures(personas):
    made = _items(personas)
    gen = CaseGenerator(made, {}, SEED_TOTAL)
    per_item = Counter(gen.items[i].name for i in gen.item_of)
    assert sum(per_item.values()) == SEED_TOTAL == 406_000
    seed = {
        "公共场所卫生许可": 327,
        "医师执业注册": 240,
        "护士执业注册": 836,
        "再生育审批": 145,
        "独生子女父母光荣证补办": 11,
    }
    assert {name: per_item[name] for name in seed} == seed
    assert sum(gen.visits) == SEED_VISITS == 54_860
    sample = [gen.row(n) for n in range(0, SEED_TOTAL, 1000)]
    assert {row[9] for row in sample} <= {"", "非常满意", "满意", "基本满意"}  # no 差评: 满意率 100 %
    assert len({row[0] for row in sample}) == len(sample)
    again = CaseGenerator(made, {}, SEED_TOTAL)
    assert [again.row(n) for n in range(0, SEED_TOTAL, 1000)] == sample  # a sample is the same rows
    assert all(row[1] for row in sample) and ItemType.LICENSING in {i.type for i, _s in made}
