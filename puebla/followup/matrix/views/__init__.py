"""Pages of the comparative matrix: its cycles, topics, entries and publication (cycles), and
the matrix of one cycle with its exports (matrix)."""
