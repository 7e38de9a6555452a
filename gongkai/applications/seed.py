"""Reference data seeded by migrations: the default reply-letter template of every outcome."""

from __future__ import annotations

from gongkai.applications.models import LetterTemplate
from gongkai.applications.outcomes import Outcome


def seed_default_templates(template_model=LetterTemplate) -> int:
    """Create the global default template of every outcome that has none (used by migration 0003)."""
    from gongkai.applications.letters import default_body, default_title  # letters re-exports this

    created = 0
    for outcome in Outcome.values:
        _obj, new = template_model.objects.get_or_create(
            district=None,
            outcome=outcome,
            defaults={"title": default_title(outcome), "body": default_body(outcome)},
        )
        created += new
    return created
