"""Defences against the hostile web: address, XML, encoding and size guards.

The modules here are pure (no Scrapy, no I/O) except ``resolver`` and
``scrapy_settings``, which adapt them to Scrapy and Twisted.
"""
