"""Qt widgets of the customer client: they show state and emit intents, they decide nothing."""
