"""A file storage with no public address: files in it are served only by views that check
who may have them (documents, later the Reserve Fund's case files)."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError(
            "Private files have no URL; serve them from a view that checks the audience."
        )
