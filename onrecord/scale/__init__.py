"""Scale-out: parallel and Dask ingest (:mod:`.parallel`), OpenSearch export (:mod:`.opensearch`).

Neither module is imported by the core, and :mod:`.parallel` imports Dask only when a
scheduler address is given, so onrecord runs without the ``scale`` extra installed.
"""
