from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def render(page_number: int, query: str = "") -> str:
    page = Paginator(list(range(250)), 10).page(page_number)
    request = RequestFactory().get("/staff/items/" + query)
    return render_to_string("workbench/_pagination.html", {"page_obj": page}, request=request)


def test_pagination_keeps_the_filters_in_its_links():
    html = render(5, "?q=%E9%A2%84%E7%AE%97&status=published&page=5")

    assert 'href="?q=%E9%A2%84%E7%AE%97&amp;status=published&amp;page=6"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert '<span aria-current="page">5</span>' in html
    assert "共 250 条，第 5 / 25 页" in html


def test_pagination_elides_long_page_ranges():
    html = render(12)

    assert "…" in html
    assert ">25</a>" in html and ">1</a>" in html
    assert ">6</a>" not in html


def test_first_page_has_no_previous_link():
    html = render(1)

    assert 'rel="prev"' not in html and 'aria-disabled="true">上一页' in html


def test_a_single_page_only_shows_the_total():
    page = Paginator(list(range(3)), 10).page(1)
    html = render_to_string(
        "workbench/_pagination.html", {"page_obj": page}, request=RequestFactory().get("/")
    )

    assert "共 3 条" in html and "<nav" not in html
