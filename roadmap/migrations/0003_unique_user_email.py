"""One account per e-mail address, whatever its letter case.

auth.User does not enforce it; the sign-up form checks it, and this index
closes the gap when two sign-ups with the same address race each other.
Blank addresses (accounts made by `createsuperuser` without one) are exempt.
SQLite and PostgreSQL both support expression and partial indexes.
"""

from django.db import migrations

INDEX = "auth_user_email_lower_unique"


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("roadmap", "0002_careerprofile_calendar_token_and_more"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE UNIQUE INDEX {INDEX} ON auth_user (LOWER(email)) WHERE email <> ''",
            f"DROP INDEX {INDEX}",
        ),
    ]
