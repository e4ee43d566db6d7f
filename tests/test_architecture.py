"""The import contracts (pyproject.toml, checked by `make check`) name every app: an app added
later and left out of them could import anything, and core could import it."""

import ast
import re
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
        "apps depend one way: portal on documents, portal and intranet on accounts, accounts on directory"
    ]
    layered = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    assert puebla_apps() - layered == set()


def imported_modules(path: Path, name: str, known: set[str]) -> set[str]:
    """The puebla modules `path` (module `name`) imports, at its top or inside a function."""
    tree = ast.parse(path.read_text())
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {module for module in found if module in known and module != name}


def test_no_module_imports_one_that_imports_it_back():
    """A cycle broken by an import inside a function still is one: it hides which module
    depends on which (issue 28: core/mail-core/tasks, fund/models-fund/querysets,
    search/registry-search/services)."""
    root = PYPROJECT.parent
    files = {
        ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): path
        for path in (root / "puebla").rglob("*.py")
        if "migrations" not in path.parts
    }
    graph = {name: imported_modules(path, name, set(files)) for name, path in files.items()}
    pairs = sorted(
        (first, second)
        for first, imported in graph.items()
        for second in imported
        if first < second and first in graph.get(second, set())
    )
    assert pairs == []


# Access decided by hand: an audience list or an affiliation compared outside the access model
# (puebla/core/access.py) and the apps' permission modules (issue 28: the participants page
# decided it in a view, wrongly for the secretariat).
ACCESS_BY_HAND = re.compile(r"plain_audiences\(|\.affiliation\s*(==|!=|in\b|not in\b)")


def test_access_is_decided_only_in_the_access_model_and_permission_modules():
    root = PYPROJECT.parent / "puebla"
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted([*root.rglob("*.py"), *root.rglob("*.html")])
        if "migrations" not in path.parts
        and path.name != "permissions.py"
        and path.relative_to(root).as_posix() != "core/access.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ACCESS_BY_HAND.search(line)
    ]
    assert found == []


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def layer_of() -> dict[str, int]:
    """Each app's layer: 0 at the top (puebla.urls), larger further down (core)."""
    layers = contracts()[
        "apps depend one way: portal on documents, portal and intranet on accounts, accounts on directory"
    ]["layers"]
    return {name.strip(): index for index, layer in enumerate(layers) for name in layer.split("|")}


def test_no_template_loads_tags_of_an_app_above_it():
    """A template tag is an import that import-linter cannot see (issue 28: the intranet's home
    loaded the follow-up's tags). A template may load tags of its own app or of apps below it;
    the project's own templates (puebla/templates) sit at the top."""
    root = PYPROJECT.parent / "puebla"
    layers = layer_of()
    libraries = {
        path.stem: f"puebla.{path.parent.parent.name}" for path in root.glob("*/templatetags/*.py")
    }
    wrong = []
    for template in root.rglob("*.html"):
        relative = template.relative_to(root)
        app = "puebla.urls" if relative.parts[0] == "templates" else f"puebla.{relative.parts[0]}"
        for loaded in LOAD.findall(template.read_text()):
            for library in loaded.split():
                owner = libraries.get(library)
                if owner is None or owner == app:
                    continue
                if layers[owner] <= layers[app]:
                    wrong.append(f"{relative} loads {library} of {owner}")
    assert wrong == []


# "This language, else the other", written by hand: getattr on a field's other language, or
# a language's pair computed on the spot (issue 28: five helpers for it).
OTHER_LANGUAGE_BY_HAND = re.compile(
    r'other = "en" if language == "es" else "es"|"es" if language == "en" else "en"'
)


def test_one_helper_says_this_language_else_the_other():
    """puebla.core.text.text_and_language (and text_in, the localized tag on it) is the one."""
    root = PYPROJECT.parent / "puebla"
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.relative_to(root).as_posix() != "core/text.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OTHER_LANGUAGE_BY_HAND.search(line)
    ]
    assert found == []
