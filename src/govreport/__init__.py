"""govreport: structured, checkable records from Vietnamese government reports."""
