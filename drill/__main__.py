"""`make drill` (`python -m drill`): the restore drill on empty databases, every path whose
engines this machine has; exits 1 at the first difference."""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.database import postgres_reachable, postgres_server
from drill.run import PATHS, DrillFailed, drill, empty_database


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m drill", description=__doc__)
    parser.add_argument("--paths", default=",".join(PATHS), help=f"of {', '.join(PATHS)}")
    parser.add_argument(
        "--postgres",
        default=postgres_server(),
        metavar="URL",
        help="a PostgreSQL server the drill may create databases on",
    )
    options = parser.parse_args()
    paths = tuple(path.strip() for path in options.paths.split(",") if path.strip())
    unknown = set(paths) - set(PATHS)
    if unknown:
        parser.error(f"unknown paths {sorted(unknown)}; choose among {', '.join(PATHS)}")
    if not postgres_reachable(options.postgres):
        skipped = [path for path in paths if "postgresql" in path]
        if skipped:
            print(f"drill: no PostgreSQL at {options.postgres}: {', '.join(skipped)} not run")
        paths = tuple(path for path in paths if "postgresql" not in path)
    work = Path(tempfile.mkdtemp(prefix="puebla-drill-"))
    started = time.monotonic()
    try:
        drill(work, paths, empty_database(options.postgres))
    except DrillFailed as failure:
        raise SystemExit(f"drill FAILED: {failure}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"drill: passed, {len(paths)} restores in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
