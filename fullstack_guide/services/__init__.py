"""Domain services: plain functions over a SQLModel session, called by states and tests."""
