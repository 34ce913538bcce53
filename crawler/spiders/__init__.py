"""Spiders: one generic ``reports`` spider, driven by portal profiles."""
