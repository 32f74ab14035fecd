"""The pure core of kneetui.

Nothing in this package imports textual, sqlite_utils or plotext, reads the clock,
the environment or the disk: callers hand it `now`, data and settings. That is what
lets the timer and the health rules be tested to the millisecond without sleeping.
"""
