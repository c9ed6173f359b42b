"""Migrations 0002 onwards: each change to the schema since it was first released, in the order
they run (storage/schema.py lists them). A released migration is never edited: a change is a new
one."""

import re
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlite_utils import Database

from ..common.text import fold
from .local_day import LOCAL_DAY_OF
from .seals import seal_entries_after
from .undone import NOT_COUNTED, create_triggers, withdraw
from .year_totals import TRIGGER, list_windows


def consents_and_member_sorting(db: Database) -> None:
    """Marketing contact and profiling need separate, dated consent (GDPR/LSSI);
    the Members screen sorts a million names by an accent-free key through an index."""
    db.register_function(fold, deterministic=True, replace=True)
    db.executescript(
        """
        ALTER TABLE members RENAME COLUMN consent_at TO marketing_consent_at;
        ALTER TABLE members ADD COLUMN profiling_consent INTEGER NOT NULL DEFAULT 0
            CHECK (profiling_consent IN (0, 1));
        ALTER TABLE members ADD COLUMN profiling_consent_at TEXT;
        ALTER TABLE members ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
        UPDATE members SET sort_name = fold(name);
        CREATE INDEX members_sort_name ON members(sort_name, id);
        CREATE INDEX members_balance ON members(balance, id);
        """
    )


def card_printing(db: Database) -> None:
    """Which tier a card was last printed with, and when: a card whose member has changed
    tier since is due for a reprint. (ADD COLUMN does not rewrite the table.)"""
    db.executescript(
        """
        ALTER TABLE cards ADD COLUMN printed_at TEXT;
        ALTER TABLE cards ADD COLUMN printed_tier TEXT;
        """
    )


def report_support(db: Database) -> None:
    """Reports read a period's entries by time, from an index that covers the columns they
    sum (no visit to the wide entry rows: 2-3 times faster on a 2-million-entry month), and
    the points members held at any moment from a running total per UTC day kept by a
    trigger (entries are never updated or deleted), so a month's report reads that month,
    not the whole history."""
    db.executescript(
        """
        CREATE INDEX entries_time ON entries(created_at, kind, member_id, points, spend_cents, bonus_kind);
        CREATE TABLE ledger_days (
            day TEXT PRIMARY KEY,               -- UTC date, the first 10 characters of created_at
            points INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO ledger_days(day, points)
            SELECT substr(created_at, 1, 10), SUM(points) FROM entries GROUP BY substr(created_at, 1, 10);
        CREATE TRIGGER entries_ledger_days AFTER INSERT ON entries BEGIN
            INSERT INTO ledger_days(day, points) VALUES (substr(NEW.created_at, 1, 10), NEW.points)
            ON CONFLICT(day) DO UPDATE SET points = points + excluded.points;
        END;
        """
    )


def report_cache(db: Database) -> None:
    """A closed period's report, kept once computed. The ledger is append-only, so a report
    changes only when something lands inside the time it covers (a back-dated entry, member
    or tier change) or when the programme's settings or tiers change: triggers drop the
    affected reports then, and nothing else can make a kept report stale."""
    db.executescript(
        """
        CREATE TABLE report_cache (
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            churn_days INTEGER NOT NULL,
            top INTEGER NOT NULL,
            ends_at TEXT NOT NULL,          -- UTC end of the period: anything dated before it counts
            computed_at TEXT NOT NULL,
            data TEXT NOT NULL,             -- JSON of the report (without the points expiring from today)
            PRIMARY KEY (first_day, last_day, churn_days, top)
        ) WITHOUT ROWID;
        CREATE INDEX report_cache_ends ON report_cache(ends_at);
        CREATE TRIGGER report_cache_entries AFTER INSERT ON entries BEGIN
            DELETE FROM report_cache WHERE ends_at > NEW.created_at;
        END;
        CREATE TRIGGER report_cache_members AFTER INSERT ON members BEGIN
            DELETE FROM report_cache WHERE ends_at > NEW.joined_at;
        END;
        CREATE TRIGGER report_cache_tier_changes AFTER INSERT ON tier_changes BEGIN
            DELETE FROM report_cache WHERE ends_at > NEW.changed_at;
        END;
        CREATE TRIGGER report_cache_settings_insert AFTER INSERT ON settings BEGIN DELETE FROM report_cache; END;
        CREATE TRIGGER report_cache_settings_update AFTER UPDATE ON settings BEGIN DELETE FROM report_cache; END;
        CREATE TRIGGER report_cache_tiers AFTER UPDATE ON tiers BEGIN DELETE FROM report_cache; END;
        -- "Points expiring within 90 days" (every report, fresh) and the daily expiry job read
        -- open lots by date; covering who holds them and how many makes that an index-only scan.
        DROP INDEX lots_open_by_expiry;
        CREATE INDEX lots_open_by_expiry ON lots(expires_on, member_id, remaining) WHERE remaining > 0;
        """
    )


