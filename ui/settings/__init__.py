"""Settings (Ctrl+5) and the audit trail (Ctrl+6): the programme, staff, backups, the setup wizard
(first start) and the audit trail in words."""
