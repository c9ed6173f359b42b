"""Importing data from spreadsheets and older systems (CSV), validated row by row first."""