def external_ids(db: Database) -> None:
    """Members imported from a spreadsheet or an older system keep that system's id, so a
    second import recognises them and sales history can be matched to them. An import
    looks each row's email up among the members (possible duplicates): indexed, not a scan
    of a million members per row."""
    db.executescript(
        """
        ALTER TABLE members ADD COLUMN external_id TEXT;
        CREATE INDEX members_external_id ON members(external_id) WHERE external_id IS NOT NULL;
        CREATE INDEX members_email ON members(lower(email)) WHERE email IS NOT NULL;
        """
    )


def local_totals(db: Database) -> None:
    """A month's report in about a second on a shop with twenty million entries: totals per
    local day and kind of entry, and per member and local month, kept by triggers, so a
    report reads a few thousand day rows and one row per active member instead of every
    entry of the month (and of the twelve before it for the ABC classes).

    Local days are the shop's: `local_offsets` holds the shop's offset from UTC and the UTC
    moment from which it applies, one row per clock change (built by storage/local_calendar.py
    for the zone in the settings, and rebuilt with the totals when the zone changes)."""
    local_day = LOCAL_DAY_OF.format(at="NEW.created_at")
    db.executescript(
        f"""
        CREATE TABLE local_offsets (
            starts_at TEXT PRIMARY KEY,     -- UTC moment from which the offset applies
            minutes INTEGER NOT NULL        -- local time = UTC + minutes
        ) WITHOUT ROWID;
        CREATE TABLE local_calendar (timezone TEXT NOT NULL);   -- the zone local_offsets was built for
        CREATE TABLE day_totals (
            day TEXT NOT NULL,              -- local date
            kind TEXT NOT NULL,
            bonus_kind TEXT NOT NULL,       -- '' when none
            entries INTEGER NOT NULL,
            points INTEGER NOT NULL,
            points_gained INTEGER NOT NULL, -- the positive points only (adjustments go both ways)
            spend_cents INTEGER NOT NULL,
            PRIMARY KEY (day, kind, bonus_kind)
        ) WITHOUT ROWID;
        CREATE TABLE member_months (
            month TEXT NOT NULL,            -- local YYYY-MM
            member_id INTEGER NOT NULL,
            sales INTEGER NOT NULL,         -- entries of kind earn (visits)
            spend_entries INTEGER NOT NULL, -- entries with a spend (sales and refunds)
            spend_cents INTEGER NOT NULL,   -- net
            last_sale_at TEXT,              -- UTC time of the month's last sale
            PRIMARY KEY (month, member_id)
        ) WITHOUT ROWID;
        CREATE TRIGGER entries_day_totals AFTER INSERT ON entries BEGIN
            INSERT INTO day_totals(day, kind, bonus_kind, entries, points, points_gained, spend_cents)
            VALUES ({local_day}, NEW.kind, COALESCE(NEW.bonus_kind, ''), 1, NEW.points, MAX(NEW.points, 0),
                    NEW.spend_cents)
            ON CONFLICT(day, kind, bonus_kind) DO UPDATE SET entries = entries + 1,
                points = points + excluded.points, points_gained = points_gained + excluded.points_gained,
                spend_cents = spend_cents + excluded.spend_cents;
        END;
        CREATE TRIGGER entries_member_months AFTER INSERT ON entries
        WHEN NEW.kind = 'earn' OR NEW.spend_cents != 0 BEGIN
            INSERT INTO member_months(month, member_id, sales, spend_entries, spend_cents, last_sale_at)
            VALUES (substr({local_day}, 1, 7), NEW.member_id, NEW.kind = 'earn', NEW.spend_cents != 0,
                    NEW.spend_cents, CASE WHEN NEW.kind = 'earn' THEN NEW.created_at END)
            ON CONFLICT(month, member_id) DO UPDATE SET sales = sales + excluded.sales,
                spend_entries = spend_entries + excluded.spend_entries,
                spend_cents = spend_cents + excluded.spend_cents,
                last_sale_at = CASE WHEN excluded.last_sale_at > COALESCE(last_sale_at, '')
                                    THEN excluded.last_sale_at ELSE last_sale_at END;
        END;
        """
    )


