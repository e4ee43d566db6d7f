"""Which dataset files the installed apps ship, in loading order.

An app that ships records names the module describing its files in its AppConfig
(`dataset = "puebla.<app>.dataset"`, a module with a `FILES` list); apps load in
INSTALLED_APPS order, so an app's records may refer to those of the apps before it.
"""

from importlib import import_module

from django.apps import apps

from puebla.core.datasets import DatasetFile


def installed() -> list[DatasetFile]:
    return [
        dataset_file
        for config in apps.get_app_configs()
        if getattr(config, "dataset", None)
        for dataset_file in import_module(config.dataset).FILES
    ]
