"""A bare Reflex app: the baseline for the tick-latency benchmark."""
