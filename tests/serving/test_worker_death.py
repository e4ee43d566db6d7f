"""A job queue worker killed in the middle of a job (issue 32): `puebla worker` takes a
message and hangs on a mail server that never answers; it is killed (SIGKILL, as the kernel's
out-of-memory killer or a power cut would). Once the claim's lease is over, the periodic
requeue gives the message to a new worker, which sends it to a server that answers: once, with
the Message-ID the first try had. Real processes, a real queue, a real SMTP conversation."""

import subprocess
import sys

import pytest

from bench.server import ROOT, PueblaServer
from tests.core.smtp_server import SmtpServer
from tests.migrated import migrated_database
from tests.serving.waiting import wait_for

STATE = (
    "from puebla.core.models import OutgoingMail\n"
    "mail = OutgoingMail.objects.get()\n"
    "print('mail:', mail.state, mail.attempts)\n"
)


@pytest.fixture
def servers():
    silent, accepting = SmtpServer(SmtpServer.SILENT), SmtpServer(SmtpServer.ACCEPT)
    yield silent, accepting
    silent.close()
    accepting.close()


def start_worker(instance: PueblaServer, mail_port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "puebla", "worker"],
        cwd=ROOT,
        env=instance.environment | {"EMAIL_PORT": str(mail_port)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_a_message_a_killed_worker_held_is_sent_once_by_the_next(tmp_path, servers):
    silent, accepting = servers
    with migrated_database(tmp_path / "data", "workerdeath") as url:
        instance = PueblaServer(
            tmp_path / "data",
            database_url=url,
            name="worker",
            env={
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_TIMEOUT": "300",  # the first worker must still be waiting when killed
            },
        )
        instance.command(
            "shell",
            "-c",
            "from django.db import transaction\n"
            "from puebla.core.mail import mail_queue\n"
            "with transaction.atomic():\n"
            "    mail_queue(to=['focal@example.org'], subject='Recordatorio', body='Hola')\n",
        )

        def state() -> list[str]:
            """The message's state and attempts, from its line of the shell's output."""
            lines = instance.command("shell", "-c", STATE).stdout.splitlines()
            return next(line.split()[1:] for line in lines if line.startswith("mail: "))

        with (tmp_path / "worker.log").open("w") as log:
            first = start_worker(instance, silent.port, log)
            try:
                wait_for(
                    lambda: silent.connections and state() == ["sending", "1"], "taken", every=0.5
                )
            finally:
                first.kill()
                first.wait(timeout=30)
            # The lease, moved back in the record rather than waited for.
            instance.command(
                "shell",
                "-c",
                "from django.db.models import F\n"
                "from puebla.core.mail_delivery import CLAIM_LEASE\n"
                "from puebla.core.models import OutgoingMail\n"
                "OutgoingMail.objects.update(claimed_at=F('claimed_at') - CLAIM_LEASE)\n",
            )
            second = start_worker(instance, accepting.port, log)
            try:
                # What the worker's periodic job does every five minutes, done now.
                instance.command(
                    "shell",
                    "-c",
                    "from puebla.core.tasks import requeue_due_mail\n"
                    "assert requeue_due_mail.call_local() == 1\n",
                )
                wait_for(lambda: accepting.messages, "sent by the second worker", every=0.5)
                wait_for(lambda: state() == ["sent", "2"], "recorded as sent", every=0.5)
            finally:
                second.terminate()
                second.wait(timeout=30)
            first_id = (
                instance.command(
                    "shell",
                    "-c",
                    "from puebla.core.mail_delivery import message_id\n"
                    "from puebla.core.models import OutgoingMail\n"
                    "print('id:', message_id(OutgoingMail.objects.get()))\n",
                )
                .stdout.split("id: ", 1)[1]
                .strip()
            )
    [message] = accepting.messages
    assert message["Subject"] == "Recordatorio"
    assert message["Message-ID"] == first_id
