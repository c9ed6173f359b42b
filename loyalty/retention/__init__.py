"""The retention playbook (docs/DOMAIN.md): RFM scores and segments, follow-ups, complaints, the
survey, referrals and what a campaign achieved.

May import `common`, `storage`, `programme`, `people` and `ledger`."""
