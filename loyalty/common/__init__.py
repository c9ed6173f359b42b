"""What every layer shares: the errors a user can meet and the messages that name them (English
and Spanish), the clock, text folding for search, the notes the app writes beside entries, where
the app keeps its files, the app's name and version, a month or date range (`period`), and the
CSV/XLSX writer. Imports nothing of the app: the bottom of the house, below even storage."""