def ledger_seals(db: Database) -> None:
    """Tamper evidence (storage/seals.py): a hash chain over the ledger, in its own
    insert-only table so that sealing twenty million existing entries appends rows instead
    of rewriting the entries."""
    db.executescript(
        """
        CREATE TABLE entry_seals (
            entry_id INTEGER PRIMARY KEY,   -- no foreign key: a removed entry leaves its seal behind
            seal TEXT NOT NULL              -- SHA-256 of the previous seal and this entry's content
        );
        CREATE TRIGGER entry_seals_no_update BEFORE UPDATE ON entry_seals
        BEGIN SELECT RAISE(ABORT, 'entry_seals is append-only'); END;
        CREATE TRIGGER entry_seals_no_delete BEFORE DELETE ON entry_seals
        BEGIN SELECT RAISE(ABORT, 'entry_seals is append-only'); END;
        """
    )
    seal_entries_after(db, 0)


def staff_and_audit(db: Database) -> None:
    """Staff accounts with roles and a hashed PIN or password (loyalty/people/staff.py), and the audit
    trail of every change to members, settings and staff (loyalty/programme/audit.py). Ledger entries
    already record who (staff_id) and when."""
    db.executescript(
        """
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,   -- what entries.staff_id records
            role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'owner')),
            secret_hash TEXT NOT NULL,                  -- Argon2id of the PIN or password
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            failed_tries INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,                          -- UTC; after too many wrong tries
            member_id INTEGER REFERENCES members(id),   -- their own loyalty card, if they have one (fraud flags)
            created_at TEXT NOT NULL
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,                           -- UTC
            staff_id TEXT NOT NULL,                     -- who
            approved_by TEXT,                           -- the manager or owner who approved it, if any
            action TEXT NOT NULL,                       -- e.g. member.edit, settings.change, staff.add, login.failed
            target TEXT NOT NULL DEFAULT '',            -- e.g. member 12, earn_rate, staff Ana
            detail TEXT NOT NULL DEFAULT ''             -- JSON: the values before and after
        );
        CREATE INDEX audit_at ON audit(at);
        CREATE INDEX audit_staff ON audit(staff_id, at);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
        """
    )


def members_by_joining(db: Database) -> None:
    """The report counts members who had joined by a date, and per tier: an index-only range
    over joining dates instead of reading a million member rows."""
    db.execute("CREATE INDEX members_joined ON members(joined_at, tier_code)")


def followups_and_complaints(db: Database) -> None:
    """The retention playbook's to-do list (loyalty/retention/followups.py) and complaint log
    (loyalty/retention/complaints.py)."""
    db.executescript(
        """
        CREATE TABLE followups (
            id INTEGER PRIMARY KEY,
            member_id INTEGER REFERENCES members(id),   -- NULL: about many members (a campaign's launch)
            reason TEXT NOT NULL,                       -- what to do, and why
            rule_key TEXT UNIQUE,                       -- set by a rule, so that it adds each one once
            due_on TEXT NOT NULL,                       -- local date
            assigned_to TEXT,                           -- staff name; NULL: whoever is free
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            done_at TEXT,
            done_by TEXT,
            outcome TEXT
        );
        CREATE INDEX followups_open ON followups(due_on) WHERE done_at IS NULL;
        CREATE INDEX followups_member ON followups(member_id) WHERE done_at IS NULL;
        CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id),
            category TEXT NOT NULL,
            description TEXT NOT NULL,
            staff_id TEXT NOT NULL,                     -- who took it
            opened_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            resolved_at TEXT,
            resolved_by TEXT,
            resolution TEXT,
            compensation_entry_id INTEGER REFERENCES entries(id),
            satisfied INTEGER CHECK (satisfied IS NULL OR satisfied IN (0, 1))  -- the check afterwards
        );
        CREATE INDEX complaints_member ON complaints(member_id);
        CREATE INDEX complaints_opened ON complaints(opened_at);
        """
    )


def member_months_by_member(db: Database) -> None:
    """A member's own monthly totals (their purchase profile, shown at the counter) by seek,
    not by a scan of every member's months."""
    db.execute("CREATE INDEX member_months_member ON member_months(member_id, month)")


