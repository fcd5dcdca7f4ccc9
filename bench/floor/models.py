from django.db import models


class Story(models.Model):
    title = models.CharField(max_length=250)
    standfirst = models.TextField()
    body = models.TextField()  # HTML, shown as it is

    def __str__(self) -> str:
        return self.title
