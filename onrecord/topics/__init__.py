"""Topic tagging: which subjects a statement is about, from a user-editable taxonomy.

``taxonomy`` reads the topics (``onrecord/data/topics.toml`` plus an archive's own
``topics.toml``) and matches their terms; ``model`` reads meaning with a trained linear model
over word vectors (``embed``) and the terms; :class:`Taxonomy` serves both to ingest, search
and the command line. See docs/topics.md.
"""

from onrecord.topics.taxonomy import (
    ARCHIVE_FILE,
    DEFAULT_FILE,
    SHORT_STATEMENT,
    Taxonomy,
    TaxonomyError,
    Topic,
    TopicMatch,
    expand_topics,
    index_analyzer,
    load_taxonomy,
    read_topics_file,
    taxonomy_files,
    topic_labels,
)

__all__ = [
    "ARCHIVE_FILE", "DEFAULT_FILE", "SHORT_STATEMENT", "Taxonomy", "TaxonomyError", "Topic",
    "TopicMatch", "expand_topics", "index_analyzer", "load_taxonomy", "read_topics_file",
    "taxonomy_files", "topic_labels",
]
