"""`puebla <command>`: the jobs people run, each a thin wrapper over manage.py commands.

puebla setup        migrate, build the cache table and static files, load the RCM dataset
puebla serve        serve with gunicorn at $HOST:$PORT (default 127.0.0.1:8000)
puebla load-rcm     load (or refresh) the RCM dataset
puebla <other>      any manage.py command, e.g. `puebla createsuperuser`
"""

import os
import shutil
import sys

from puebla import env


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    command = argv[0] if argv else "help"
    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return
    if command == "serve":
        serve(argv[1:])
        return
    import django
    from django.core.management import call_command, execute_from_command_line

    if command == "setup":
        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_rcm")
        from django.conf import settings

        if settings.DEMO_MODE:
            call_command("demo_accounts")
        return
    if command == "load-rcm":
        argv[0] = "load_rcm"
    execute_from_command_line(["puebla", *argv])


def serve(extra: list[str]) -> None:
    """Replace this process with gunicorn, the production server, bound to HOST:PORT."""
    host = env.text("HOST", "127.0.0.1")
    port = env.integer("PORT", 8000)
    gunicorn = shutil.which("gunicorn") or os.path.join(os.path.dirname(sys.executable), "gunicorn")
    arguments = [
        gunicorn,
        "puebla.wsgi:application",
        f"--bind={host}:{port}",
        f"--workers={env.integer('WEB_WORKERS', 2)}",
        f"--threads={env.integer('WEB_THREADS', 4)}",
        "--access-logfile=-",
        *extra,
    ]
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Puebla is being served at http://{shown_host}:{port}/ (stop with Ctrl+C)", flush=True)
    os.execv(gunicorn, arguments)  # noqa: S606 - a fixed program with our own arguments
