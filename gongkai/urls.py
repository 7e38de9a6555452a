"""URL map. Each surface has its own URL file: the public portal, the staff workbench, the APIs."""

from django.contrib import admin
from django.urls import include, path

from gongkai.hotline import urls_public as hotline_public
from gongkai.hotline import urls_staff as hotline_staff

admin.site.site_header = "公开 Gongkai · 系统配置"
admin.site.site_title = "公开 Gongkai"
admin.site.index_title = "配置管理"
# The admin configures the whole platform; district staff work in the workbench, where the
# permission module scopes everything to their district and organisation.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    # The public portal first: it takes most of the traffic, and its addresses (xxgk/…, search/
    # and the home page) overlap none below, so trying them first changes no match.
    path("", include("gongkai.catalog.urls_public")),
    path("", include("gongkai.portal.urls")),
    path("xxgk/qlqd/", include("gongkai.powers.urls_public")),
    path("xxgk/bszn/", include("gongkai.services.urls_public")),
    path("xxgk/sgs/", include("gongkai.decisions.urls_public")),
    path("xxgk/czzj/", include("gongkai.finance.urls_public")),
    path("xxgk/zfcg/", include("gongkai.procurement.urls_public")),
    path("xxgk/gsgg/", include("gongkai.publicity.urls_public")),
    path("xxgk/hysj/", include("gongkai.sectors.urls_public")),
    path("xxgk/ndbg/", include("gongkai.reports.urls_public")),
    path("xxgk/dcjk/", include("gongkai.supervision.urls_public")),
    path("xxgk/gzcy/", include("gongkai.analytics.urls_public")),
    path("admin/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
    path("staff/personal/", include("gongkai.personal.urls")),
    path("staff/catalog/", include("gongkai.catalog.urls_staff")),
    path("staff/applications/", include("gongkai.applications.urls_staff")),
    # The hotline's staff and public URL files each serve more than one namespace.
    path("staff/hotline/bulletins/", include(hotline_staff.bulletins)),
    path("staff/hotline/publish/", include(hotline_staff.publishing)),
    path("staff/hotline/", include("gongkai.hotline.urls_staff")),
    path("staff/powers/", include("gongkai.powers.urls_staff")),
    path("staff/services/", include("gongkai.services.urls_staff")),
    path("staff/decisions/", include("gongkai.decisions.urls_staff")),
    path("staff/finance/", include("gongkai.finance.urls_staff")),
    path("staff/procurement/", include("gongkai.procurement.urls_staff")),
    path("staff/publicity/", include("gongkai.publicity.urls_staff")),
    path("staff/sectors/", include("gongkai.sectors.urls_staff")),
    path("staff/reports/", include("gongkai.reports.urls_staff")),
    path("staff/supervision/", include("gongkai.supervision.urls_staff")),
    path("staff/analytics/", include("gongkai.analytics.urls_staff")),
    path("staff/orgs/", include("gongkai.accounts.urls_orgs")),
    path("staff/calendar/", include("gongkai.workcal.urls")),
    path("staff/people/", include("gongkai.accounts.urls")),
    path("staff/audit/", include("gongkai.workbench.urls_audit")),
    path("staff/api/", include("gongkai.api.staff_urls")),
    path("staff/", include("gongkai.workbench.urls")),
    path("api/", include("gongkai.api.urls")),
    path("apply/", include("gongkai.applications.urls_public")),
    path("mailbox/", include("gongkai.hotline.urls_public")),
    path("hotline/roster/", include(hotline_public.roster)),
    path("open311/v2/", include("gongkai.hotline.urls_open311")),
]

# The platform's own error page; a database out of reach answers 503 with the form kept (lib/errorpages.py).
handler500 = "gongkai.lib.errorpages.server_error"
