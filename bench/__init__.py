"""`make bench`: Puebla's pages, cached and rendered, on SQLite and PostgreSQL at two data
scales, beside the framework's own ceiling.

Not a test: it measures, prints and keeps each run in bench-results/ (results-STAMP.md and
.json; `python -m bench compare` sets two side by side). See README "Benchmark".
"""
