"""Pages of declarations and commitments: the declarations' list, page and editing
(declarations), and a commitment's whole trace (commitments)."""
