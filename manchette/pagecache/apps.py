from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "manchette.pagecache"
    verbose_name = "Cache des pages"

    def ready(self) -> None:
        from . import signals  # noqa: F401
