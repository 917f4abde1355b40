"""What comes in: articles and structured event files."""

#: reader names for `--format` (kept light: the command line lists them without loading the readers)
FORMATS = ("auto", "acled", "ucdp", "gdelt", "table", "vector")
