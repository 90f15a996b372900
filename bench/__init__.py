"""Atrium's measured qualities (`make bench`, i.e. `python -m bench`): DynamoDB round trips
per route, cold start, per-request overhead, behaviour at scale, and load over HTTP."""
