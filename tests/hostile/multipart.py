"""A multipart/form-data body written byte for byte, as a hostile client would send it.

Django's test client takes the base name of a file's name before sending it (os.path.basename),
so a name with "../" or a separator would never reach the server through it; this sends the
name as given: Puebla must take what a browser or a script really sends.
"""

import uuid

from django.test import Client


def body(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """(the body, its content type) for `fields` (name, value) and `files` (field, file name,
    content)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, filename, content in files:
        parts.append(
            f"--{boundary}\r\n".encode()
            + f'Content-Disposition: form-data; name="{name}"; filename="'.encode()
            + filename.encode()
            + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(client: Client, url: str, fields, files):
    content, content_type = body(fields, files)
    return client.post(url, data=content, content_type=content_type)
