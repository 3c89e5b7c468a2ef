"""Operating-system capabilities behind small interfaces: one backend per OS, and a fake."""
