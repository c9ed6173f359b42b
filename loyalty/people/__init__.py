"""The shop's people: members (their records, validation, search, cards, blocking, the Members
screen's paged directory, their purchase profile, their edits as a chain of tills shares them
(`member_changes`), possible duplicates) and staff (accounts, PINs, roles, sign-in).

May import `common`, `storage` and `programme`. Joining the programme writes ledger entries, so
enrolment itself lives in `ledger.enrolment`."""
