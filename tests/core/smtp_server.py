"""A mail server on loopback that speaks enough SMTP for Django's SMTP backend, and behaves as
a real one does on a bad day: it accepts, refuses every message (451: try again later), or
accepts the connection and never answers."""

import contextlib
import socket
import threading
from email import message_from_bytes
from email.message import Message


class SmtpServer:
    ACCEPT, REFUSE, SILENT = "accept", "refuse", "silent"

    def __init__(self, mode: str = ACCEPT):
        self.mode = mode
        self.messages: list[Message] = []
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()
        for connection in self._open:
            with contextlib.suppress(OSError):
                connection.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return  # closed
            self.connections += 1
            self._open.append(connection)
            threading.Thread(target=self._converse, args=(connection,), daemon=True).start()

    def _converse(self, connection: socket.socket) -> None:
        if self.mode == self.SILENT:
            return  # the connection stays open, unanswered, until closed
        with connection, connection.makefile("rb") as lines:
            send = connection.sendall
            send(b"220 puebla-test ESMTP\r\n")
            for line in lines:
                verb = line[:4].upper()
                if verb in {b"EHLO", b"HELO"}:
                    send(b"250 puebla-test\r\n")
                elif verb == b"MAIL" and self.mode == self.REFUSE:
                    send(b"451 4.3.0 Mail server temporarily unavailable, try again later\r\n")
                elif verb in {b"MAIL", b"RCPT", b"RSET", b"NOOP"}:
                    send(b"250 OK\r\n")
                elif verb == b"DATA":
                    send(b"354 End with <CRLF>.<CRLF>\r\n")
                    body = []
                    for data_line in lines:
                        if data_line == b".\r\n":
                            break
                        body.append(data_line)
                    self.messages.append(message_from_bytes(b"".join(body)))
                    send(b"250 OK queued\r\n")
                elif verb == b"QUIT":
                    send(b"221 Bye\r\n")
                    return
                else:
                    send(b"502 Command not implemented\r\n")
