"""The points ledger and every rule that writes to it: the append-only entries and their history
(`entries`), enrolment with its welcome bonus, sales and refunds (`sales`), a past sales history
brought in (`sales_history`), redemptions, corrections and reversals, tiers and their review,
the daily expiry (`daily`), what the counter reads the instant a card is scanned (`lookup`), a
member's lots derived again in a chain's total order (`replay`) and two members merged (`merges`).

May import `common`, `storage`, `programme` and `people`."""
