"""`make scan`: hostile input against a throwaway Puebla (issue 32). See scan.__main__."""
