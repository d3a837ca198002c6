"""The production stack's launcher and configuration (make serve, make bench-http)."""
