"""The elevated helper: a small headless program that runs commands as administrator for the client.

It is started through the operating system's own prompt (client/platform/elevate), talks only
to the client that started it over a local socket restricted to that user, checks the peer's
credentials and a one-time token, and offers a narrow set of verbs (wire.py; on Windows also
input_verb.py). It imports only the standard library, this package and, on Windows, the
ctypes input backend (client/platform/inject), and exits as soon as the client goes away.
"""
