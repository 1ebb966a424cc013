"""Full Stack Python Guide: learn the Python web stack and track your progress."""
