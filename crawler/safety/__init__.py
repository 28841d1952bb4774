"""Defences against the hostile web: address, XML, encoding and size guards.

The modules here are pure (no Scrapy, no I/O) except ``resolver``, which adapts
them to Twisted; ``crawler.settings`` switches them on in Scrapy.
"""
