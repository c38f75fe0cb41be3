"""`./dev serve`: several app processes on loopback ports behind nginx, supervised (see README, "Serving a class")."""
