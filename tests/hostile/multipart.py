"""A multipart/form-data body written byte for byte, as a hostile client would send it.

Django's test client takes the base name of a file's name before sending it (os.path.basename),
so a name with "../" or a separator would never reach the server through it; this sends the
name as given: Puebla must take what a browser or a script really sends.
"""

from django.test import Client

from bench.multipart import form_data


def post(client: Client, url: str, fields, files):
    content, content_type = form_data(fields, files)
    return client.post(url, data=content, content_type=content_type)
