"""State changes of disclosure applications, one function per verb, by noun: the application
(``applications.py``), the ledger of applications handled before the platform (``ledger.py``), clock stops (``stops.py``), review cases (``reviews.py``), the reply's
documents (``documents.py``) and letters (``letters.py``).

Each runs in one transaction, checks permission (``permissions``) and state (``workflow``) first,
then validity, and writes the audit event (never with the applicant's personal data in it). The
looks at personal data that are not a field's "显示" (the ID copy, a letter's files) are actions
too: they are audited. Use them as ``from gongkai.applications import actions; actions.accept(…)``.
"""

from gongkai.applications.actions.applications import (
    APPLICANT_FIELDS,
    accept,
    close,
    extend,
    find_by_query,
    open_id_copy,
    receipt_date,
    record_delivery,
    submit_application,
    transfer,
)
from gongkai.applications.actions.documents import attach_document, remove_document
from gongkai.applications.actions.ledger import import_ledger, ledger_organisation
from gongkai.applications.actions.letters import (
    GeneratedLetter,
    generate_letter,
    open_letter,
    reset_template,
    save_template,
)
from gongkai.applications.actions.reviews import add_review_case, decide_review_case
from gongkai.applications.actions.stops import (
    end_stop,
    issue_fee_notice,
    recount_stop_periods,
    request_clarification,
    start_consultation,
)

__all__ = [
    "APPLICANT_FIELDS",
    "GeneratedLetter",
    "accept",
    "add_review_case",
    "attach_document",
    "close",
    "decide_review_case",
    "end_stop",
    "extend",
    "find_by_query",
    "generate_letter",
    "import_ledger",
    "issue_fee_notice",
    "ledger_organisation",
    "open_id_copy",
    "open_letter",
    "receipt_date",
    "record_delivery",
    "recount_stop_periods",
    "remove_document",
    "request_clarification",
    "reset_template",
    "save_template",
    "start_consultation",
    "submit_application",
    "transfer",
]
