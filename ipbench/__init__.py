"""ipbench: a warehouse and benchmark for the indicators in Chinese regional IP plans."""

__version__ = "0.1.0"
