"""A multipart/form-data body written byte for byte, as a browser (or a hostile script) sends
it: file names go as given, "../" and all, which Django's test client would have cut."""

import secrets


def form_data(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]], mime: str = ""
) -> tuple[bytes, str]:
    """(the body, its Content-Type) for `fields` (name, value) and `files` (field, file name,
    content), each file declared as `mime` (application/octet-stream when not given)."""
    boundary = "----puebla" + secrets.token_hex(12)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value.encode()
        + b"\r\n"
        for name, value in fields
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="'.encode()
        + filename.encode()
        + f'"\r\nContent-Type: {mime or "application/octet-stream"}\r\n\r\n'.encode()
        + content
        + b"\r\n"
        for name, filename, content in files
    ]
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
