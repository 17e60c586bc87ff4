"""The web front end's views, one blueprint per area, on top of :mod:`onrecord.search`.

``pages`` renders the HTML pages, ``api`` the JSON API; ``queries`` holds the look-ups the
pages need beyond a search (one record, one article's records, one speaker's overview);
``text`` turns article text into escaped HTML with quotes marked; ``charts`` draws the SVG
timeline. :func:`onrecord.webapp.create_app` registers the blueprints.
"""
