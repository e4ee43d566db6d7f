"""Steps that run inside an instance's environment, its DATA_DIR and DATABASE_URL
(`python -m drill.instance populate`, `python -m soak.instance check FILE`), and hand their
result back as one line of JSON after RESULT: the instance's log lines share the output."""

import json
import os
from collections.abc import Callable

RESULT = "step-result:"


def step_run(argv: list[str], steps: dict[str, Callable[..., dict]], usage: str) -> None:
    """Run the step `argv` names, with the rest of `argv` as its arguments; print its result."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    if not argv or argv[0] not in steps:
        raise SystemExit(usage)
    step, *arguments = argv
    print(RESULT, json.dumps(steps[step](*arguments)))


def result_of(output: str) -> dict:
    """The step's JSON, from its line of the output."""
    for line in output.splitlines():
        if line.startswith(RESULT):
            return json.loads(line.removeprefix(RESULT))
    raise ValueError(f"no result in the step's output:\n{output[-2000:]}")
