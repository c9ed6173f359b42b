"""The Retention screen (Ctrl+7) and its tabs: segments and follow-ups, complaints, survey, campaign
results, referrals; the segment picker they share."""
