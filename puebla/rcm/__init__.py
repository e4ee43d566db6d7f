"""The RCM dataset Puebla ships: reviewable YAML files, each record citing its seed document.

`files()` lists them in loading order; each app describes its own files in its `dataset.py`.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def files():
    from puebla.directory.dataset import FILES as DIRECTORY_FILES
    from puebla.intranet.dataset import FILES as INTRANET_FILES

    return [*DIRECTORY_FILES, *INTRANET_FILES]
