import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Each person's page version, which their kept pages are keyed on (roadmap.page_cache)."""

    dependencies = [
        ("roadmap", "0009_roadmap_share"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PageVersion",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=0)),
            ],
        ),
        # The people who signed up before: a row each (new people get theirs when they are made).
        migrations.RunSQL(
            "INSERT INTO roadmap_pageversion (user_id, number) SELECT id, 0 FROM auth_user",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
