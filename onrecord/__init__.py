"""onrecord: an archive of who said what, when, where, and in what role.

Stages, in order: ``readers`` turn article files into :class:`~onrecord.records.Article`;
``attribution`` finds quotes and reported statements and their speakers; ``topics`` tags them;
``speakers`` gives each person one identity across the archive; ``index`` stores and searches
them with Whoosh; ``export`` and ``citations`` write them out; ``cli`` and ``webapp`` are the
two front ends.
"""

__version__ = "0.1.0"