def complaints_in_kept_reports(db: Database) -> None:
    """Reports count complaints opened in their period and how they were resolved: resolving
    one later changes a closed month's figures, so its kept report goes."""
    db.executescript(
        """
        DELETE FROM report_cache;   -- kept before complaints were part of a report
        CREATE TRIGGER report_cache_complaints AFTER UPDATE ON complaints BEGIN
            DELETE FROM report_cache WHERE ends_at > OLD.opened_at;
        END;
        """
    )


def members_by_tier_and_joining(db: Database) -> None:
    """Members per tier at a month's end: a range count per tier instead of grouping a million
    members. The tier-only index is a prefix of this one."""
    db.executescript(
        """
        CREATE INDEX members_tier_joined ON members(tier_code, joined_at);
        DROP INDEX members_tier;
        """
    )


def counter_survey(db: Database) -> None:
    """The owner's counter survey (loyalty/retention/survey.py): at most ten questions, the answers a
    cashier types while the member is at the till."""
    db.executescript(
        """
        CREATE TABLE survey_questions (
            id INTEGER PRIMARY KEY,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('scale', 'yes_no', 'choice', 'text')),
            choices TEXT NOT NULL DEFAULT '[]',         -- JSON list, for kind choice
            is_nps INTEGER NOT NULL DEFAULT 0 CHECK (is_nps IN (0, 1)),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        );
        CREATE TABLE survey_responses (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id),
            answered_at TEXT NOT NULL,
            staff_id TEXT NOT NULL,
            bonus_entry_id INTEGER REFERENCES entries(id)
        );
        CREATE INDEX survey_responses_time ON survey_responses(answered_at);
        CREATE TABLE survey_answers (
            response_id INTEGER NOT NULL REFERENCES survey_responses(id),
            question_id INTEGER NOT NULL REFERENCES survey_questions(id),
            value TEXT NOT NULL,
            PRIMARY KEY (response_id, question_id)
        ) WITHOUT ROWID;
        """
    )


def member_years(db: Database) -> None:
    """Each member's spend in the twelve months up to a month (storage/year_totals.py): a
    month's ABC classes read one row per member of the year instead of summing twelve months.
    0017 counts the windows (this migration as first released counted them itself; 0017 keeps
    those as they are)."""
    db.executescript(
        f"""
        CREATE TABLE member_years (
            end_month TEXT NOT NULL,        -- local YYYY-MM: the last of the twelve months
            member_id INTEGER NOT NULL,
            spend_cents INTEGER NOT NULL,   -- net spend (sales less refunds) in those twelve months
            PRIMARY KEY (end_month, member_id)
        ) WITHOUT ROWID;
        CREATE TABLE member_year_windows (end_month TEXT PRIMARY KEY);   -- registered: kept by the trigger
        {TRIGGER};
        """
    )


def windows_counted_in_turns(db: Database) -> None:
    """The daily job counts a new twelve-month window a slice of members at a time, so that a
    counter selling meanwhile is not kept waiting; until the last slice the window is registered
    (kept by the trigger) but not complete, and reports sum the months instead. Windows already
    listed were counted whole (default 1). Then every window up to the last month on file is
    counted: about a minute on a shop with twenty million entries."""
    db.execute("ALTER TABLE member_year_windows ADD COLUMN complete INTEGER NOT NULL DEFAULT 1")
    list_windows(db)


def undone_entries_count_nowhere(db: Database) -> None:
    """An undone (voided) entry and its reversal cancel out in every figure (storage/undone.py):
    the report totals' triggers file only the entries that count, and a void withdraws what it
    undoes from the day, month and twelve-month windows it was filed in. Until now every entry
    was filed: those that do not count are withdrawn here (a few rows per void: quick on any
    shop), and the kept reports, computed with them, go."""
    if db.execute("SELECT 1 FROM local_calendar").fetchone():   # else nothing is filed yet: the totals
        for statement in withdraw(NOT_COUNTED):                  # are counted whole when the shop opens
            db.execute(statement)
    db.execute("DELETE FROM report_cache")
    create_triggers(db)


