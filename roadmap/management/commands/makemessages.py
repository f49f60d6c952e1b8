"""`makemessages` that also finds the planner's msgids.

The planner cannot import Django, so it marks its words with its own functions
(roadmap/planner/messages.py): N_("...") and NP_("singular", "plural", count).
xgettext is told their names here; run it as

    python manage.py makemessages --locale es --ignore .venv --ignore node_modules

(`make messages` does). Django's own keywords (gettext, gettext_lazy, ...) still apply.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_", "--keyword=NP_:1,2"]
