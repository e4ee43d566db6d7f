"""Jobs of the document repository: read a new file's text for search."""

from huey.contrib.djhuey import db_task

from puebla.documents import text_reading


@db_task(retries=1, retry_delay=60)
def read_text(file_id: int) -> str:
    return text_reading.file_text_read(file_id)
