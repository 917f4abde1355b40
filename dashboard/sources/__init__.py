"""What comes in: articles and structured event files."""
