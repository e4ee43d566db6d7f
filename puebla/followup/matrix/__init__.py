"""The comparative matrix of policy and legislation changes, one cycle per RCGM meeting: its
writes (services), the matrix as read (comparison), its files (exports), forms and pages."""
