"""Errors the domain raises for input it refuses."""

from __future__ import annotations


class KneetuiError(Exception):
    """Base for every error kneetui reports to the user as one line."""


class ValidationError(KneetuiError, ValueError):
    """A value a user (or an imported file) supplied is not acceptable.

    `field` names what was wrong so the message can point at it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
