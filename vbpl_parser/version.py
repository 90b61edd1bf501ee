"""The package version, in a module of its own so that the model can stamp outputs with it
without importing the package's top level (which imports the model)."""

__version__ = "0.1.0"
