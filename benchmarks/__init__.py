"""Measurements of the dashboard (make bench); never run as tests."""
