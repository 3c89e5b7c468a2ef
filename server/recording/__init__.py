"""Recordings: the customer's evidence of a session (screenshots, chat and control logs), encrypted at
rest with a key per session and destroyed after the retention time. Design: docs/adr/0003."""
