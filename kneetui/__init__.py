"""kneetui: a terminal dashboard for runners strengthening sore knees."""

__version__ = "0.1.0"
