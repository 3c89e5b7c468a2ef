"""Fernhilfe customer client: the program the customer double-clicks."""

__version__ = "0.1.0"
