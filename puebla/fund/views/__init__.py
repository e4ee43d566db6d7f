"""The Reserve Fund's pages: public statistics (public.py), a requesting body's requests
(requests.py), one case's page and the officers' list (cases.py), the officers' steps on a
case (steps.py) and the ledger (ledger.py)."""
