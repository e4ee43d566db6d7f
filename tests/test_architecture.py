"""The import contracts (pyproject.toml, checked by `make check`) name every app: an app added
later and left out of them could import anything, and core could import it."""

import tomllib
from pathlib import Path

from django.apps import apps

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def contracts():
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    return {contract["name"]: contract for contract in config}


def puebla_apps():
    return {
        config.name
        for config in apps.get_app_configs()
        if config.name.startswith("puebla.") and config.name != "puebla.core"
    }


def test_core_is_forbidden_to_import_every_app():
    forbidden = set(contracts()["core imports no app"]["forbidden_modules"])
    assert puebla_apps() - forbidden == set()


def test_every_app_sits_in_a_layer():
    layers = contracts()[
        "apps depend one way: portal and intranet on accounts, accounts on directory"
    ]
    layered = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    assert puebla_apps() - layered == set()
