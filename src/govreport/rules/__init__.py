"""One module per extractor: dates and periods, figures, meetings, officials, references."""
