"""What every screen shares: formatting amounts and dates for the locale, the status banner,
tables, the one place file dialogs are made, notes in words, background calls and the guard
against the mouse wheel changing values. Imports no other ui package."""
