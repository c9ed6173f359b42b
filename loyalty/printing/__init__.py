"""Member cards, receipts and the print queue (no Qt: the CLI prints too)."""
