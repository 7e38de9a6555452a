import pytest

from gongkai.catalog import actions
from gongkai.catalog.models import Column


@pytest.fixture
def column(personas):
    return Column.objects.get(district=personas.district, slug="gzdt")


@pytest.fixture
def make_version(personas, column):
    def make(
        title="关于做好2018年城乡低保资金发放工作的通知",
        body="<p>各乡镇（街道）：现将有关事项通知如下。</p>",
        **content,
    ):
        content.setdefault("column", column)
        return actions.create_item(
            actor=personas.editor, organisation=personas.department, title=title, body=body, **content
        )

    return make


@pytest.fixture
def publish(personas):
    def run(version):
        actions.submit(version, actor=personas.editor)
        actions.review(version, actor=personas.reviewer, passed=True)
        return actions.approve(version, actor=personas.leader, approved=True)

    return run
