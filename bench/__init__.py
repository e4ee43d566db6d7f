"""`make bench`: Puebla's public pages under load, beside the framework's own ceiling.

Not a test: it measures, prints and writes bench-results/results.md. See README "Benchmark".
"""
