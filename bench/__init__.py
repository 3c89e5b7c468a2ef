"""Small benchmarks, run by hand on a machine with a display (see each module's docstring)."""
