"""The programme and who may run it: the rules (currency, earn rate, point value, expiry, the tier
ladder; `rules`), the currencies and how amounts are read and written (`currencies`, `money`,
`wording`), the arithmetic of points, the campaigns and the rewards on offer (a reward's stock,
counted from the redemptions in the entries table: `reward_stock`), the settings and how they
change, the permission table, the audit trail, the context every operation receives
(who, when, which database), opening a shop's database (`shop`), and for a chain of tills its
clock (`hlc`) and the programme every till shares (`shared`).

May import `common` and `storage`; nothing about members, the ledger or anything above."""
