from django.apps import AppConfig


class StandingConfig(AppConfig):
    name = "standing"
    verbose_name = "Thường trực HĐND"
