from django.apps import AppConfig


class AccessAppConfig(AppConfig):
    """A test-only app: records of every kind the access model knows, and views that use them
    (or, on purpose, declare nothing), so that the rules are tested before a real app needs them.
    """

    name = "tests.accessapp"
    label = "accessapp"
    default_auto_field = "django.db.models.BigAutoField"
