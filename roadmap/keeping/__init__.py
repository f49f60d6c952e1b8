"""Keeping credentials: held credentials, CEU cycles and the log, memberships, reminders, the calendar feed."""
