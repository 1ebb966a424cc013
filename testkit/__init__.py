"""What the tests and the benchmarks share: servers, the Reflex protocol client, the crowd.

Tests (``tests/``) and benchmarks (``benchmarks/``) both import this package and never each
other (``tests/unit/test_kit_boundaries.py``). Processes are read through psutil.
"""
