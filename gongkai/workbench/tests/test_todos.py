import datetime as dt

import pytest

from gongkai.workbench import todos
from gongkai.workbench.todos import Todo, Urgency, collect_todos, register_todo_provider, urgency_for_due

pytestmark = pytest.mark.django_db

TODAY = dt.date(2019, 3, 13)


@pytest.fixture
def isolated_providers(monkeypatch):
    monkeypatch.setattr(todos, "_PROVIDERS", [])


@pytest.fixture
def editor(personas):
    return personas.editor


def applications(user):
    return [
        Todo(
            "待答复的依申请公开",
            "/staff/applications/",
            count=2,
            due=TODAY,
            urgency=Urgency.SOON,
            category="依申请公开",
        ),
        Todo(
            "超期未答复的申请",
            "/staff/applications/?overdue=1",
            count=1,
            due=TODAY - dt.timedelta(days=2),
            urgency=Urgency.OVERDUE,
            category="依申请公开",
        ),
    ]


def catalog(user):
    return [
        Todo("待保密审查的政府信息", "/staff/catalog/review/", count=5, category="主动公开"),
        Todo(
            "即将到期的公示",
            "/staff/catalog/publicity/",
            due=TODAY + dt.timedelta(days=1),
            urgency=Urgency.SOON,
        ),
    ]


def broken(user):
    raise RuntimeError("hotline database unavailable")


def test_to_do_providers_items_appear_on_the_workbench_home(client, editor, isolated_providers):
    register_todo_provider(applications)
    register_todo_provider(catalog)
    client.force_login(editor)

    html = client.get("/staff/").content.decode()

    for title in ("待答复的依申请公开", "超期未答复的申请", "待保密审查的政府信息", "即将到期的公示"):
        assert title in html
    assert html.index("超期未答复的申请") < html.index("待答复的依申请公开") < html.index("即将到期的公示")
    assert html.index("即将到期的公示") < html.index("待保密审查的政府信息")
    assert "已超期" in html and "即将到期" in html
    assert "5 件" in html and "2019-03-11" in html
    assert "暂无待办事项" not in html


def test_to_dos_are_sorted_by_urgency_then_due_date(editor, isolated_providers):
    register_todo_provider(catalog)
    register_todo_provider(applications)

    titles = [t.title for t in collect_todos(editor).items]

    assert titles == ["超期未答复的申请", "待答复的依申请公开", "即将到期的公示", "待保密审查的政府信息"]


def test_empty_to_do_list_says_so(client, editor, isolated_providers):
    client.force_login(editor)

    assert "暂无待办事项" in client.get("/staff/").content.decode()


def test_a_failing_provider_does_not_break_the_page(client, editor, isolated_providers, caplog):
    register_todo_provider(broken)
    register_todo_provider(catalog)
    client.force_login(editor)

    response = client.get("/staff/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "待保密审查的政府信息" in html
    assert "部分待办事项暂时无法加载" in html
    assert "hotline database unavailable" in caplog.text


def test_registering_a_provider_twice_lists_its_items_once(editor, isolated_providers):
    register_todo_provider(catalog)
    register_todo_provider(catalog)

    assert len(collect_todos(editor).items) == 2


def test_register_todo_provider_works_as_a_decorator(isolated_providers):
    @register_todo_provider
    def provider(user):
        return []

    assert todos.providers() == [provider]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (None, Urgency.NORMAL),
        (TODAY - dt.timedelta(days=1), Urgency.OVERDUE),
        (TODAY, Urgency.SOON),
        (TODAY + dt.timedelta(days=3), Urgency.SOON),
        (TODAY + dt.timedelta(days=4), Urgency.NORMAL),
    ],
)
def test_urgency_follows_from_the_due_date(due, expected):
    assert urgency_for_due(due, today=TODAY) == expected
