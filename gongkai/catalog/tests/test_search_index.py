"""The tantivy index follows the catalog: the outbox applied after each commit, by a search, or by
the task queue when the writer is busy; `manage.py search_index rebuild` and `check [--fix]`."""

import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.catalog import actions, search, search_tantivy
from gongkai.catalog.models import Item, SearchChange, SearchEntry

pytestmark = pytest.mark.django_db


def test_publishing_reaches_the_index_when_the_transaction_commits(
    make_version, publish, personas, django_capture_on_commit_callbacks
):
    version = make_version(title="城乡低保标准调整")
    with django_capture_on_commit_callbacks(execute=True):
        publish(version)
    assert SearchChange.objects.count() == 0  # applied by the writer after the commit
    assert search_tantivy.indexed_ids() == [version.item_id]
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(version.item, actor=personas.coordinator, reason="撤回")
    assert search_tantivy.indexed_ids() == []
    assert SearchChange.objects.count() == 0


def test_a_busy_writer_leaves_the_change_to_the_queue_and_the_next_writer(
    make_version, publish, personas, django_capture_on_commit_callbacks, monkeypatch
):
    from gongkai.catalog import search_tasks

    waits = []
    real_apply = search.apply_changes
    monkeypatch.setattr(search, "apply_changes", lambda *, wait=0.0: waits.append(wait) or real_apply(wait=0.3))
    writer = search_tantivy._writer(search_tantivy.get_index())  # another process, say
    try:
        version = make_version(title="城乡低保标准调整")
        with django_capture_on_commit_callbacks(execute=True):
            publish(version)
        # the after-commit apply found the lock taken and queued the task (run at once in tests),
        # which waited for the writer in vain: the change is still in the outbox
        assert waits == [30.0]
        assert SearchChange.objects.filter(item_id=version.item_id).exists()
        assert search_tasks.apply_search_changes  # the task the queue ran
    finally:
        writer.rollback()
        writer.wait_merging_threads()
    # the next search takes the free writer and applies the outbox first
    assert search.search("低保", district=personas.district).total == 1
    assert not SearchChange.objects.exists()


def test_a_correction_replaces_the_document_instead_of_adding_one(make_version, publish, personas):
    version = make_version(title="低保标准")
    publish(version)
    correction = actions.start_correction(version.item, actor=personas.editor)
    actions.update_draft(correction, actor=personas.editor, title="特困供养标准")
    publish(correction)
    search.apply_changes()
    assert search_tantivy.indexed_ids() == [version.item_id]


def _check(*args) -> str:
    out = io.StringIO()
    call_command("search_index", "check", *args, stdout=out)
    return out.getvalue()


def test_check_finds_drift_exits_non_zero_and_fix_repairs_it(make_version, publish, personas):
    kept = publish(make_version(title="低保公示"))
    lost = publish(make_version(title="低保资金发放"))
    search.apply_changes()
    assert "一致" in _check()
    # an entry deleted around the actions, and a withdrawal written around them too
    SearchEntry.objects.filter(item_id=lost.item_id).delete()
    Item.objects.filter(pk=kept.item_id).update(withdrawn_at=kept.item.first_published_at)
    with pytest.raises(CommandError) as failed:
        _check()
    assert failed.value.returncode == 1
    out = io.StringIO()
    call_command("search_index", "check", "--fix", stdout=out)
    assert "已修复" in out.getvalue()
    assert "一致" in _check()
    assert [h.item.pk for h in search.search("低保", district=personas.district).hits] == [lost.item_id]


def test_rebuild_recomputes_entries_and_the_index(make_version, publish, personas):
    items = [publish(make_version(title=f"低保公示第{n}批")).item_id for n in range(3)]
    draft = make_version(title="低保草稿")
    SearchEntry.objects.update(text="")  # entries gone stale
    search_tantivy.forget_indexes()
    out = io.StringIO()
    call_command("search_index", "rebuild", "--quiet", stdout=out)
    assert "3 条" in out.getvalue()
    assert sorted(search_tantivy.indexed_ids()) == sorted(items)
    assert search.search("低保", district=personas.district).total == 3
    assert draft.item_id not in search_tantivy.indexed_ids()


def test_the_database_engine_needs_no_index_directory(make_version, publish, personas, settings):
    settings.SEARCH_ENGINE = "database"
    publish(make_version(title="为民生工作提供有力保障"))
    assert not SearchChange.objects.exists()
    assert search.search("力保", district=personas.district).total == 1
    assert not settings.SEARCH_INDEX_DIR.exists()
