"""The ASGI layer: FastAPI routes, WebSocket endpoints and TLS, kept thin around `server.core`."""
