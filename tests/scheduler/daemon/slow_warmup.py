"""A fork-server preload that is still importing when the daemon stops (a loaded machine's
warm-up, made long on purpose): see test_warm_close.py."""

import time

time.sleep(120)
