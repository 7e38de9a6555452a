"""The shells' static files exist and work with the production storage (collectstatic + manifest)."""

import re

import pytest
from django.core.management import call_command

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.portal.tests.factories import make_beihu

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_portal_and_workbench_pages_render_with_the_manifest_storage(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = MANIFEST_STORAGE
    call_command("collectstatic", interactive=False, verbosity=0)
    district = make_beihu()
    staff = make_staff("wangwu", district, Role.COORDINATOR)

    pages = [client.get("/"), client.get("/xxgk/"), client.get("/staff/login/")]
    client.force_login(staff)
    pages.append(client.get("/staff/"))

    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        # Hashed names prove every reference resolved through the manifest.
        assert re.search(r'/static/css/(portal|workbench)\.[0-9a-f]{12}\.css"', html)
        assert re.search(r'/static/js/(portal-prefs|workbench)\.[0-9a-f]{12}\.js"', html)
