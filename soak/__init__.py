"""`make soak`: load with writes against the production server, then every write checked
(issue 32). See soak.__main__."""
