"""What goes wrong in reading the seed documents and in importing them."""

from contextlib import contextmanager
from pathlib import Path


class SeedError(ValueError):
    """A seed document or its metadata cannot be read as intended."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"{self.line}: {self.message}" if self.line else self.message


class ImportFailed(Exception):
    """The seeds cannot be imported: the message names the file, and the line when known.

    The document it names wrote nothing (its transaction is rolled back); those
    imported before it in the same run stay imported.
    """


def shown(path):
    """A path as short as it can be said: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@contextmanager
def located(path):
    """Turn a parser's error into an import failure that names the file and line."""
    try:
        yield
    except SeedError as error:
        where = f"{shown(path)}:{error.line}" if error.line else shown(path)
        raise ImportFailed(f"{where}: {error.message}") from error
