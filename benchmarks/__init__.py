"""benchmarks/run's modules (benchmarks/run is the entry point; its docstring lists them)."""
