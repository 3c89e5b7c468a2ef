"""Decisions of the customer client, free of Qt, sockets and OS APIs."""
