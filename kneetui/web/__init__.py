"""`kneetui serve`: the dashboard in a browser, through textual-serve.

The only part of kneetui that imports textual_serve and aiohttp (the optional
`kneetui[web]` extra), and only when `kneetui serve` runs.
"""
