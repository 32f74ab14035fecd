"""Widgets of the dashboard, one per file. They render state and post messages;
none of them touches the database."""