def global_identities(db: Database) -> None:
    """What several tills will share names only global things (docs/sync.md): every member and
    complaint gets a UUID, every entry its place in its device's gapless numbering
    (`device_seq`), and the idempotency keys that held a local integer id (`sale:12:T-1`) name
    the member's, the entry's or the complaint's UUID instead (`sale:<member uuid>:T-1`). The keys
    are part of the ledger's seals, so the seal chain is computed again over the new keys; the
    ledger's content is otherwise untouched."""
    for table in ("members", "complaints"):
        _give_uuids(db, table)
    _add_column(db, "entries", "device_seq INTEGER")
    with _append_only_set_aside(db, ("entries", "entry_seals")):
        db.execute("UPDATE entries SET device_seq = numbered.seq FROM (SELECT id, ROW_NUMBER() OVER "
                   "(PARTITION BY device_id ORDER BY id) AS seq FROM entries) AS numbered "
                   "WHERE entries.id = numbered.id AND entries.device_seq IS NULL")
        changed = 0
        for batch in global_keys(db):
            db.conn.executemany("UPDATE entries SET idempotency_key = ? WHERE id = ?", batch)
            changed += len(batch)
        if changed:
            db.execute("DELETE FROM entry_seals")
            seal_entries_after(db, 0)
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS entries_device_seq ON entries(device_id, device_seq)")


def _add_column(db: Database, table: str, column: str) -> None:
    """A column, unless a test's hand-made older shop has it already (written by today's code)."""
    if column.split()[0] not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")


# The keys that named a local id (prefix, id[, rest]), and what the id is: the entry's own member,
# another member (the new member a referrer is thanked for), an entry, or a complaint.
_LOCAL_KEY = re.compile(r"^(sale|birthday|survey|welcome|import-opening|referral:new|referral:referrer|refund|expire"
                        r"|complaint):(\d+)(?::(.*))?$")
_ID_OF = {"sale": "own member", "birthday": "own member", "survey": "own member", "welcome": "own member",
          "import-opening": "own member", "referral:new": "own member", "referral:referrer": "member",
          "refund": "entry", "expire": "entry", "complaint": "complaint"}


def global_keys(db, batch_size: int = 50_000):
    """Batches of (new key, entry id) for the entries whose key names a local id, read a range of
    ids at a time (twenty million entries in bounded memory); a key of another shape (one an
    import brought, say) is left as it is."""
    uuids = {"member": dict(db.execute("SELECT id, uuid FROM members")),
             "complaint": dict(db.execute("SELECT id, uuid FROM complaints"))}
    after = 0
    while True:
        rows = db.execute("SELECT id, member_id, idempotency_key FROM entries WHERE id > ? ORDER BY id LIMIT ?",
                          [after, batch_size]).fetchall()
        if not rows:
            return
        after = rows[-1][0]
        yield [change for change in (_global_key(db, uuids, *row) for row in rows) if change]


def _global_key(db, uuids: dict, entry_id: int, member_id: int, key: str) -> tuple[str, int] | None:
    found = _LOCAL_KEY.match(key)
    if found is None:
        return None
    prefix, local_id, rest = found.group(1), int(found.group(2)), found.group(3)
    named = _ID_OF[prefix]
    if named == "own member" and local_id != member_id:
        return None
    if named == "entry":
        row = db.execute("SELECT uuid FROM entries WHERE id = ?", [local_id]).fetchone()
        target = row[0] if row else None
    else:
        target = uuids["complaint" if named == "complaint" else "member"].get(local_id)
    if target is None:
        return None
    return f"{prefix}:{target}" + (f":{rest}" if rest is not None else ""), entry_id


@contextmanager
def _append_only_set_aside(db: Database, tables: tuple[str, ...]):
    """This migration's one rewrite of keys: the tables' append-only triggers are dropped for it
    and put back, inside the migration's transaction."""
    triggers = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join('?' * len(tables))}) AND (name LIKE '%_no_update' OR name LIKE '%_no_delete')",
        list(tables)).fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
    yield
    for _, definition in triggers:
        db.execute(definition)


