"""Shared test support: the real server in a subprocess, REST helpers, a scripted expert console.

- `server_process`: `ServerProcess`, `add_expert`, `ssl_context`, `login`, `open_session`,
  `open_session_async`, `SessionTicket`
- `scripted_expert`: `ScriptedExpert`, `Received`
- `fixtures`: the `server` fixture (register with `pytest_plugins = ["tests.support.fixtures"]`)
"""
