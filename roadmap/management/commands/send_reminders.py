"""E-mail each user the reminders due today. Meant for cron, once a day; running it again sends nothing new."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from roadmap.keeping.reminders import send_reminders


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Command(BaseCommand):
    help = (
        "E-mail each user, once per event, the roadmap steps due within a week or overdue, the CEU cycles "
        "ending within 90 and 30 days, and the memberships renewing within 30 days. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_day, help="Run as of this day (YYYY-MM-DD) instead of today.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; send and log nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        summary = send_reminders(today=today, dry_run=options["dry_run"])
        if summary.dry_run:
            for reminder in summary.sent:
                self.stdout.write(f"{reminder.user.email}:")
                for event in reminder.events:
                    self.stdout.write(f"  {event.key}  {event.text}")
            self.stdout.write(
                f"Dry run for {today.isoformat()}: would send {_plural(summary.emails, 'e-mail')} "
                f"about {_plural(summary.events, 'event')}. Nothing was sent or logged."
            )
            return
        self.stdout.write(
            f"Reminders for {today.isoformat()}: sent {_plural(summary.emails, 'e-mail')} "
            f"about {_plural(summary.events, 'event')}."
        )
        if summary.failed:
            raise CommandError(
                f"Could not send {_plural(len(summary.failed), 'e-mail')} (see the log): "
                "nothing was logged for them, so the next run tries again."
            )