def hub_link(db: Database) -> None:
    """A counter joined to a hub (loyalty/chain/, docs/sync.md): which chain, store and hub, and how
    far its sync has gone — the device's entries the hub has acknowledged (number and seal, to
    continue the chain) and the hub's entries pulled so far. One row, or none for a counter on
    its own. The hub's password is not here (chain/credentials.py)."""
    db.executescript(
        """
        CREATE TABLE hub_link (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            chain_id TEXT NOT NULL,
            store TEXT NOT NULL,
            host TEXT NOT NULL,
            port INTEGER NOT NULL,
            dbname TEXT NOT NULL,
            user TEXT NOT NULL,
            sslmode TEXT NOT NULL,
            joined_at TEXT NOT NULL,
            uploaded_seq INTEGER NOT NULL DEFAULT 0,
            uploaded_seal TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
            uploaded_member_id INTEGER NOT NULL DEFAULT 0,   -- members enrolled here sent so far (by id)
            pulled_member_seq INTEGER NOT NULL DEFAULT 0,    -- the hub's members taken in so far
            pulled_erasure_seq INTEGER NOT NULL DEFAULT 0,   -- the chain's erasures followed so far
            pulled_hub_seq INTEGER NOT NULL DEFAULT 0,
            last_upload_at TEXT,
            last_pull_at TEXT,
            last_problem TEXT
        );
        -- Members enrolled at another counter and taken in from the hub (never sent back).
        CREATE TABLE hub_members_pulled (
            member_id INTEGER PRIMARY KEY REFERENCES members(id)
        );
        -- Members erased here whose erasure the hub has had (an erasure must reach it).
        CREATE TABLE hub_erasures_sent (
            member_uuid TEXT PRIMARY KEY,
            sent_at TEXT NOT NULL
        );
        """
    )


def member_changes(db: Database) -> None:
    """Member details changed at a counter, field by field, each stamped with a hybrid logical
    clock (people/member_changes.py), so that the counters of a chain agree on the latest value of
    each field whatever order the changes reach them in; the losing changes stay on file. A
    change's value is wiped when its member is erased. Members merged into another. And how far
    this counter's sync has sent its own changes and taken in the others' (docs/sync.md)."""
    db.executescript(
        """
        CREATE TABLE member_changes (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            member_id INTEGER NOT NULL REFERENCES members(id),
            field TEXT NOT NULL,
            value TEXT,                 -- JSON; NULL once the member is erased
            hlc TEXT NOT NULL,          -- when, by the hybrid logical clock: the latest wins
            device_id TEXT NOT NULL,
            staff_id TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX member_changes_by_field ON member_changes(member_id, field, hlc);
        CREATE INDEX member_changes_by_device ON member_changes(device_id, id);
        -- Two members who were one person, merged (people/duplicates.py): the absorbed member's cards
        -- open the kept one; the counter that merged them moves what the absorbed one still holds.
        CREATE TABLE member_merges (
            absorbed_id INTEGER PRIMARY KEY REFERENCES members(id),
            kept_id INTEGER NOT NULL REFERENCES members(id),
            device_id TEXT NOT NULL,      -- the counter that merged them
            merged_at TEXT NOT NULL,
            moves INTEGER NOT NULL DEFAULT 0    -- points moved to the kept member so far (times)
        );
        """
    )
    _add_column(db, "hub_link", "uploaded_change_id INTEGER NOT NULL DEFAULT 0")   # own changes sent (by id)
    _add_column(db, "hub_link", "pulled_change_seq INTEGER NOT NULL DEFAULT 0")    # the hub's taken in so far
    _add_column(db, "hub_link", "card_block INTEGER")     # this counter's card-number block on the hub
    # The programme's shop-wide settings and tiers, and the staff accounts, as changed at a counter,
    # stamped like the member changes, so that every counter of a chain runs one programme with
    # one staff (programme/shared.py).
    db.executescript(
        """
        CREATE TABLE programme_changes (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('setting', 'tier', 'staff')),
            key TEXT NOT NULL,          -- the setting's name, the tier's code, the staff member's name
            value TEXT NOT NULL,        -- JSON
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            staff_id TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX programme_changes_by_key ON programme_changes(kind, key, hlc);
        CREATE INDEX programme_changes_by_device ON programme_changes(device_id, id);
        """
    )
    _add_column(db, "hub_link", "uploaded_programme_id INTEGER NOT NULL DEFAULT 0")
    _add_column(db, "hub_link", "pulled_programme_seq INTEGER NOT NULL DEFAULT 0")
    # The chain's counters and their stores, as their entries came (reports by store:
    # reports/stores.py); a member's home store when enrolled at another counter (NULL: here).
    db.execute("CREATE TABLE devices (device_id TEXT PRIMARY KEY, store TEXT NOT NULL)")
    _add_column(db, "members", "home_store TEXT")


