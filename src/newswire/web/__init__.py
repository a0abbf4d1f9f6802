"""The dashboard and HTTP API (FastAPI), served from the database opened read-only."""
