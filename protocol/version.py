"""Protocol version: bumped whenever docs/protocol.md changes incompatibly."""

PROTOCOL_VERSION = 1
