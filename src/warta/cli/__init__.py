"""The ``warta`` command line: one module per command, each a thin layer over library functions."""
