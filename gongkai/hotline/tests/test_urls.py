"""Every hotline address and URL name as it was before the URL files were brought together: these
are stable interfaces (bookmarks, links in mail and in printed bulletins, Open311 clients)."""

import pytest
from django.urls import resolve, reverse

from gongkai.hotline import api_open311, views_public, views_staff

ADDRESSES = [
    # the staff workbench (hotline_staff)
    ("hotline_staff:list", [], "/staff/hotline/", views_staff.ticket_list),
    ("hotline_staff:export", [], "/staff/hotline/export.xlsx", views_staff.ticket_export),
    ("hotline_staff:new", [], "/staff/hotline/new/", views_staff.ticket_new),
    ("hotline_staff:lookup", [], "/staff/hotline/lookup/", views_staff.caller_lookup),
    ("hotline_staff:mine", [], "/staff/hotline/mine/", views_staff.my_tickets),
    ("hotline_staff:detail", [7], "/staff/hotline/7/", views_staff.ticket_detail),
    ("hotline_staff:dispatch", [7], "/staff/hotline/7/dispatch/", views_staff.ticket_dispatch),
    ("hotline_staff:return", [7], "/staff/hotline/7/return/", views_staff.ticket_return),
    ("hotline_staff:transfer", [7], "/staff/hotline/7/transfer/", views_staff.ticket_transfer),
    ("hotline_staff:extend", [7], "/staff/hotline/7/extend/", views_staff.ticket_extend),
    ("hotline_staff:escalate", [7], "/staff/hotline/7/escalate/", views_staff.ticket_escalate),
    ("hotline_staff:reply", [7], "/staff/hotline/7/reply/", views_staff.ticket_reply),
    ("hotline_staff:callback", [7], "/staff/hotline/7/callback/", views_staff.ticket_callback),
    ("hotline_staff:close", [7], "/staff/hotline/7/close/", views_staff.ticket_close),
    ("hotline_staff:roster", [], "/staff/hotline/roster/", views_staff.roster_month),
    ("hotline_staff:roster_new", [], "/staff/hotline/roster/new/", views_staff.roster_edit),
    ("hotline_staff:roster_edit", [7], "/staff/hotline/roster/7/edit/", views_staff.roster_edit),
    ("hotline_staff:roster_delete", [7], "/staff/hotline/roster/7/delete/", views_staff.roster_delete),
    ("hotline_staff:roster_import", [], "/staff/hotline/roster/import/", views_staff.roster_import),
    ("hotline_staff:roster_template", [], "/staff/hotline/roster/template.xlsx", views_staff.roster_template),
    ("hotline_staff:settings", [], "/staff/hotline/settings/", views_staff.settings_page),
    ("hotline_staff:category_add", [], "/staff/hotline/settings/categories/new/", views_staff.category_save),
    ("hotline_staff:category_edit", [7], "/staff/hotline/settings/categories/7/", views_staff.category_save),
    ("hotline_staff:limits", [], "/staff/hotline/settings/limits/", views_staff.limits_save),
    # bulletins and hot issues (hotline_bulletins)
    ("hotline_bulletins:list", [], "/staff/hotline/bulletins/", views_staff.bulletin_list),
    ("hotline_bulletins:detail", [2025, 6], "/staff/hotline/bulletins/2025/6/", views_staff.bulletin_detail),
    ("hotline_bulletins:docx", [2025, 6], "/staff/hotline/bulletins/2025/6/docx/", views_staff.bulletin_docx),
    (
        "hotline_bulletins:publish",
        [2025, 6],
        "/staff/hotline/bulletins/2025/6/publish/",
        views_staff.bulletin_publish,
    ),
    ("hotline_bulletins:hot", [], "/staff/hotline/bulletins/hot/", views_staff.hot_issues),
    (
        "hotline_bulletins:special_report",
        [],
        "/staff/hotline/bulletins/hot/report.docx",
        views_staff.special_report,
    ),
    # publishing letters (hotline_publishing)
    ("hotline_publishing:list", [], "/staff/hotline/publish/", views_staff.publish_list),
    (
        "hotline_publishing:edit",
        ["4310022500001"],
        "/staff/hotline/publish/4310022500001/",
        views_staff.publish_edit,
    ),
    # the public mailbox (mailbox) and roster (hotline_roster)
    ("mailbox:form", [], "/mailbox/", views_public.mailbox),
    ("mailbox:receipt", [], "/mailbox/receipt/", views_public.receipt),
    ("mailbox:follow", [], "/mailbox/follow/", views_public.follow),
    ("mailbox:follow_result", [], "/mailbox/follow/letter/", views_public.follow_result),
    ("mailbox:follow_end", [], "/mailbox/follow/end/", views_public.follow_end),
    ("mailbox:letters", [], "/mailbox/letters/", views_public.letters),
    ("mailbox:letter", ["4310022500001"], "/mailbox/letters/4310022500001/", views_public.letter),
    ("hotline_roster:public", [], "/hotline/roster/", views_public.roster_month),
    # Open311 GeoReport v2 (open311)
    ("open311:discovery", [], "/open311/v2/discovery.json", api_open311.discovery),
    ("open311:services", [], "/open311/v2/services.json", api_open311.services),
    ("open311:requests", [], "/open311/v2/requests.json", api_open311.requests),
    (
        "open311:request",
        ["4310022500001"],
        "/open311/v2/requests/4310022500001.json",
        api_open311.request_detail,
    ),
]


@pytest.mark.parametrize(("name", "args", "address", "view"), ADDRESSES, ids=[a[0] for a in ADDRESSES])
def test_every_hotline_address_keeps_its_name_and_its_page(name, args, address, view):
    assert reverse(name, args=args) == address
    found = resolve(address)
    assert f"{found.namespace}:{found.url_name}" == name
    assert found.func == view