def first_download(db: Database) -> None:
    """A new counter's first download of the chain's ledger, member by member up to the hub's
    number it had when it began (chain/first_download.py), and where it stands, so that an
    interrupted download resumes where it stopped."""
    _add_column(db, "hub_link", "bulk_up_to INTEGER")               # NULL: no first download under way
    _add_column(db, "hub_link", "bulk_member TEXT")                 # the last member (uuid) taken in so far
    _add_column(db, "hub_link", "bulk_seq INTEGER NOT NULL DEFAULT 0")      # and its last entry's hub number
    _add_column(db, "hub_link", "bulk_missed_seq INTEGER")          # the first entry whose member was not here


def programme_identities(db: Database) -> None:
    """Rewards and campaigns travel between the tills of a chain (programme/shared.py): each gets a
    UUID, and the programme's log of changes takes them. A reward's stock is the chain's: the count
    a person set, when, and what is left — that count less the redemptions of it since, wherever
    they were made (programme/rewards.recount_stock)."""
    for table in ("rewards", "campaigns"):
        _give_uuids(db, table)
    _add_column(db, "rewards", "stock_set INTEGER")     # the count a person set (NULL: unlimited)
    _add_column(db, "rewards", "stock_set_at TEXT")     # when
    db.execute("UPDATE rewards SET stock_set = stock, stock_set_at = ? WHERE stock IS NOT NULL",
               [datetime.now(timezone.utc).isoformat(timespec="microseconds")])    # as common/clock.to_iso
    db.execute("CREATE INDEX IF NOT EXISTS entries_reward ON entries(reward_id, created_at) WHERE reward_id IS NOT NULL")
    db.executescript(
        """
        CREATE TABLE programme_changes_wider (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('setting', 'tier', 'staff', 'reward', 'campaign', 'survey')),
            key TEXT NOT NULL,          -- the setting's name, the tier's code, the staff member's name, a UUID
            value TEXT NOT NULL,        -- JSON
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            staff_id TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        INSERT INTO programme_changes_wider SELECT * FROM programme_changes;
        DROP TABLE programme_changes;
        ALTER TABLE programme_changes_wider RENAME TO programme_changes;
        CREATE INDEX programme_changes_by_key ON programme_changes(kind, key, hlc);
        CREATE INDEX programme_changes_by_device ON programme_changes(device_id, id);
        """
    )


def survey_identities(db: Database) -> None:
    """The counter survey travels between the tills of a chain (retention/survey.py): the questions
    with the programme, each answer with its member; each gets a UUID."""
    for table in ("survey_questions", "survey_responses"):
        _give_uuids(db, table)


def _give_uuids(db: Database, table: str) -> None:
    """A UUID column for `table`, one for every row, unique."""
    _add_column(db, table, "uuid TEXT")
    ids = [row[0] for row in db.execute(f"SELECT id FROM {table} WHERE uuid IS NULL")]
    db.conn.executemany(f"UPDATE {table} SET uuid = ? WHERE id = ?", ((str(uuid.uuid4()), id_) for id_ in ids))
    db.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_uuid ON {table}(uuid)")


def sync_state_in_words(db: Database) -> None:
    """What the window says of the sync (chain/rounds.py, issue 23): whether the last round's
    problem is the network's (the till waits) or one the owner must look at, and what the hub
    said at the last contact — its newest number (so: how much waits to come here) and how many
    of this counter's entries it set aside for the owner."""
    _add_column(db, "hub_link", "problem_kind TEXT")        # NULL, 'offline' or 'owner' (chain/problems.py)
    _add_column(db, "hub_link", "hub_head_seen INTEGER")    # the hub's newest number at the last contact
    _add_column(db, "hub_link", "quarantined INTEGER NOT NULL DEFAULT 0")   # this counter's, set aside there


def hub_restores(db: Database) -> None:
    """A hub restored from a backup is told by its restore identity (chain/rounds.py): the one a
    counter saw last."""
    _add_column(db, "hub_link", "hub_restored_as TEXT")


def hub_certificate(db: Database) -> None:
    """The certificate of a hub kept on a shop's PC, pinned when the counter joined (its
    fingerprint was in the join code; chain/tls_front.py): the only root this counter trusts for
    its hub. Kept in the database, so a restored or copied till still reaches its hub."""
    _add_column(db, "hub_link", "hub_certificate TEXT")


def undone_merges(db: Database) -> None:
    """A merge undone (ledger/merges.undo_merge) stays in member_merges, marked: its count of
    moves keeps the keys of a later merge of the same two new."""
    _add_column(db, "member_merges", "undone_at TEXT")
