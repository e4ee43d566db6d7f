"""The restore drill (`make drill`, tests/backups/test_drill.py): an instance with the RCM data,
accounts, documents in both languages and their history is backed up while it serves and is
written to, restored into fresh databases, and compared with the original table by table and
file by file; then a person signs in and downloads a document from the restored copy."""
