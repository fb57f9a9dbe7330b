from django.apps import AppConfig


class PlenaryConfig(AppConfig):
    name = "plenary"
    verbose_name = "Kỳ họp"
