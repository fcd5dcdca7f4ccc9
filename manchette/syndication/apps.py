"""The syndication app: feeds, sitemaps, robots.txt, structured data and social cards."""

from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "manchette.syndication"
    verbose_name = "Diffusion"
