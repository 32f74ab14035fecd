"""The score thresholds the coaching rules share, in a module that imports
nothing: `kneetui status` and `kneetui remind` run on every shell prompt or from
cron, and read these without loading the rules (`rules.py` states each rule and
its source, and re-exports these names)."""

# The pain-monitoring model's bands (soreness.band uses the same bounds).
SAFE_MAX = 2
ACCEPTABLE_MAX = 5
SEVERE_SCORE = 8  # a score of 8 or more is a red flag by itself
COUNTED_SHARE = 0.5  # kneetui's choice: a session counts with half its holds done
