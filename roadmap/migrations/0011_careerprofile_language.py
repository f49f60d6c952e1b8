from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0010_page_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="careerprofile",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Español")],
                default="en",
                help_text="The language of reminder e-mails and the calendar feed.",
                max_length=10,
                verbose_name="language",
            ),
        ),
    ]
