"""A mail backend that refuses its first N messages, as a mail server that is down would."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    refusals_left = 0

    def send_messages(self, messages):
        if FlakyBackend.refusals_left:
            FlakyBackend.refusals_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
