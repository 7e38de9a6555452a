import pytest
from django.db import transaction
from django_tasks import task

from gongkai.background import enqueue_on_commit

received = []


@task()
def remember(value_id: int) -> None:
    received.append(value_id)


@pytest.fixture(autouse=True)
def clear_received():
    received.clear()


@pytest.mark.django_db
def test_a_task_is_enqueued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_on_commit(remember, 7)
        assert received == []
    assert len(callbacks) == 1
    assert received == [7]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_enqueues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(remember, 7)
        raise RuntimeError("validation failed")
    assert received == []


def test_arguments_that_cannot_be_stored_are_refused_at_once():
    with pytest.raises(TypeError, match="pass IDs, not objects"):
        enqueue_on_commit(remember, object())
