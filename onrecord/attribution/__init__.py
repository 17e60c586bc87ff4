"""Attribution: find quotes and reported statements in an article and who made them.

``extract(article) -> list[Quote]`` is the one entry point the rest of onrecord uses.
"""
