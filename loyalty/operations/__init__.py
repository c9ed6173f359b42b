"""Keeping a shop running: the first start's setup, backups and restore, recovery from a damaged
database, the daily job (expiry, tiers, follow-ups, report cache, backup), the ledger check
(`verify`), the installed app's self-test and the demo data.

May import every domain package below it; only `cli` and the UI sit above."""
