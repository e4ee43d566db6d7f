"""Declarations of the Vice-Ministerial meetings and their numbered commitments: their writes
(services), the secretariat's forms, and the pages (views)."""
