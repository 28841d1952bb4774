"""The web dashboard and feeds (``stationwatch serve``): reads the store, never writes it."""
