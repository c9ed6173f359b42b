"""Rewards and campaigns (Ctrl+3): the catalogue of rewards and the campaigns that multiply points."""
