"""Storage: the only code in kneetui that touches SQLite.

Importing this package stays cheap (no sqlite_utils) so the app can resolve its
path and paint before the store is opened; `kneetui.storage.store` holds the Store.
"""
