"""Sans-I/O session logic: numbers, rate limits and the broker state machine; no sockets, no own clock."""
