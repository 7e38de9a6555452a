"""Every state change of the hotline and the mailbox: one function per verb, each checking
permission itself, running in one transaction and writing its audit event.

Split by noun; import from here (``from gongkai.hotline import actions; actions.dispatch(...)``):

- ``tickets``: intake and the verbs of ``hotline.workflow`` (dispatch … close), the export;
- ``publishing``: letters in the mailbox column (信件公开);
- ``bulletins``: a monthly bulletin drafted into the catalog (through ``catalog/interface.py``);
- ``roster``: the duty roster (接听安排), one shift or a spreadsheet;
- ``settings``: the district's categories and time limits.
"""

from gongkai.hotline.actions.bulletins import publish_bulletin
from gongkai.hotline.actions.publishing import publish_letter, unpublish_letter
from gongkai.hotline.actions.roster import delete_shift, import_roster, save_shift
from gongkai.hotline.actions.settings import save_category, update_limits
from gongkai.hotline.actions.tickets import (
    callback,
    close,
    dispatch,
    escalate,
    export_tickets,
    extend,
    find_by_query,
    intake,
    reopen,
    reply,
    return_ticket,
    transfer,
)

__all__ = [
    "callback",
    "close",
    "delete_shift",
    "dispatch",
    "escalate",
    "export_tickets",
    "extend",
    "find_by_query",
    "import_roster",
    "intake",
    "publish_bulletin",
    "publish_letter",
    "reopen",
    "reply",
    "return_ticket",
    "save_category",
    "save_shift",
    "transfer",
    "unpublish_letter",
    "update_limits",
]
