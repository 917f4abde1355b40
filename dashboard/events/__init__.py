"""What happened: the event schema, extraction from articles, the store."""
