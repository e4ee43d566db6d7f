"""`puebla <command>`: the jobs people run, each a thin wrapper over manage.py commands.

puebla setup        migrate, build the cache table and static files, load the RCM dataset
puebla serve        serve with granian (or WEB_SERVER=gunicorn) at $HOST:$PORT (default 127.0.0.1:8000)
puebla worker       run the job queue's consumer (mail, reminders); production runs it beside serve
puebla run          the job queue's consumer and the server together, as `make run` does
puebla send-reminders  remind countries of nomination deadlines and of unanswered requests for
                    input now (the worker does both daily)
puebla search-reindex  rebuild the site search's index (after a bulk load or a restore)
puebla load-rcm     load (or refresh) the RCM dataset
puebla import-plan FILE [--commit]  read a Plan of Action table (text, XLSX, DOCX, CSV): report
                    its anomalies and what would change; import only with --commit
puebla backup [--to DIR]  write one archive of the database, stored files and pending jobs
                    (BACKUP_DIR by default); the worker writes one nightly
puebla restore ARCHIVE [--replace]  restore an archive into this instance (an empty one unless
                    --replace), also from SQLite into PostgreSQL
puebla check-storage [--remove-orphans]  list stored files no record names and named files
                    that are missing (the worker removes orphans older than an hour)
puebla <other>      any manage.py command, e.g. `puebla createsuperuser`
"""

import hashlib
import json
import logging.config
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from puebla import env


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    command = argv[0] if argv else "help"
    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return
    if command in {"serve", "run"}:
        try:
            if command == "run":
                start_worker()
            serve(argv[1:])
        except ImproperlyConfigured as error:  # a wrong variable: its message, no traceback
            sys.exit(f"puebla serve: {error}")
        return
    import django
    from django.core.management import call_command, execute_from_command_line

    if command == "setup":
        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_rcm")
        call_command("load_plans")  # the shipped plans, through the same importer as import-plan
        from django.conf import settings

        if settings.DEMO_MODE:
            call_command("demo_accounts")
            call_command("demo_documents")
            call_command("demo_fund")  # after demo_accounts: its officer records it
            call_command("demo_statistics")
        return
    if command == "load-rcm":
        argv[0] = "load_rcm"
    if command == "worker":
        argv[0] = "run_huey"
    if command == "send-reminders":
        # The meetings' reminders (nomination deadlines), then the follow-up's (requests).
        django.setup()
        call_command("send_reminders")
        call_command("send_followup_reminders")
        return
    if command == "search-reindex":
        argv[0] = "search_reindex"
    if command == "check-storage":
        argv[0] = "check_storage"
    if command == "import-plan":
        argv[0] = "import_plan"
    execute_from_command_line(["puebla", *argv])


# The first is the default: `make bench` measures both, and the README gives the figures.
SERVERS = ("granian", "gunicorn")


def start_worker() -> subprocess.Popen:
    """Start `puebla worker` as a child in this process group: Ctrl+C in the terminal stops it
    with the server that replaces this process."""
    env.choice("WEB_SERVER", SERVERS, SERVERS[0])  # a wrong variable stops both before either
    return subprocess.Popen([sys.executable, "-m", "puebla", "worker"])


def serve(extra: list[str]) -> None:
    """Replace this process with the production server (WEB_SERVER: granian or gunicorn) bound
    to HOST:PORT, with WEB_WORKERS processes of WEB_THREADS threads each. Its own access log is
    off (Django writes one without secrets: ACCESS_LOG) and its own lines go through Puebla's
    logging configuration (LOG_FORMAT, LOG_LEVEL), so every line has one format."""
    host = env.text("HOST", "127.0.0.1")
    port = env.integer("PORT", 8000)
    server = env.choice("WEB_SERVER", SERVERS, SERVERS[0])
    workers = env.integer("WEB_WORKERS", 2)
    threads = env.integer("WEB_THREADS", 4)
    from puebla.core.logs import logging_config

    config = logging_config(
        level=env.text("LOG_LEVEL", "INFO").upper(),
        log_format=env.choice("LOG_FORMAT", ("json", "plain"), "json"),
    )
    logging.config.dictConfig(config)  # for the line below, in the servers' format
    log_config = _written(config)
    if server == "granian":
        arguments = [
            "--interface=wsgi",
            f"--host={host}",
            f"--port={port}",
            f"--workers={workers}",
            f"--blocking-threads={threads}",
            "--no-access-log",
            f"--log-config={log_config}",
            f"--log-level={env.text('LOG_LEVEL', 'INFO').lower()}",
            "--no-ws",
        ]
    else:
        arguments = [
            f"--bind={host}:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            f"--log-config-json={log_config}",
            # Its control socket has one fixed path per user: two servers would share it.
            "--no-control-socket",
        ]
    program = shutil.which(server) or os.path.join(os.path.dirname(sys.executable), server)
    shown_host = f"[{host}]" if ":" in host else host
    logging.getLogger("puebla.serve").info(
        "Puebla is being served by %s at http://%s:%s/ (stop with Ctrl+C)", server, shown_host, port
    )
    # a fixed program with our own arguments
    os.execv(program, [program, *arguments, *extra, "puebla.wsgi:application"])  # noqa: S606


def _written(config: dict) -> str:
    """The logging configuration as the JSON file both servers read at start. Named by its
    content, so starts with the same configuration share one file instead of leaving one each
    (this process becomes the server: nothing would remove it)."""
    text = json.dumps(config, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"puebla-logging-{digest}.json"
    if not path.exists():
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as file:
            file.write(text)
        os.replace(file.name, path)  # whole or not at all, for a server starting meanwhile
    return str(path)
