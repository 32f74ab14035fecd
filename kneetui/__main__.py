"""Allow ``python -m kneetui``."""

from kneetui.launch import main

main()
