"""Item pipelines, one per module: WARC records, the content-addressed store, run statistics."""
