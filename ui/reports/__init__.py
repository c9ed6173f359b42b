"""The Reports screen (Ctrl+4): a month or a date range, its figures, charts and exports."""
