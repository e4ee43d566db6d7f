"""The RCM dataset Puebla ships: reviewable YAML files, each record citing its seed document.

`files()` lists them in loading order; each app describes its own files in its `dataset.py`.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def files():
    from puebla.core.dataset_files import installed

    return installed()
