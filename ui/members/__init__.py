"""The Members screen: the paged list, a member's record and history, and the import wizard."""
