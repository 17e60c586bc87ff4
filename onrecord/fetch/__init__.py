"""Bringing web pages into the archive: ``onrecord add`` (see :mod:`onrecord.fetch.add`).

:mod:`~onrecord.fetch.client` fetches politely, :mod:`~onrecord.fetch.lists` reads feeds and
sitemaps, :mod:`~onrecord.fetch.warc` reads WARC files, :mod:`~onrecord.fetch.store` saves
pages and their sidecars. Nothing here shapes records: ingest reads the saved files.
"""
