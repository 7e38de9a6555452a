"""Fixtures of the annual reports' tests: applications generated straight into the tables (as an
imported ledger would leave them), so each test can count its expected cells independently."""

import datetime as dt
import itertools
import random

import pytest

from gongkai.applications.models import ApplicantType, Application, ReviewCase, Status
from gongkai.applications.outcomes import ApplicantCategory, Outcome
from gongkai.orgs.models import Organisation

_serial = itertools.count(1)


@pytest.fixture
def put_application():
    def put(
        organisation: Organisation,
        received_on: dt.date,
        *,
        category: str = ApplicantCategory.NATURAL,
        outcome: str = "",
        replied_on: dt.date | None = None,
    ) -> Application:
        n = next(_serial)
        natural = category == ApplicantCategory.NATURAL
        return Application.objects.create(
            district_id=organisation.district_id,
            organisation=organisation,
            number=f"T{received_on.year}-{n:06d}",
            query_code_hash=f"{n:064d}",
            status=Status.CLOSED if replied_on else Status.PROCESSING,
            channel="online",
            received_on=received_on,
            applicant_type=ApplicantType.NATURAL if natural else ApplicantType.LEGAL,
            category=category,
            name="申请人" if natural else "某某有限公司",
            phone="13800138000",
            description="所需信息",
            outcome=outcome if replied_on else "",
            replied_on=replied_on,
        )

    return put


@pytest.fixture
def ledger(personas, put_application):
    """Sixty applications of 教育局 and twenty of 财政局 from 2020 to 2022, random but seeded:
    categories, outcomes and dates drawn; some still open; and review and litigation cases."""
    rng = random.Random(13)
    made = []
    for organisation, count in ((personas.department, 60), (personas.other_department, 20)):
        for _ in range(count):
            received = dt.date(2020, 10, 1) + dt.timedelta(days=rng.randrange(0, 800))
            replied = received + dt.timedelta(days=rng.randrange(1, 60)) if rng.random() < 0.85 else None
            made.append(
                put_application(
                    organisation,
                    received,
                    category=rng.choice(ApplicantCategory.values),
                    outcome=rng.choice(Outcome.values),
                    replied_on=replied,
                )
            )
    kinds = ["review", "direct_suit", "suit_after_review"]
    results = ["maintained", "corrected", "other", "pending"]
    for app in made[:25]:
        ReviewCase.objects.create(
            application=app,
            kind=rng.choice(kinds),
            filed_on=app.received_on + dt.timedelta(days=70),
            result=rng.choice(results),
        )
    return made
