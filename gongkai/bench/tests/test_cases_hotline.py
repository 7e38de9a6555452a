"""The hotline bulletins' benchmark pieces, quickly: the plain queries read the generated year, the
full baseline reads more than the four counts, and a bulletin's keywords come from the tickets'
kept words as they would from their matters."""

import importlib
import random

import pytest
from django.apps import apps

from gongkai.bench import cases_hotline
from gongkai.bench.registry import discover
from gongkai.hotline import hotissues
from gongkai.hotline.bulletins import month_tickets, monthly_bulletin
from gongkai.hotline.demo_steps import bulk_year
from gongkai.hotline.models import Ticket

pytestmark = pytest.mark.django_db


def test_the_hotline_benchmark_is_registered():
    assert "hotline_bulletins" in {bench.name for bench in discover()}


def test_the_plain_queries_and_the_bulletin_read_the_generated_year(personas):
    bulk_year(personas.district, cases_hotline.YEAR, 120, 6, random.Random(5), roster=False)
    counts = cases_hotline.plain_queries(personas.district, 3, counts_only=True)
    full = cases_hotline.plain_queries(personas.district, 3)
    tickets = month_tickets(personas.district, cases_hotline.YEAR, 3)
    assert 0 < counts < full and full - counts >= 2 * tickets.count()
    bulletin = monthly_bulletin(personas.district, cases_hotline.YEAR, 3)
    matters = tickets.values_list("matter", flat=True)
    place = hotissues.place_words(personas.district)
    assert bulletin.keywords and bulletin.keywords == hotissues.top_keywords(matters, 10, place)


def test_the_migration_keeps_the_words_of_tickets_recorded_before_it(personas):
    bulk_year(personas.district, cases_hotline.YEAR, 20, 0, random.Random(6), roster=False)
    Ticket.objects.update(keywords="")
    migration = importlib.import_module("gongkai.hotline.migrations.0002_ticket_keywords")
    migration.segment_existing(apps, None)
    for matter, kept in Ticket.objects.values_list("matter", "keywords"):
        assert kept and kept == hotissues.topic_words(matter)
