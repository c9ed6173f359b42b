"""Migration 0001: the schema as first released — members, cards, the ledger's entries and expiry
lots, tiers, rewards, campaigns, settings — with the triggers that keep the ledger append-only."""

from sqlite_utils import Database

APPEND_ONLY_TABLES = ("entries", "allocations", "tier_changes")


def initial_schema(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL               -- JSON
        );

        CREATE TABLE tiers (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            rank INTEGER NOT NULL UNIQUE,     -- 0 is the base tier every member starts in
            min_spend_cents INTEGER NOT NULL CHECK (min_spend_cents >= 0),
            multiplier TEXT NOT NULL,         -- exact decimal text, e.g. '1.25'
            colour TEXT NOT NULL
        );

        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            card TEXT NOT NULL UNIQUE,        -- the member's current card
            name TEXT NOT NULL,
            phone TEXT,
            phone_digits TEXT,                -- for prefix search
            email TEXT,
            birthday TEXT,                    -- YYYY-MM-DD
            marketing_consent INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)),
            consent_at TEXT,                  -- when consent was given or withdrawn
            joined_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'erased')),
            referrer_id INTEGER REFERENCES members(id),
            tier_code TEXT NOT NULL REFERENCES tiers(code),
            tier_since TEXT NOT NULL,
            tier_grace_until TEXT,            -- local date from which a pending downgrade applies
            balance INTEGER NOT NULL DEFAULT 0, -- cache of SUM(entries.points); same transaction; checked by verify
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX members_phone ON members(phone_digits);
        CREATE INDEX members_tier ON members(tier_code);

        CREATE TABLE cards (
            number TEXT PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id),
            status TEXT NOT NULL CHECK (status IN ('active', 'replaced')),
            issued_at TEXT NOT NULL,
            replaced_by TEXT
        ) WITHOUT ROWID;
        CREATE INDEX cards_member ON cards(member_id);

        -- Accent- and case-insensitive word-prefix search over names.
        CREATE VIRTUAL TABLE members_fts USING fts5(
            name, content='members', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        );
        CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN
            INSERT INTO members_fts(rowid, name) VALUES (new.id, new.name);
        END;
        CREATE TRIGGER members_fts_update AFTER UPDATE OF name ON members BEGIN
            INSERT INTO members_fts(members_fts, rowid, name) VALUES ('delete', old.id, old.name);
            INSERT INTO members_fts(rowid, name) VALUES (new.id, new.name);
        END;
        CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
            INSERT INTO members_fts(members_fts, rowid, name) VALUES ('delete', old.id, old.name);
        END;

        CREATE TABLE rewards (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            points_cost INTEGER NOT NULL CHECK (points_cost > 0),
            stock INTEGER CHECK (stock IS NULL OR stock >= 0),  -- NULL: unlimited
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL
        );

        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            multiplier TEXT NOT NULL,         -- exact decimal text, e.g. '2'
            starts_on TEXT NOT NULL,          -- local dates, both inclusive
            ends_on TEXT NOT NULL,
            weekdays TEXT NOT NULL DEFAULT '',-- ISO weekdays '2,4' (Tue, Thu); '' = every day
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            CHECK (starts_on <= ends_on)
        );

        -- The ledger. Append-only: corrections are new entries (kind 'reverse').
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            member_id INTEGER NOT NULL REFERENCES members(id),
            kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'adjust', 'reverse', 'expire', 'bonus')),
            points INTEGER NOT NULL,
            amount_cents INTEGER,             -- sale amount, refunded amount, or value of redeemed points
            spend_cents INTEGER NOT NULL DEFAULT 0, -- signed qualifying spend: +sale, -refund
            receipt_ref TEXT,
            reason TEXT,
            bonus_kind TEXT CHECK (bonus_kind IS NULL OR bonus_kind IN
                ('welcome', 'birthday', 'referral', 'campaign', 'compensation')),
            reverses_id INTEGER REFERENCES entries(id),
            reward_id INTEGER REFERENCES rewards(id),
            campaign_id INTEGER REFERENCES campaigns(id),
            tier_code TEXT,
            detail TEXT,                      -- JSON: how the points were computed
            staff_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            created_at TEXT NOT NULL,         -- UTC ISO-8601
            idempotency_key TEXT NOT NULL UNIQUE
        );
        -- Covers the qualifying-spend window sum and a member's history.
        CREATE INDEX entries_member_time ON entries(member_id, created_at, spend_cents);
        CREATE INDEX entries_reverses ON entries(reverses_id) WHERE reverses_id IS NOT NULL;

        -- Every positive entry opens a lot of points with an expiry date; every
        -- negative entry is allocated to lots, soonest-expiring first.
        CREATE TABLE lots (
            entry_id INTEGER PRIMARY KEY REFERENCES entries(id),
            member_id INTEGER NOT NULL REFERENCES members(id),
            expires_on TEXT NOT NULL,         -- last local day the points can be spent
            remaining INTEGER NOT NULL CHECK (remaining >= 0) -- cache; checked by verify
        );
        CREATE INDEX lots_open_by_member ON lots(member_id, expires_on) WHERE remaining > 0;
        CREATE INDEX lots_open_by_expiry ON lots(expires_on) WHERE remaining > 0;

        CREATE TABLE allocations (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id), -- the entry that took the points
            lot_id INTEGER NOT NULL REFERENCES lots(entry_id),
            points INTEGER NOT NULL CHECK (points <> 0)       -- negative: points given back
        );
        CREATE INDEX allocations_entry ON allocations(entry_id);

        CREATE TABLE tier_changes (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id),
            from_code TEXT REFERENCES tiers(code),
            to_code TEXT NOT NULL REFERENCES tiers(code),
            changed_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            entry_id INTEGER REFERENCES entries(id)
        );
        CREATE INDEX tier_changes_member ON tier_changes(member_id);
        """
    )
    for table in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: post a reversal instead'); END"
            )
