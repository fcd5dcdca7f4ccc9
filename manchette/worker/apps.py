"""The worker app: the background task worker, able to take up what a crash cut short."""

from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "manchette.worker"
    verbose_name = "Tâches de fond"
