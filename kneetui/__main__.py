"""Allow ``python -m kneetui``."""

from kneetui.cli import main

main()
