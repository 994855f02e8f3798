"""Newsroom: plain-text press releases in, an investor-relations newsroom site out."""

__version__ = "0.1.0"
