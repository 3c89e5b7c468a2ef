"""Capabilities the customer grants: each runs only while the session core says its tier is granted."""
