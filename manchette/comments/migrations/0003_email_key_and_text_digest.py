"""Comments compared exactly: a normalised address (email_key) and a digest of the text
as read (text_digest), filled in for the comments already stored."""

from django.conf import settings
from django.db import migrations, models

from manchette.comments.models import email_key, text_digest


def fill_keys(apps, schema_editor) -> None:
    Comment = apps.get_model("comments", "Comment")
    batch = []
    for comment in Comment.objects.only("pk", "email", "text").iterator(chunk_size=500):
        comment.email_key = email_key(comment.email)
        comment.text_digest = text_digest(comment.text)
        batch.append(comment)
        if len(batch) == 500:
            Comment.objects.bulk_update(batch, ["email_key", "text_digest"])
            batch = []
    Comment.objects.bulk_update(batch, ["email_key", "text_digest"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_article_listing_indexes'),
        ('comments', '0002_import_ref'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='comment',
            name='comments_co_email_7ec44a_idx',
        ),
        migrations.AddField(
            model_name='comment',
            name='email_key',
            field=models.CharField(db_index=True, default='', editable=False, max_length=254),
        ),
        migrations.AddField(
            model_name='comment',
            name='text_digest',
            field=models.CharField(default='', editable=False, max_length=32),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['article', 'text_digest'], name='comments_co_article_976b8a_idx'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
