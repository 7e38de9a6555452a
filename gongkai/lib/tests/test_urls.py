"""Remembered reversing answers what ``reverse`` answers, whatever the URLconf or prefix."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix, set_urlconf

from gongkai.lib import urls
from gongkai.lib.urls import remembered_reverse


@pytest.fixture(autouse=True)
def _fresh():
    urls._REMEMBERED.clear()
    yield
    urls._REMEMBERED.clear()


def test_it_answers_what_reverse_answers_and_asks_once():
    assert remembered_reverse("catalog:column", "zcfg") == reverse("catalog:column", args=["zcfg"])
    assert remembered_reverse("catalog:item", 7) == reverse("catalog:item", args=[7]) == "/xxgk/xx/7/"
    assert len(urls._REMEMBERED) == 2
    remembered_reverse("catalog:item", 7)
    assert len(urls._REMEMBERED) == 2


def test_a_script_prefix_is_part_of_the_answer():
    plain = remembered_reverse("catalog:item", 7)
    set_script_prefix("/gov/")
    try:
        assert remembered_reverse("catalog:item", 7) == "/gov/xxgk/xx/7/" != plain
    finally:
        clear_script_prefix()
    assert remembered_reverse("catalog:item", 7) == plain


def test_another_urlconf_is_asked_anew(settings):
    assert remembered_reverse("catalog:item", 7) == "/xxgk/xx/7/"
    set_urlconf("gongkai.lib.tests.urls_elsewhere")
    try:
        with pytest.raises(NoReverseMatch):
            remembered_reverse("catalog:item", 7)
    finally:
        set_urlconf(None)
    settings.ROOT_URLCONF = "gongkai.lib.tests.urls_elsewhere"
    with pytest.raises(NoReverseMatch):
        remembered_reverse("catalog:item", 7)


def test_it_forgets_everything_rather_than_grow_without_end(monkeypatch):
    monkeypatch.setattr(urls, "_MOST", 3)
    for pk in range(5):
        assert remembered_reverse("catalog:item", pk) == f"/xxgk/xx/{pk}/"
    assert len(urls._REMEMBERED) <= 3
