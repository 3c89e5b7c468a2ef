"""Fernhilfe support server: REST and WebSocket endpoints that broker sessions between customer and expert."""
