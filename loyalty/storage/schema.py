"""Numbered migrations. Each one is applied once, in order, inside a transaction;
`PRAGMA user_version` then records how many have run, so that an older app can
recognise (and refuse) a database written by a newer one. The first schema is in
schema_first.py, every change since in schema_changes.py; this list is their order."""

from sqlite_utils.migrations import Migrations

from . import schema_changes, schema_first
from .schema_first import APPEND_ONLY_TABLES

STEPS = (
    ("0001_initial", schema_first.initial_schema),
    ("0002_consents_and_member_sorting", schema_changes.consents_and_member_sorting),
    ("0003_card_printing", schema_changes.card_printing),
    ("0004_report_support", schema_changes.report_support),
    ("0005_report_cache", schema_changes.report_cache),
    ("0006_external_ids", schema_changes.external_ids),
    ("0007_local_totals", schema_changes.local_totals),
    ("0008_ledger_seals", schema_changes.ledger_seals),
    ("0009_staff_and_audit", schema_changes.staff_and_audit),
    ("0010_members_by_joining", schema_changes.members_by_joining),
    ("0011_followups_and_complaints", schema_changes.followups_and_complaints),
    ("0012_member_months_by_member", schema_changes.member_months_by_member),
    ("0013_complaints_in_kept_reports", schema_changes.complaints_in_kept_reports),
    ("0014_members_by_tier_and_joining", schema_changes.members_by_tier_and_joining),
    ("0015_counter_survey", schema_changes.counter_survey),
    ("0016_member_years", schema_changes.member_years),
    ("0017_windows_counted_in_turns", schema_changes.windows_counted_in_turns),
    ("0018_undone_entries_count_nowhere", schema_changes.undone_entries_count_nowhere),
    ("0019_global_identities", schema_changes.global_identities),
    ("0020_hub_link", schema_changes.hub_link),
    ("0021_member_changes", schema_changes.member_changes),
    ("0022_first_download", schema_changes.first_download),
    ("0023_programme_identities", schema_changes.programme_identities),
    ("0024_survey_identities", schema_changes.survey_identities),
    ("0025_sync_state_in_words", schema_changes.sync_state_in_words),
    ("0026_hub_restores", schema_changes.hub_restores),
    ("0027_hub_certificate", schema_changes.hub_certificate),
    ("0028_undone_merges", schema_changes.undone_merges),
)

migrations = Migrations("loyalty")
for name, step in STEPS:
    migrations(name=name)(step)

SCHEMA_VERSION = len(migrations._migrations)

__all__ = ["APPEND_ONLY_TABLES", "SCHEMA_VERSION", "migrations"]
