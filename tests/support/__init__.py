"""The test kit: every loopback server and helper the tests share (one of each).

- ``web``: ``LoopbackWeb``, the one HTTP server (routes, resources, sequences,
  conditional GET, a record of every request); ``hostile``: misbehaviours that
  install on it; ``blackhole``: a port that accepts and never answers;
  ``receiver``: a Slack-like webhook on it; ``mail``: aiosmtpd; ``gnews``: a
  Google News imitation on it.
- ``pages``: article pages and feeds; ``config``: config files; ``cli``: the
  command line as a subprocess; ``daemon``: ``stationwatch run`` in the
  background; ``store``/``stories``: real SQLite stores and stories in them; ``pg``: a throwaway PostgreSQL database; ``wait``: the one
  polling helper; ``faults``: the fault suite's good source and checks;
  ``probe``: Scrapy fetches with the safety settings, in a child process.
- ``fixtures``: the pytest fixtures over all of these (loaded by tests/conftest.py).
"""
