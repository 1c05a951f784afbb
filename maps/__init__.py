"""Rendering the cooperation maps: self-contained, offline, deterministic HTML."""
