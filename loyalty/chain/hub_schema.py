"""The hub's schema (docs/sync.md: the hub's rules), as numbered migrations like the local
database's: `STEPS[n - 1]` takes a hub from version n - 1 to n; released steps are never edited.

Everything lives in the schema `hub`: `hub_meta` (schema version, chain id), `stores`, `devices`,
`entries` (the wire fields, `hub_seq`, `received_at`) and `quarantine`; triggers refuse UPDATE,
DELETE and TRUNCATE on `entries` and `quarantine` whoever asks; counters have no table privilege,
only EXECUTE on `hub_ingest(jsonb)` and `hub_pull(bigint, integer)`, SECURITY DEFINER functions
owned by the hub's owner (the role that ran `hub init`) with their search_path pinned.

`hub_canonical` and `hub_seal` compute in SQL what loyalty/chain/wire.py computes in Python."""

from .wire import INTEGER_FIELDS, KINDS, SEALED_FIELDS, TIME_FIELDS, UUID_FIELDS, WIRE_FIELDS

HUB_LOCK = 7_202_201   # pg_advisory_xact_lock key: numbering entries (hub_seq follows commit order)
MIGRATION_LOCK = 7_202_200

_TIME = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'"
_KINDS = ", ".join(f"'{kind}'" for kind in KINDS)
_WIRE_COLUMNS = ", ".join(WIRE_FIELDS)
_ALL_FIELDS = ",".join(WIRE_FIELDS)
_STRING_FIELDS = ",".join(name for name in WIRE_FIELDS if name not in ("device_seq", "points", "amount_cents",
                                                                        "spend_cents"))


def _canonical_sql() -> str:
    """The canonical JSON as one concatenation, keys in wire.SEALED_FIELDS' (byte) order: a
    fixed string with each value in its JSON form (to_json escapes exactly what Python's json
    does; numbers as digits; null when empty)."""
    def value(name: str) -> str:
        if name in INTEGER_FIELDS:
            return f"coalesce(e.{name}::text, 'null')"
        if name in TIME_FIELDS:
            return f"to_json(to_char(e.created_at AT TIME ZONE 'UTC', {_TIME}))::text"
        if name in UUID_FIELDS:
            return f"coalesce(to_json(e.{name}::text)::text, 'null')"
        return f"coalesce(to_json(e.{name})::text, 'null')"
    fields = " || ',' || ".join(f"'\"{name}\":' || {value(name)}" for name in SEALED_FIELDS)
    return "'{' || " + fields + " || '}'"   # goes into STEP_1 as it is: single braces


_CANONICAL = _canonical_sql()
_WIRE_COLUMNS_OF_U = ", ".join(f"u.{name}" for name in WIRE_FIELDS)

STEP_1 = f"""
CREATE SCHEMA hub;
REVOKE ALL ON SCHEMA hub FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE TABLE hub.hub_meta (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    schema_version integer NOT NULL,
    chain_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub.stores (
    code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9]{{1,16}}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub.devices (
    device_id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
    store_code text NOT NULL REFERENCES hub.stores (code),
    role_name text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_contact timestamptz,
    last_seq bigint NOT NULL DEFAULT 0,
    last_seal text NOT NULL DEFAULT repeat('0', 64)
);

CREATE TABLE hub.entries (
    uuid uuid PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES hub.devices (device_id),
    device_seq bigint NOT NULL CHECK (device_seq >= 1),
    store text NOT NULL,
    member_uuid uuid,
    kind text NOT NULL CHECK (kind IN ({_KINDS})),
    points bigint,
    amount_cents bigint,
    spend_cents bigint,
    receipt_ref text,
    reason text,
    bonus_kind text,
    tier_code text,
    staff text,
    reverses_uuid uuid,
    reward_uuid uuid,
    campaign_uuid uuid,
    detail text,
    created_at timestamptz NOT NULL,
    idempotency_key text NOT NULL UNIQUE,
    device_seal text NOT NULL,
    hub_seq bigint NOT NULL UNIQUE,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (device_id, device_seq)
);

CREATE TABLE hub.quarantine (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id uuid NOT NULL,
    uuid uuid,
    device_seq bigint,
    payload jsonb NOT NULL,
    reason text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_by_uuid ON hub.quarantine (uuid);

CREATE FUNCTION hub.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hub: % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON hub.entries
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER entries_never_emptied BEFORE TRUNCATE ON hub.entries
    FOR EACH STATEMENT EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER quarantine_append_only BEFORE UPDATE OR DELETE ON hub.quarantine
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER quarantine_never_emptied BEFORE TRUNCATE ON hub.quarantine
    FOR EACH STATEMENT EXECUTE FUNCTION hub.refuse_change();

-- The canonical JSON of an entry (wire.py's canonical_json): every field but the seal, keys in
-- byte order, no spaces, text unescaped UTF-8 (to_json escapes exactly what Python's json does).
CREATE FUNCTION hub.hub_canonical(e hub.entries) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT {_CANONICAL}
$$;

CREATE FUNCTION hub.hub_seal(previous_seal text, e hub.entries) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT encode(sha256(convert_to(previous_seal || '|' || hub.hub_canonical(e), 'UTF8')), 'hex')
$$;

-- An entry of the payload as a row, refusing what is not in its wire form (naming the field).
CREATE FUNCTION hub.wire_entry(e jsonb, pos integer) RETURNS hub.entries
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r hub.entries;
    wanted text;
    bad_key text;
    bad_type text;
BEGIN
    IF jsonb_typeof(e) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'hub: entry %: not a JSON object', pos USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One statement per check, not a loop per field: this runs for every entry of every batch.
    SELECT f.key, jsonb_typeof(f.value),
           CASE WHEN f.key = ANY ('{{device_seq,points,amount_cents,spend_cents}}'::text[]) THEN 'number'
                WHEN f.key = ANY ('{{{_STRING_FIELDS}}}'::text[]) THEN 'string' END
      INTO bad_key, bad_type, wanted
      FROM jsonb_each(e) AS f
     WHERE jsonb_typeof(f.value) <> 'null'
       AND jsonb_typeof(f.value) IS DISTINCT FROM
           CASE WHEN f.key = ANY ('{{device_seq,points,amount_cents,spend_cents}}'::text[]) THEN 'number'
                WHEN f.key = ANY ('{{{_STRING_FIELDS}}}'::text[]) THEN 'string' END
        OR NOT (f.key = ANY ('{{{_ALL_FIELDS}}}'::text[]))
     LIMIT 1;
    IF bad_key IS NOT NULL AND wanted IS NULL THEN
        RAISE EXCEPTION 'hub: entry %: unknown field %', pos, bad_key USING ERRCODE = 'invalid_parameter_value';
    ELSIF bad_key IS NOT NULL THEN
        RAISE EXCEPTION 'hub: entry %: % must be a JSON %, not %', pos, bad_key, wanted, bad_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT k INTO bad_key FROM unnest('{{uuid,device_id,device_seq,store,kind,created_at,idempotency_key,device_seal}}'::text[]) AS k
     WHERE e ->> k IS NULL LIMIT 1;
    IF bad_key IS NOT NULL THEN
        RAISE EXCEPTION 'hub: entry %: % is required', pos, bad_key USING ERRCODE = 'invalid_parameter_value';
    END IF;
    BEGIN
        r := jsonb_populate_record(NULL::hub.entries, e - 'hub_seq' - 'received_at');
    EXCEPTION WHEN data_exception THEN
        RAISE EXCEPTION 'hub: entry %: %', pos, SQLERRM USING ERRCODE = 'invalid_parameter_value';
    END;
    IF e ->> 'created_at' <> to_char(r.created_at AT TIME ZONE 'UTC', {_TIME}) THEN
        RAISE EXCEPTION 'hub: entry %: created_at % is not UTC text such as 2026-03-01T10:30:00.000000Z',
            pos, e ->> 'created_at' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT k INTO bad_key FROM unnest('{{uuid,device_id,member_uuid,reverses_uuid,reward_uuid,campaign_uuid}}'::text[]) AS k
     WHERE e ->> k IS NOT NULL AND e ->> k <> lower((e ->> k)::uuid::text) LIMIT 1;
    IF bad_key IS NOT NULL THEN
        RAISE EXCEPTION 'hub: entry %: % is not a lowercase UUID with hyphens', pos, bad_key
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF r.device_seq < 1 THEN
        RAISE EXCEPTION 'hub: entry %: device_seq must be 1 or more', pos USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF r.kind NOT IN ({_KINDS}) THEN
        RAISE EXCEPTION 'hub: entry %: kind % is not one of {", ".join(KINDS)}', pos, r.kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN r;
END $$;

-- A whole batch as rows when every entry is in its wire form (what wire_entry checks, for all of
-- them at once); NULL otherwise, and the entry-by-entry path names what is wrong with which.
CREATE FUNCTION hub.wire_batch(entries jsonb) RETURNS hub.entries[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    parsed hub.entries[];
BEGIN
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(entries) AS v WHERE jsonb_typeof(v.value) <> 'object') THEN
        RETURN NULL;
    END IF;
    -- Per entry, not per field: no unknown key, the required ones there, numbers as numbers. (A
    -- text field given as a number becomes that text, as it would on the entry-by-entry path's
    -- populate; the seal, checked over the stored values, covers the rest.)
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(entries) AS v
               WHERE (v.value - '{{{_ALL_FIELDS}}}'::text[]) <> '{{}}'::jsonb
                  OR NOT (jsonb_strip_nulls(v.value)
                          ?& '{{uuid,device_id,device_seq,store,kind,created_at,idempotency_key,device_seal}}'::text[])
                  OR jsonb_typeof(v.value -> 'device_seq') <> 'number'
                  OR coalesce(jsonb_typeof(v.value -> 'points'), 'null') NOT IN ('number', 'null')
                  OR coalesce(jsonb_typeof(v.value -> 'amount_cents'), 'null') NOT IN ('number', 'null')
                  OR coalesce(jsonb_typeof(v.value -> 'spend_cents'), 'null') NOT IN ('number', 'null')) THEN
        RETURN NULL;
    END IF;
    BEGIN
        parsed := ARRAY(SELECT jsonb_populate_record(NULL::hub.entries, v.value - 'hub_seq' - 'received_at')
                        FROM jsonb_array_elements(entries) WITH ORDINALITY AS v ORDER BY v.ordinality);
    EXCEPTION WHEN data_exception THEN
        RETURN NULL;
    END;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(entries) WITH ORDINALITY AS v(value, i)
               WHERE v.value ->> 'created_at' <> to_char((parsed[i]).created_at AT TIME ZONE 'UTC', {_TIME})
                  OR (parsed[i]).device_seq < 1 OR (parsed[i]).kind NOT IN ({_KINDS})
                  OR v.value ->> 'uuid' <> (parsed[i]).uuid::text
                  OR v.value ->> 'device_id' <> (parsed[i]).device_id::text
                  OR v.value ->> 'member_uuid' <> (parsed[i]).member_uuid::text
                  OR v.value ->> 'reverses_uuid' <> (parsed[i]).reverses_uuid::text
                  OR v.value ->> 'reward_uuid' <> (parsed[i]).reward_uuid::text
                  OR v.value ->> 'campaign_uuid' <> (parsed[i]).campaign_uuid::text) THEN
        RETURN NULL;
    END IF;
    RETURN parsed;
END $$;

-- The counter whose session this is (never a field of the payload); refuses strangers and the revoked.
CREATE FUNCTION hub.calling_device() RETURNS hub.devices
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    SELECT * INTO me FROM hub.devices d WHERE d.role_name = session_user FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'hub: % is not a counter of this hub', session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF me.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION 'hub: counter % was revoked on %', me.name, me.revoked_at
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE hub.devices SET last_contact = now() WHERE device_id = me.device_id;
    RETURN me;
END $$;

CREATE FUNCTION hub.hub_ingest(entries jsonb) RETURNS TABLE (uuid uuid, outcome text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
    item jsonb;
    pos integer;
    r hub.entries;
    existing hub.entries;
    computed text;
    why text;
    next_hub_seq bigint;
    uuids uuid[] := '{{}}';
    outcomes text[] := '{{}}';
    added integer := 0;
    parsed hub.entries[];
    n integer;
BEGIN
    IF jsonb_typeof(entries) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'hub: the entries must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One lock for numbering: hub_seq is handed out in commit order.
    PERFORM pg_advisory_xact_lock({HUB_LOCK});
    me := hub.calling_device();
    SELECT coalesce(max(x.hub_seq), 0) + 1 INTO next_hub_seq FROM hub.entries x;
    -- The usual batch in one statement each: it continues this device's numbering and seal chain
    -- (every link checked against the entry before it) and holds nothing the hub has. Anything
    -- else — a retry, a conflict, a gap, a forged device — takes the entry-by-entry path below,
    -- which says what it is.
    parsed := hub.wire_batch(entries);
    n := coalesce(cardinality(parsed), 0);
    IF n > 0
       AND NOT EXISTS (
           SELECT 1 FROM generate_subscripts(parsed, 1) AS i
           WHERE (parsed[i]).device_id <> me.device_id OR (parsed[i]).device_seq <> me.last_seq + i
              OR hub.hub_seal(CASE WHEN i = 1 THEN me.last_seal ELSE (parsed[i - 1]).device_seal END, parsed[i])
                 <> (parsed[i]).device_seal)
       AND (SELECT count(DISTINCT u.uuid) = n AND count(DISTINCT u.idempotency_key) = n FROM unnest(parsed) AS u)
       AND NOT EXISTS (SELECT 1 FROM hub.entries x WHERE x.uuid = ANY (ARRAY(SELECT u.uuid FROM unnest(parsed) AS u)))
       AND NOT EXISTS (SELECT 1 FROM hub.entries x
                       WHERE x.idempotency_key = ANY (ARRAY(SELECT u.idempotency_key FROM unnest(parsed) AS u)))
    THEN
        INSERT INTO hub.entries ({_WIRE_COLUMNS}, hub_seq, received_at)
            SELECT {_WIRE_COLUMNS_OF_U}, next_hub_seq + u.ordinality - 1, now()
            FROM unnest(parsed) WITH ORDINALITY AS u;
        UPDATE hub.devices SET last_seq = (parsed[n]).device_seq, last_seal = (parsed[n]).device_seal
            WHERE device_id = me.device_id;
        PERFORM pg_notify('loyalty_hub', (next_hub_seq + n - 1)::text);
        RETURN QUERY SELECT u.uuid, 'new'::text FROM unnest(parsed) WITH ORDINALITY AS u ORDER BY u.ordinality;
        RETURN;
    END IF;
    FOR item, pos IN SELECT value, ordinality FROM jsonb_array_elements(entries) WITH ORDINALITY LOOP
        r := hub.wire_entry(item, pos);
        IF r.device_id <> me.device_id THEN
            RAISE EXCEPTION 'hub: entry % claims device %, but this session is device % (%)',
                r.uuid, r.device_id, me.device_id, me.name USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT * INTO existing FROM hub.entries x WHERE x.uuid = r.uuid;
        IF FOUND AND hub.hub_canonical(existing) = hub.hub_canonical(r) AND existing.device_seal = r.device_seal THEN
            uuids := uuids || r.uuid; outcomes := outcomes || 'duplicate'::text;
            CONTINUE;
        END IF;
        why := NULL;
        IF r.device_seq <= me.last_seq THEN
            -- A number this device already used: a retry of a quarantined entry, or other content.
            IF EXISTS (SELECT 1 FROM hub.quarantine q WHERE q.device_id = me.device_id AND q.uuid = r.uuid
                       AND q.device_seq = r.device_seq AND q.payload = item) THEN
                uuids := uuids || r.uuid; outcomes := outcomes || 'quarantined'::text;
                CONTINUE;
            END IF;
            why := format('device number %s was already used by another entry', r.device_seq);
        ELSE
            IF r.device_seq <> me.last_seq + 1 THEN
                RAISE EXCEPTION 'hub: entry % has device_seq %, but % is missing (the hub has up to % from %)',
                    r.uuid, r.device_seq, me.last_seq + 1, me.last_seq, me.name
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            computed := hub.hub_seal(me.last_seal, r);
            IF computed <> r.device_seal THEN
                RAISE EXCEPTION 'hub: entry % (device_seq %) has a wrong seal: it does not continue the chain of %',
                    r.uuid, r.device_seq, me.name USING ERRCODE = 'invalid_parameter_value';
            END IF;
            me.last_seq := r.device_seq;
            me.last_seal := r.device_seal;
            IF existing.uuid IS NOT NULL AND existing.member_uuid IS NOT DISTINCT FROM r.member_uuid
                    AND existing.kind = r.kind AND existing.points IS NOT DISTINCT FROM r.points
                    AND existing.amount_cents IS NOT DISTINCT FROM r.amount_cents
                    AND existing.spend_cents IS NOT DISTINCT FROM r.spend_cents
                    AND existing.idempotency_key = r.idempotency_key
                    AND existing.reverses_uuid IS NOT DISTINCT FROM r.reverses_uuid
                    AND existing.bonus_kind IS NOT DISTINCT FROM r.bonus_kind THEN
                -- The same fact posted by another device (a keyed entry takes the UUID of its key:
                -- two tills expiring one lot, or giving one welcome bonus): this device's number
                -- stands for it; the hub keeps the first.
                uuids := uuids || r.uuid; outcomes := outcomes || 'duplicate'::text;
                CONTINUE;
            ELSIF existing.uuid IS NOT NULL THEN
                why := 'the uuid is already on the hub with other content';
            ELSIF EXISTS (SELECT 1 FROM hub.entries x WHERE x.idempotency_key = r.idempotency_key) THEN
                why := format('the idempotency key %s is already on the hub under another entry', r.idempotency_key);
            END IF;
        END IF;
        IF why IS NOT NULL THEN
            INSERT INTO hub.quarantine (device_id, uuid, device_seq, payload, reason)
                VALUES (me.device_id, r.uuid, r.device_seq, item, why);
            uuids := uuids || r.uuid; outcomes := outcomes || 'quarantined'::text;
            CONTINUE;
        END IF;
        r.hub_seq := next_hub_seq;
        r.received_at := now();
        INSERT INTO hub.entries SELECT r.*;
        next_hub_seq := next_hub_seq + 1;
        added := added + 1;
        uuids := uuids || r.uuid; outcomes := outcomes || 'new'::text;
    END LOOP;
    UPDATE hub.devices SET last_seq = me.last_seq, last_seal = me.last_seal WHERE device_id = me.device_id;
    IF added > 0 THEN
        PERFORM pg_notify('loyalty_hub', (next_hub_seq - 1)::text);
    END IF;
    RETURN QUERY SELECT * FROM unnest(uuids, outcomes);
END $$;

CREATE FUNCTION hub.hub_pull(after_seq bigint, max_entries integer) RETURNS SETOF hub.entries
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT * FROM hub.entries x WHERE x.hub_seq > coalesce(after_seq, 0)
        ORDER BY x.hub_seq LIMIT least(greatest(coalesce(max_entries, 500), 1), 5000);
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA hub FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA hub FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA hub FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA hub REVOKE ALL ON TABLES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA hub REVOKE ALL ON FUNCTIONS FROM PUBLIC;
DO $$ BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
END $$;
"""

MEMBER_LOCK = 7_202_202   # pg_advisory_xact_lock key: numbering members (member_seq follows commit order)

# Members travel to the hub: each counter sends those it enrolled, and (next) pulls the others'
# so that their entries have a member to belong to. Edits, erasures and merges are later steps.
STEP_2 = f"""
CREATE TABLE hub.members (
    uuid uuid PRIMARY KEY,
    card text NOT NULL UNIQUE,
    name text NOT NULL,
    phone text,
    email text,
    birthday date,
    marketing_consent boolean NOT NULL DEFAULT false,
    marketing_consent_at timestamptz,
    profiling_consent boolean NOT NULL DEFAULT false,
    profiling_consent_at timestamptz,
    joined_at timestamptz NOT NULL,
    referrer_uuid uuid,
    external_id text,
    store text NOT NULL,
    device_id uuid NOT NULL REFERENCES hub.devices (device_id),
    member_seq bigint NOT NULL UNIQUE,
    received_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON hub.members FROM PUBLIC;

-- A member as the hub compares them: what the enrolling counter said (not where or when it arrived).
CREATE FUNCTION hub.member_fact(m hub.members) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT to_jsonb(m) - 'store' - 'device_id' - 'member_seq' - 'received_at'
$$;

CREATE FUNCTION hub.hub_ingest_members(members jsonb) RETURNS TABLE (uuid uuid, outcome text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
    item jsonb;
    pos integer;
    r hub.members;
    existing hub.members;
    next_seq bigint;
    uuids uuid[] := '{{}}';
    outcomes text[] := '{{}}';
    added integer := 0;
    missing text;
BEGIN
    IF jsonb_typeof(members) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'hub: the members must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock({MEMBER_LOCK});
    me := hub.calling_device();
    SELECT coalesce(max(x.member_seq), 0) + 1 INTO next_seq FROM hub.members x;
    FOR item, pos IN SELECT value, ordinality FROM jsonb_array_elements(members) WITH ORDINALITY LOOP
        IF jsonb_typeof(item) IS DISTINCT FROM 'object' THEN
            RAISE EXCEPTION 'hub: member %: not a JSON object', pos USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT k INTO missing FROM unnest('{{uuid,card,name,joined_at}}'::text[]) AS k WHERE item ->> k IS NULL LIMIT 1;
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'hub: member %: % is required', pos, missing USING ERRCODE = 'invalid_parameter_value';
        END IF;
        BEGIN
            r := jsonb_populate_record(NULL::hub.members,
                                       item - 'store' - 'device_id' - 'member_seq' - 'received_at');
        EXCEPTION WHEN data_exception THEN
            RAISE EXCEPTION 'hub: member %: %', pos, SQLERRM USING ERRCODE = 'invalid_parameter_value';
        END;
        r.store := me.store_code;
        r.device_id := me.device_id;
        SELECT * INTO existing FROM hub.members x WHERE x.uuid = r.uuid;
        IF FOUND THEN
            uuids := uuids || r.uuid;
            IF hub.member_fact(existing) = hub.member_fact(r) THEN
                outcomes := outcomes || 'duplicate'::text;
            ELSE
                INSERT INTO hub.quarantine (device_id, uuid, payload, reason)
                    SELECT me.device_id, r.uuid, item, 'the member is already on the hub with other details'
                    WHERE NOT EXISTS (SELECT 1 FROM hub.quarantine q WHERE q.uuid = r.uuid AND q.payload = item);
                outcomes := outcomes || 'quarantined'::text;
            END IF;
            CONTINUE;
        END IF;
        IF EXISTS (SELECT 1 FROM hub.members x WHERE x.card = r.card) THEN
            INSERT INTO hub.quarantine (device_id, uuid, payload, reason)
                SELECT me.device_id, r.uuid, item, format('card %s belongs to another member on the hub', r.card)
                WHERE NOT EXISTS (SELECT 1 FROM hub.quarantine q WHERE q.uuid = r.uuid AND q.payload = item);
            uuids := uuids || r.uuid; outcomes := outcomes || 'quarantined'::text;
            CONTINUE;
        END IF;
        r.member_seq := next_seq;
        r.received_at := now();
        INSERT INTO hub.members SELECT r.*;
        next_seq := next_seq + 1;
        added := added + 1;
        uuids := uuids || r.uuid; outcomes := outcomes || 'new'::text;
    END LOOP;
    IF added > 0 THEN
        PERFORM pg_notify('loyalty_hub', 'members ' || (next_seq - 1)::text);
    END IF;
    RETURN QUERY SELECT * FROM unnest(uuids, outcomes);
END $$;

CREATE FUNCTION hub.hub_pull_members(after_seq bigint, max_members integer) RETURNS SETOF hub.members
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT * FROM hub.members x WHERE x.member_seq > coalesce(after_seq, 0)
        ORDER BY x.member_seq LIMIT least(greatest(coalesce(max_members, 500), 1), 5000);
END $$;

REVOKE ALL ON FUNCTION hub.member_fact(hub.members), hub.hub_ingest_members(jsonb),
    hub.hub_pull_members(bigint, integer) FROM PUBLIC;
DO $$
DECLARE
    counter text;
BEGIN
    FOR counter IN SELECT role_name FROM hub.devices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION hub.hub_ingest_members(jsonb), '
                       'hub.hub_pull_members(bigint, integer) TO %I', counter);
    END LOOP;
END $$;
"""

# An erasure at one counter reaches the hub: the member's personal data wiped on the hub, from the
# members table and from any quarantined copy of them, and the fact kept (which member, which
# counter, when) for the other counters to follow (next: their pull).
STEP_3 = """
CREATE TABLE hub.erasures (
    member_uuid uuid PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES hub.devices (device_id),
    erased_at timestamptz NOT NULL DEFAULT now(),
    erasure_seq bigint NOT NULL UNIQUE          -- in the order counters pull them
);
REVOKE ALL ON hub.erasures FROM PUBLIC;

-- The append-only guard lets one thing through: an erasure scrubbing a quarantined copy.
CREATE OR REPLACE FUNCTION hub.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'quarantine' AND TG_OP = 'UPDATE' AND current_setting('hub.erasing', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'hub: % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION hub.hub_erase_member(member uuid) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    me := hub.calling_device();
    PERFORM set_config('hub.erasing', 'on', true);
    UPDATE hub.members SET name = '(erased member)', phone = NULL, email = NULL, birthday = NULL,
        external_id = NULL, marketing_consent = false, marketing_consent_at = NULL, profiling_consent = false,
        profiling_consent_at = NULL WHERE uuid = member;
    UPDATE hub.quarantine SET payload = jsonb_build_object('uuid', member, 'erased', true) WHERE uuid = member
        AND payload ? 'name';
    PERFORM set_config('hub.erasing', 'off', true);
    PERFORM pg_advisory_xact_lock(7202203);
    INSERT INTO hub.erasures (member_uuid, device_id, erasure_seq)
        SELECT member, me.device_id, coalesce(max(x.erasure_seq), 0) + 1 FROM hub.erasures x
        ON CONFLICT DO NOTHING;
    RETURN CASE WHEN FOUND THEN 'erased' ELSE 'already' END;
END $$;
CREATE FUNCTION hub.hub_pull_erasures(after_seq bigint, max_erasures integer)
RETURNS TABLE (erasure_seq bigint, member_uuid uuid)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT x.erasure_seq, x.member_uuid FROM hub.erasures x WHERE x.erasure_seq > coalesce(after_seq, 0)
        ORDER BY x.erasure_seq LIMIT least(greatest(coalesce(max_erasures, 500), 1), 5000);
END $$;
REVOKE ALL ON FUNCTION hub.hub_erase_member(uuid), hub.hub_pull_erasures(bigint, integer) FROM PUBLIC;
DO $$
DECLARE
    counter text;
BEGIN
    FOR counter IN SELECT role_name FROM hub.devices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION hub.hub_erase_member(uuid), '
                       'hub.hub_pull_erasures(bigint, integer) TO %I', counter);
    END LOOP;
END $$;
"""

# Where the hub's copy of the calling device's chain ends: an upload goes on from there, so a
# counter killed after the hub took a batch does not send it again, and a hub restored from a
# backup is sent again what it lost.
STEP_4 = """
CREATE FUNCTION hub.hub_position() RETURNS TABLE (last_seq bigint, last_seal text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    me := hub.calling_device();
    RETURN QUERY SELECT me.last_seq, me.last_seal;
END $$;
REVOKE ALL ON FUNCTION hub.hub_position() FROM PUBLIC;
DO $$
DECLARE
    counter text;
BEGIN
    FOR counter IN SELECT role_name FROM hub.devices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION hub.hub_position() TO %I', counter);
    END LOOP;
END $$;
"""

_CHANGE_LOG = """
CREATE TABLE hub.«TABLE» (
    uuid uuid PRIMARY KEY,
«COLUMNS»
    value jsonb,
    hlc text NOT NULL CHECK (hlc ~ '^[0-9]{15}[.][0-9]{5}[.][0-9a-f-]{36}$'),
    device_id uuid NOT NULL REFERENCES hub.devices (device_id),
    staff text,
    changed_at timestamptz NOT NULL,
    change_seq bigint NOT NULL UNIQUE,
    received_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON hub.«TABLE» FROM PUBLIC;

CREATE FUNCTION hub.hub_ingest_«TABLE»(changes jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
    added integer;
BEGIN
    me := hub.calling_device();
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(changes) c WHERE NOT (c->>'hlc') LIKE '%.' || me.device_id) THEN
        RAISE EXCEPTION 'hub: a change stamped by another device came from %', me.name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(«LOCK»);
    INSERT INTO hub.«TABLE» (uuid, «NAMES», value, hlc, device_id, staff, changed_at, change_seq)
        SELECT (c->>'uuid')::uuid, «FROM_JSON», «VALUE», c->>'hlc', me.device_id, c->>'staff',
               (c->>'changed_at')::timestamptz, (SELECT coalesce(max(change_seq), 0) FROM hub.«TABLE») + n
        FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(c, n)
        ON CONFLICT (uuid) DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END $$;

CREATE FUNCTION hub.hub_pull_«TABLE»(after_seq bigint, max_changes integer)
RETURNS TABLE (change_seq bigint, uuid uuid, «NAMES_TYPED», value jsonb, hlc text, device_id uuid, staff text,
               changed_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT c.change_seq, c.uuid, «NAMES_OF_C», c.value, c.hlc, c.device_id, c.staff, c.changed_at
        FROM hub.«TABLE» c WHERE c.change_seq > coalesce(after_seq, 0)
        ORDER BY c.change_seq LIMIT least(greatest(coalesce(max_changes, 500), 1), 5000);
END $$;
"""


def _change_log(table: str, lock: int, columns: list[tuple[str, str, str]], value: str) -> str:
    """A log of changes stamped by the chain's clock (member edits, the programme): its table, its
    ingest — every change stamped by the device that sends it, numbered in the order it came under
    the advisory lock `lock` — and its pull, in that order. `columns`: the log's own (name, type
    and check, its value from the change `c` sent); `value`: the value kept, from `c`."""
    filled = {
        "«TABLE»": table, "«LOCK»": str(lock), "«VALUE»": value,
        "«COLUMNS»": "\n".join(f"    {name} {declared}," for name, declared, _ in columns),
        "«NAMES»": ", ".join(name for name, _, _ in columns),
        "«FROM_JSON»": ", ".join(from_json for _, _, from_json in columns),
        "«NAMES_TYPED»": ", ".join(f"{name} {declared.split()[0]}" for name, declared, _ in columns),
        "«NAMES_OF_C»": ", ".join(f"c.{name}" for name, _, _ in columns),
    }
    text = _CHANGE_LOG
    for mark, replacement in filled.items():
        text = text.replace(mark, replacement)
    return text


_MEMBER_CHANGES = _change_log("member_changes", 7_202_204, [
    ("member_uuid", "uuid NOT NULL", "(c->>'member_uuid')::uuid"),
    ("field", "text NOT NULL CHECK (field IN ('name', 'phone', 'email', 'birthday', 'marketing_consent', "
              "'profiling_consent', 'notes', 'status', 'merged_into'))", "c->>'field'"),
], value="CASE WHEN EXISTS (SELECT 1 FROM hub.erasures x WHERE x.member_uuid = (c->>'member_uuid')::uuid) "
         "THEN NULL ELSE c->'value' END") + "CREATE INDEX member_changes_member ON hub.member_changes (member_uuid);\n"
_PROGRAMME_CHANGES = (
    "-- The programme's shop-wide settings and tiers and the staff accounts as changed at the counters\n"
    "-- (programme/shared.py), pulled in the order they came; each counter applies the latest stamp of each.\n"
    + _change_log("programme_changes", 7_202_205, [
        ("kind", "text NOT NULL CHECK (kind IN ('setting', 'tier', 'staff'))", "c->>'kind'"),
        ("key", "text NOT NULL CHECK (length(key) BETWEEN 1 AND 64)", "c->>'key'"),
    ], value="c->'value'"))

# Step 5, a chain of shops: member edits field by field (people/member_changes.py) and the
# programme (programme/shared.py) as logs stamped by the counters' clock, kept in the order they
# came for the counters to pull, each counter applying the latest stamp of each field, setting or
# tier; an erasure wipes the member's edits' values too; each counter's card-number block; the
# card numbers a joining shop must re-issue.
STEP_5 = """
«MEMBER_CHANGES»
-- An erasure wipes the values of the member's edits too (those that arrive later come without).
CREATE FUNCTION hub.forget_erased_member_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE hub.member_changes SET value = NULL WHERE member_uuid = NEW.member_uuid;
    RETURN NULL;
END $$;
CREATE TRIGGER erasures_forget_member_changes AFTER INSERT ON hub.erasures
    FOR EACH ROW EXECUTE FUNCTION hub.forget_erased_member_changes();

-- Each counter enrols from a card-number block of its own (people/members.py), so that two tills
-- offline never hand out the same number: the hub numbers its counters' blocks.
ALTER TABLE hub.devices ADD COLUMN card_block integer UNIQUE CHECK (card_block BETWEEN 1 AND 9999);
UPDATE hub.devices d SET card_block = numbered.n
    FROM (SELECT device_id, row_number() OVER (ORDER BY created_at, device_id) AS n FROM hub.devices) numbered
    WHERE numbered.device_id = d.device_id;

CREATE FUNCTION hub.hub_whoami() RETURNS TABLE (name text, store_code text, card_block integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    me := hub.calling_device();
    RETURN QUERY SELECT me.name, me.store_code, me.card_block;
END $$;

«PROGRAMME_CHANGES»
-- Which of these card numbers the hub's members hold: a shop joining a chain with its own
-- members re-issues those first (chain/link.py).
CREATE FUNCTION hub.hub_cards_taken(numbers text[]) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT m.card FROM hub.members m WHERE m.card = ANY(numbers);
END $$;

REVOKE ALL ON FUNCTION hub.hub_ingest_member_changes(jsonb), hub.hub_pull_member_changes(bigint, integer),
    hub.hub_whoami(), hub.hub_cards_taken(text[]), hub.hub_ingest_programme_changes(jsonb),
    hub.hub_pull_programme_changes(bigint, integer) FROM PUBLIC;
DO $$
DECLARE
    counter text;
BEGIN
    FOR counter IN SELECT role_name FROM hub.devices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION hub.hub_ingest_member_changes(jsonb), '
                       'hub.hub_pull_member_changes(bigint, integer), hub.hub_whoami(), '
                       'hub.hub_cards_taken(text[]), hub.hub_ingest_programme_changes(jsonb), '
                       'hub.hub_pull_programme_changes(bigint, integer) TO %I', counter);
    END LOOP;
END $$;
"""
STEP_5 = STEP_5.replace("«MEMBER_CHANGES»", _MEMBER_CHANGES).replace("«PROGRAMME_CHANGES»", _PROGRAMME_CHANGES)

# A new counter's first download (chain/first_download.py): the chain's entries up to the hub's
# number at its start, member by member, so that the counter derives each member once.
STEP_6 = """
CREATE INDEX entries_by_member ON hub.entries (member_uuid, hub_seq);

CREATE FUNCTION hub.hub_head() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    -- Numbers are handed out in commit order under one lock: every entry up to the largest
    -- one seen has committed.
    RETURN (SELECT coalesce(max(x.hub_seq), 0) FROM hub.entries x);
END $$;

CREATE FUNCTION hub.hub_pull_by_member(up_to bigint, after_member uuid, after_seq bigint, max_entries integer)
RETURNS SETOF hub.entries
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    me := hub.calling_device();
    RETURN QUERY SELECT * FROM hub.entries x
        WHERE (x.member_uuid, x.hub_seq) > (coalesce(after_member, '00000000-0000-0000-0000-000000000000'),
                                            coalesce(after_seq, 0))
          AND x.hub_seq <= up_to AND x.device_id <> me.device_id
        ORDER BY x.member_uuid, x.hub_seq LIMIT least(greatest(coalesce(max_entries, 500), 1), 20000);
END $$;

REVOKE ALL ON FUNCTION hub.hub_head(), hub.hub_pull_by_member(bigint, uuid, bigint, integer) FROM PUBLIC;
DO $$
DECLARE
    counter text;
BEGIN
    FOR counter IN SELECT role_name FROM hub.devices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION hub.hub_head(), '
                       'hub.hub_pull_by_member(bigint, uuid, bigint, integer) TO %I', counter);
    END LOOP;
END $$;
"""

# Rewards and campaigns travel with the programme's changes (programme/shared.py), named by UUID,
# and the survey's questions (retention/survey.py).
STEP_7 = """
ALTER TABLE hub.programme_changes DROP CONSTRAINT programme_changes_kind_check,
    ADD CONSTRAINT programme_changes_kind_check CHECK (kind IN ('setting', 'tier', 'staff', 'reward', 'campaign',
                                                                'survey'));
"""

# Complaints and survey answers travel as their member's changes (retention/complaints.py,
# survey.py): the field "complaint:<uuid>" or "survey:<uuid>", wiped on the hub with the member's
# other changes when the member is erased.
STEP_8 = """
ALTER TABLE hub.member_changes DROP CONSTRAINT member_changes_field_check,
    ADD CONSTRAINT member_changes_field_check CHECK (field IN ('name', 'phone', 'email', 'birthday',
        'marketing_consent', 'profiling_consent', 'notes', 'status', 'merged_into')
        OR field ~ '^(complaint|survey):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');
"""

def _only_for_counters(functions: str) -> str:
    """SQL: `functions` (their signatures, comma-separated) callable by the counters already on
    the hub and nobody else (hub_admin.add_counter grants them to each new one). The released
    steps above spell this out each; a step from now on uses this."""
    return f"""
REVOKE ALL ON FUNCTION {functions} FROM PUBLIC;
DO $$
DECLARE
    counter text;
BEGIN
    FOR counter IN SELECT role_name FROM hub.devices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION {functions} TO %I', counter);
    END LOOP;
END $$;
"""


# What a till shows its people of the chain (loyalty/chain/rounds.py, the window's header and
# details; issue 23): the hub's newest number and this counter's entries set aside for the owner,
# and the chain's tills with their store and last contact.
STEP_9 = """
CREATE FUNCTION hub.hub_my_state() RETURNS TABLE (head bigint, quarantined bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    me := hub.calling_device();
    RETURN QUERY SELECT (SELECT coalesce(max(x.hub_seq), 0) FROM hub.entries x),
                        (SELECT count(*) FROM hub.quarantine q WHERE q.device_id = me.device_id);
END $$;

CREATE FUNCTION hub.hub_tills() RETURNS TABLE (name text, store_code text, store_name text,
                                               last_contact timestamptz, revoked_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT d.name, d.store_code, s.name, d.last_contact, d.revoked_at
        FROM hub.devices d JOIN hub.stores s ON s.code = d.store_code ORDER BY d.store_code, d.name;
END $$;

""" + _only_for_counters("hub.hub_my_state(), hub.hub_tills()")

# A hub restored from a backup (operations/hub_backups.py) has lost what came after the backup
# and numbers again from where it ends: each restore gives the hub a new `restored_as`, and a
# counter that sees it change sends its members and changes again and takes its cursors back to
# the hub's newest numbers (chain/rounds.py), so that what the tills send again reaches every till.
STEP_10 = """
ALTER TABLE hub.hub_meta ADD COLUMN restored_as uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN restored_heads bigint[];      -- the newest numbers right after the last restore

-- The hub's newest numbers (entries, members, erasures, member changes, programme changes) as a
-- restore left them: where a counter that saw the restore goes back to.
CREATE FUNCTION hub.current_heads() RETURNS bigint[]
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
    SELECT ARRAY[(SELECT coalesce(max(x.hub_seq), 0) FROM hub.entries x),
                 (SELECT coalesce(max(x.member_seq), 0) FROM hub.members x),
                 (SELECT coalesce(max(x.erasure_seq), 0) FROM hub.erasures x),
                 (SELECT coalesce(max(x.change_seq), 0) FROM hub.member_changes x),
                 (SELECT coalesce(max(x.change_seq), 0) FROM hub.programme_changes x)]
$$;
REVOKE ALL ON FUNCTION hub.current_heads() FROM PUBLIC;

CREATE FUNCTION hub.hub_heads() RETURNS TABLE (restored_as uuid, entries bigint, members bigint, erasures bigint,
                                              member_changes bigint, programme_changes bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    heads bigint[];
BEGIN
    PERFORM hub.calling_device();
    SELECT coalesce(m.restored_heads, hub.current_heads()) INTO heads FROM hub.hub_meta m;
    RETURN QUERY SELECT (SELECT m.restored_as FROM hub.hub_meta m), heads[1], heads[2], heads[3], heads[4], heads[5];
END $$;
""" + _only_for_counters("hub.hub_heads()")

# What waits at each till, for the owner's list of tills (issue 23): each counter says at the end
# of its round how many of its entries still wait to go up and how far it has taken the hub's in;
# the list says both, as of that till's last contact (what a till did offline since, nobody knows
# until it is back).
STEP_11 = """
ALTER TABLE hub.devices ADD COLUMN waiting_to_send bigint, ADD COLUMN pulled_up_to bigint;

CREATE FUNCTION hub.hub_my_state(sending bigint, pulled bigint) RETURNS TABLE (head bigint, quarantined bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
BEGIN
    me := hub.calling_device();
    UPDATE hub.devices d SET waiting_to_send = sending, pulled_up_to = pulled WHERE d.device_id = me.device_id;
    RETURN QUERY SELECT (SELECT coalesce(max(x.hub_seq), 0) FROM hub.entries x),
                        (SELECT count(*) FROM hub.quarantine q WHERE q.device_id = me.device_id);
END $$;

-- To take in: the other tills' entries past its cursor (its own are there already).
CREATE FUNCTION hub.hub_tills_waiting() RETURNS TABLE (name text, waiting_to_send bigint, waiting_to_take_in bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM hub.calling_device();
    RETURN QUERY SELECT d.name, d.waiting_to_send,
        CASE WHEN d.pulled_up_to IS NOT NULL THEN
            (SELECT count(*) FROM hub.entries x WHERE x.hub_seq > d.pulled_up_to AND x.device_id <> d.device_id) END
        FROM hub.devices d;
END $$;
""" + _only_for_counters("hub.hub_my_state(bigint, bigint), hub.hub_tills_waiting()")

# What a counter's role may call (hub_admin.add_counter grants them; a step that adds one grants
# it to the counters already there).
COUNTER_FUNCTIONS = ("hub.hub_ingest(jsonb)", "hub.hub_pull(bigint, integer)", "hub.hub_ingest_members(jsonb)",
                     "hub.hub_pull_members(bigint, integer)", "hub.hub_erase_member(uuid)",
                     "hub.hub_pull_erasures(bigint, integer)", "hub.hub_position()",
                     "hub.hub_ingest_member_changes(jsonb)", "hub.hub_pull_member_changes(bigint, integer)",
                     "hub.hub_whoami()", "hub.hub_cards_taken(text[])", "hub.hub_ingest_programme_changes(jsonb)",
                     "hub.hub_pull_programme_changes(bigint, integer)", "hub.hub_head()",
                     "hub.hub_pull_by_member(bigint, uuid, bigint, integer)", "hub.hub_my_state()",
                     "hub.hub_tills()", "hub.hub_heads()", "hub.hub_my_state(bigint, bigint)",
                     "hub.hub_tills_waiting()", "hub.hub_ingest(json)")


def _function_of(step: str, name: str, replacements: dict[str, str]) -> str:
    """SQL: the function `name` as a released step created (or replaced) it, with these parts
    replaced (each must be there), to create or replace it as it is from now on."""
    created = f"CREATE FUNCTION {name}("
    start = step.index(created if created in step else f"CREATE OR REPLACE FUNCTION {name}(")
    text = step[start:step.index("END $$;", start) + len("END $$;")]
    for old, replacement in replacements.items():
        assert old in text, f"{name}: {old!r} is not in the released function"
        text = text.replace(old, replacement)
    return text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1) + "\n"


# A batch's checks as set operations: `parsed[i]` per entry and field, and a call of hub_seal per
# entry (its SET search_path keeps PostgreSQL from inlining it, and hub_canonical within it), were
# half the hub's time in a first counter's upload (bench/README.md). The chain's check becomes a
# function of its own, held equal to the Python seal by tests/chain/test_hub_wire.py.
STEP_12 = """
CREATE FUNCTION hub.batch_continues_chain(me hub.devices, parsed hub.entries[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(cardinality(parsed), 0) > 0 AND NOT EXISTS (
        SELECT 1 FROM (SELECT e.*, lag(e.device_seal, 1, me.last_seal) OVER (ORDER BY e.ordinality) AS previous_seal
                       FROM unnest(parsed) WITH ORDINALITY AS e) AS e
        WHERE e.device_id <> me.device_id OR e.device_seq <> me.last_seq + e.ordinality
           OR encode(sha256(convert_to(e.previous_seal || '|' || """ + _CANONICAL + """, 'UTF8')), 'hex')
              <> e.device_seal)
$$;
REVOKE ALL ON FUNCTION hub.batch_continues_chain(hub.devices, hub.entries[]) FROM PUBLIC;
""" + _function_of(STEP_1, "hub.wire_batch", {
    "FROM jsonb_array_elements(entries) WITH ORDINALITY AS v(value, i)\n               WHERE":
        "FROM jsonb_array_elements(entries) WITH ORDINALITY AS v(value, i)\n"
        "               JOIN unnest(parsed) WITH ORDINALITY AS p ON p.ordinality = v.i\n               WHERE",
    "(parsed[i]).": "p.",
}) + _function_of(STEP_1, "hub.hub_ingest", {
    """       AND NOT EXISTS (
           SELECT 1 FROM generate_subscripts(parsed, 1) AS i
           WHERE (parsed[i]).device_id <> me.device_id OR (parsed[i]).device_seq <> me.last_seq + i
              OR hub.hub_seal(CASE WHEN i = 1 THEN me.last_seal ELSE (parsed[i - 1]).device_seal END, parsed[i])
                 <> (parsed[i]).device_seal)""": "       AND hub.batch_continues_chain(me, parsed)",
})

# The usual batch holds nothing the hub has: its insert's own unique indexes say so, where two
# probes of the same indexes before it cost the hub a lookup per entry and index each time.
STEP_13 = _function_of(STEP_12, "hub.hub_ingest", {
    f"""    IF n > 0
       AND hub.batch_continues_chain(me, parsed)
       AND (SELECT count(DISTINCT u.uuid) = n AND count(DISTINCT u.idempotency_key) = n FROM unnest(parsed) AS u)
       AND NOT EXISTS (SELECT 1 FROM hub.entries x WHERE x.uuid = ANY (ARRAY(SELECT u.uuid FROM unnest(parsed) AS u)))
       AND NOT EXISTS (SELECT 1 FROM hub.entries x
                       WHERE x.idempotency_key = ANY (ARRAY(SELECT u.idempotency_key FROM unnest(parsed) AS u)))
    THEN
        INSERT INTO hub.entries ({_WIRE_COLUMNS}, hub_seq, received_at)
            SELECT {_WIRE_COLUMNS_OF_U}, next_hub_seq + u.ordinality - 1, now()
            FROM unnest(parsed) WITH ORDINALITY AS u;
        UPDATE hub.devices SET last_seq = (parsed[n]).device_seq, last_seal = (parsed[n]).device_seal
            WHERE device_id = me.device_id;
        PERFORM pg_notify('loyalty_hub', (next_hub_seq + n - 1)::text);
        RETURN QUERY SELECT u.uuid, 'new'::text FROM unnest(parsed) WITH ORDINALITY AS u ORDER BY u.ordinality;
        RETURN;
    END IF;""": f"""    IF n > 0 AND hub.batch_continues_chain(me, parsed) THEN
        BEGIN
            INSERT INTO hub.entries ({_WIRE_COLUMNS}, hub_seq, received_at)
                SELECT {_WIRE_COLUMNS_OF_U}, next_hub_seq + u.ordinality - 1, now()
                FROM unnest(parsed) WITH ORDINALITY AS u;
            UPDATE hub.devices SET last_seq = (parsed[n]).device_seq, last_seal = (parsed[n]).device_seal
                WHERE device_id = me.device_id;
            PERFORM pg_notify('loyalty_hub', (next_hub_seq + n - 1)::text);
            RETURN QUERY SELECT u.uuid, 'new'::text FROM unnest(parsed) WITH ORDINALITY AS u ORDER BY u.ordinality;
            RETURN;
        EXCEPTION WHEN unique_violation THEN
            NULL;       -- a uuid or key the hub has, or twice in the batch: entry by entry below
        END;
    END IF;"""})

# An idempotency key is unique on the hub by a digest of it (16 bytes of its SHA-256), not by its
# text (~50 bytes: "sale:<member uuid>:<receipt>"): every insert touches that index at random, and
# at the big shop's 20 M entries the text's index alone was twice PostgreSQL's page cache
# (bench/README.md). Two keys with one digest would need a SHA-256 collision; the entry-by-entry
# path asks by the digest too, so that it uses the index. (The database is UTF8: hub init says so.)
STEP_14 = """
CREATE FUNCTION hub.key_digest(key text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT substring(sha256(convert_to(key, 'UTF8')) FROM 1 FOR 16)
$$;
REVOKE ALL ON FUNCTION hub.key_digest(text) FROM PUBLIC;
CREATE UNIQUE INDEX entries_key_digest ON hub.entries (hub.key_digest(idempotency_key));
ALTER TABLE hub.entries DROP CONSTRAINT entries_idempotency_key_key;
""" + _function_of(STEP_13, "hub.hub_ingest", {
    "ELSIF EXISTS (SELECT 1 FROM hub.entries x WHERE x.idempotency_key = r.idempotency_key) THEN":
        "ELSIF EXISTS (SELECT 1 FROM hub.entries x\n"
        "                           WHERE hub.key_digest(x.idempotency_key) = hub.key_digest(r.idempotency_key)) THEN",
})

# A batch parsed with one pass fewer: the text forms that the batch's seals prove are not compared
# again. The hub computes each entry's canonical JSON from the parsed row, so a counter that sends
# (and seals) a time not in UTC's six-digit form or an uppercase UUID fails its seal, and the
# table's own constraints refuse a kind or a number it does not take; either way the batch goes
# entry by entry, which names the field. The comparison dropped was 40 % of the parsing's time.
STEP_15 = _function_of(STEP_12, "hub.wire_batch", {
    "v.value - 'hub_seq' - 'received_at'": "v.value",       # keys not the wire's are refused above
    f"""    IF EXISTS (SELECT 1 FROM jsonb_array_elements(entries) WITH ORDINALITY AS v(value, i)
               JOIN unnest(parsed) WITH ORDINALITY AS p ON p.ordinality = v.i
               WHERE v.value ->> 'created_at' <> to_char(p.created_at AT TIME ZONE 'UTC', {_TIME})
                  OR p.device_seq < 1 OR p.kind NOT IN ({_KINDS})
                  OR v.value ->> 'uuid' <> p.uuid::text
                  OR v.value ->> 'device_id' <> p.device_id::text
                  OR v.value ->> 'member_uuid' <> p.member_uuid::text
                  OR v.value ->> 'reverses_uuid' <> p.reverses_uuid::text
                  OR v.value ->> 'reward_uuid' <> p.reward_uuid::text
                  OR v.value ->> 'campaign_uuid' <> p.campaign_uuid::text) THEN
        RETURN NULL;
    END IF;
""": "",
}) + _function_of(STEP_14, "hub.hub_ingest", {
    "EXCEPTION WHEN unique_violation THEN\n            NULL;       -- a uuid or key the hub has, or twice in the batch: "
    "entry by entry below":
        "EXCEPTION WHEN unique_violation OR check_violation OR not_null_violation THEN\n"
        "            NULL;       -- a uuid or key the hub has, twice in the batch, a value the table refuses: "
        "entry by entry below",
})


def _canonical_in_one_call() -> str:
    """The canonical JSON as _canonical_sql writes it, built by one concat() and not forty-odd
    concatenations (each a copy of the text so far), the UUIDs and the time quoted as they are:
    their text holds nothing JSON escapes. The same text: tests/chain/test_hub_wire.py."""
    return f"concat({_canonical_pieces()}, '}}')"


def _field_value(name: str) -> str:
    """A field's value in the canonical JSON, from the row `e`."""
    if name in INTEGER_FIELDS:
        return f"coalesce(e.{name}::text, 'null')"
    if name in TIME_FIELDS:
        return f"'\"' || to_char(e.created_at AT TIME ZONE 'UTC', {_TIME}) || '\"'"
    if name in UUID_FIELDS:
        return f"coalesce('\"' || e.{name}::text || '\"', 'null')"
    return f"coalesce(to_json(e.{name})::text, 'null')"


def _canonical_pieces() -> str:
    """The canonical JSON's fields, each `"name":value`, as concat()'s arguments (no closing brace)."""
    return ", ".join(f"'{'{' if i == 0 else ','}\"{name}\":', {_field_value(name)}"
                     for i, name in enumerate(SEALED_FIELDS))


# A counter's batch as the JSON text it sends (json, not jsonb), each entry read once into a row
# beside its text: building the jsonb and checking each entry's keys and types in three passes
# over it was a third of the hub's time in a first counter's upload (bench/README.md). The
# checks become one comparison: each entry's text must be exactly its row's canonical JSON with
# its seal added (what wire.sealed_json sends), so the batch holds no key the rows lack, no number
# sent as text, no other form of a time or UUID. Any other batch goes to hub_ingest(jsonb), whose
# entry-by-entry path says what is wrong. The canonical JSON is now built by one call, here and in
# hub_canonical (the entry-by-entry path, the admin's verify).
# Two costs of each entry's insert go too (the insert of a batch of 1,000: 14.9 → 11.6 ms):
# the key's digest called as a function with its own search_path (which PostgreSQL cannot inline
# into the index's expression), now written with every name qualified instead; and the entries'
# foreign key to their device, checked row by row: the ingest takes the device from the session
# and refuses any other, and a device is never deleted (now refused, as on the ledger).
STEP_16 = f"""
CREATE OR REPLACE FUNCTION hub.key_digest(key text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT pg_catalog.substr(pg_catalog.sha256(pg_catalog.convert_to(key, 'UTF8')), 1, 16)
$$;
ALTER TABLE hub.entries DROP CONSTRAINT entries_device_id_fkey;
CREATE TRIGGER devices_never_deleted BEFORE DELETE ON hub.devices
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE OR REPLACE FUNCTION hub.hub_canonical(e hub.entries) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT {_canonical_in_one_call()}
$$;
CREATE OR REPLACE FUNCTION hub.batch_continues_chain(me hub.devices, parsed hub.entries[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(cardinality(parsed), 0) > 0 AND NOT EXISTS (
        SELECT 1 FROM (SELECT e.*, lag(e.device_seal, 1, me.last_seal) OVER (ORDER BY e.ordinality) AS previous_seal
                       FROM unnest(parsed) WITH ORDINALITY AS e) AS e
        WHERE e.device_id <> me.device_id OR e.device_seq <> me.last_seq + e.ordinality
           OR encode(sha256(convert_to(concat(e.previous_seal, '|', {_canonical_in_one_call()}), 'UTF8')), 'hex')
              <> e.device_seal)
$$;
CREATE FUNCTION hub.batch_sent_as_sealed(me hub.devices, parsed hub.entries[], texts text[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(cardinality(parsed), 0) > 0 AND cardinality(parsed) = cardinality(texts) AND NOT EXISTS (
        SELECT 1 FROM (SELECT e.device_id, e.device_seq, e.device_seal, e.ordinality, t.text, c.canonical,
                              lag(e.device_seal, 1, me.last_seal) OVER (ORDER BY e.ordinality) AS previous_seal
                       FROM unnest(parsed) WITH ORDINALITY AS e
                       JOIN unnest(texts) WITH ORDINALITY AS t(text, i) ON t.i = e.ordinality
                       CROSS JOIN LATERAL (SELECT {_canonical_in_one_call()} AS canonical) AS c) AS e
        WHERE e.device_id <> me.device_id OR e.device_seq <> me.last_seq + e.ordinality
           OR e.text <> concat(left(e.canonical, -1), ',"device_seal":"', e.device_seal, '"}}')
           OR encode(sha256(convert_to(concat(e.previous_seal, '|', e.canonical), 'UTF8')), 'hex') <> e.device_seal)
$$;
REVOKE ALL ON FUNCTION hub.batch_sent_as_sealed(hub.devices, hub.entries[], text[]) FROM PUBLIC;
CREATE FUNCTION hub.hub_ingest(entries json) RETURNS TABLE (uuid uuid, outcome text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hub.devices;
    next_hub_seq bigint;
    parsed hub.entries[];
    texts text[];
    n integer;
BEGIN
    PERFORM pg_advisory_xact_lock({HUB_LOCK});       -- hub_seq is handed out in commit order
    me := hub.calling_device();
    SELECT coalesce(max(x.hub_seq), 0) + 1 INTO next_hub_seq FROM hub.entries x;
    BEGIN
        SELECT array_agg(json_populate_record(NULL::hub.entries, v.value) ORDER BY v.i),
               array_agg(v.value::text ORDER BY v.i)
            INTO parsed, texts FROM json_array_elements(entries) WITH ORDINALITY AS v(value, i);
    EXCEPTION WHEN data_exception OR invalid_parameter_value THEN
        parsed := NULL;     -- not an array of objects, a value of the wrong type: said entry by entry
    END;
    n := coalesce(cardinality(parsed), 0);
    IF n > 0 AND hub.batch_sent_as_sealed(me, parsed, texts) THEN
        BEGIN
            INSERT INTO hub.entries ({_WIRE_COLUMNS}, hub_seq, received_at)
                SELECT {_WIRE_COLUMNS_OF_U}, next_hub_seq + u.ordinality - 1, now()
                FROM unnest(parsed) WITH ORDINALITY AS u;
            UPDATE hub.devices SET last_seq = (parsed[n]).device_seq, last_seal = (parsed[n]).device_seal
                WHERE device_id = me.device_id;
            PERFORM pg_notify('loyalty_hub', (next_hub_seq + n - 1)::text);
            RETURN QUERY SELECT u.uuid, 'new'::text FROM unnest(parsed) WITH ORDINALITY AS u ORDER BY u.ordinality;
            RETURN;
        EXCEPTION WHEN unique_violation OR check_violation OR not_null_violation THEN
            NULL;       -- a uuid or key the hub has, twice in the batch, a value the table refuses
        END;
    END IF;
    -- Anything else (a retry, a conflict, a gap, a forged device, a malformed entry) entry by
    -- entry, which says what it is.
    RETURN QUERY SELECT * FROM hub.hub_ingest(entries::jsonb);
END $$;
""" + _only_for_counters("hub.hub_ingest(json)")


# The check of a batch as sent, without cutting the canonical text's last character: left(text, -1)
# counts the characters of every entry's text (UTF-8), ~5 % of the hub's CPU in a first upload
# (`perf`, bench/README.md). The fields are joined once; the canonical text (for the seal) and the
# text as sent are that with their own endings, byte for byte the same as before
# (tests/chain/test_hub_wire.py holds them to Python's).
STEP_17 = f"""
CREATE OR REPLACE FUNCTION hub.batch_sent_as_sealed(me hub.devices, parsed hub.entries[], texts text[])
RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(cardinality(parsed), 0) > 0 AND cardinality(parsed) = cardinality(texts) AND NOT EXISTS (
        SELECT 1 FROM (SELECT e.device_id, e.device_seq, e.device_seal, e.ordinality, t.text, c.fields,
                              lag(e.device_seal, 1, me.last_seal) OVER (ORDER BY e.ordinality) AS previous_seal
                       FROM unnest(parsed) WITH ORDINALITY AS e
                       JOIN unnest(texts) WITH ORDINALITY AS t(text, i) ON t.i = e.ordinality
                       CROSS JOIN LATERAL (SELECT concat({_canonical_pieces()}) AS fields) AS c) AS e
        WHERE e.device_id <> me.device_id OR e.device_seq <> me.last_seq + e.ordinality
           OR e.text <> concat(e.fields, ',"device_seal":"', e.device_seal, '"}}')
           OR encode(sha256(convert_to(concat(e.previous_seal, '|', e.fields, '}}'), 'UTF8')), 'hex') <> e.device_seal)
$$;
REVOKE ALL ON FUNCTION hub.batch_sent_as_sealed(hub.devices, hub.entries[], text[]) FROM PUBLIC;
"""


# A batch read and checked before the numbering lock, not under it: a first counter's upload sends
# its next batch on a second connection while the hub inserts one (chain/upload.py), and reading
# and checking it was half the hub's time in a batch (bench/README.md), done one batch at a time
# on one of the PC's cores. Everything of the batch that does not depend on what the hub holds is
# checked first (each entry's text as sent, its numbering and device continuing the batch's first
# entry, each seal from the one before it); under the lock, that the first entry continues this
# device's chain on the hub (its device, its number, its seal from the hub's last). The same
# batches are taken as before; any other goes entry by entry, under the lock, as before. No table
# is read or written before the lock: the device's row is updated only under it, so that two
# batches of one device never wait for each other's row out of order.
STEP_18 = f"""
CREATE FUNCTION hub.batch_sealed_in_itself(parsed hub.entries[], texts text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(cardinality(parsed), 0) > 0 AND cardinality(parsed) = cardinality(texts) AND NOT EXISTS (
        SELECT 1 FROM (SELECT e.device_id, e.device_seq, e.device_seal, e.ordinality, t.text, c.fields,
                              lag(e.device_seal) OVER (ORDER BY e.ordinality) AS previous_seal
                       FROM unnest(parsed) WITH ORDINALITY AS e
                       JOIN unnest(texts) WITH ORDINALITY AS t(text, i) ON t.i = e.ordinality
                       CROSS JOIN LATERAL (SELECT concat({_canonical_pieces()}) AS fields) AS c) AS e
        WHERE e.device_id IS DISTINCT FROM (parsed[1]).device_id
           OR e.device_seq IS DISTINCT FROM (parsed[1]).device_seq + (e.ordinality - 1)
           OR e.text <> concat(e.fields, ',"device_seal":"', e.device_seal, '"}}')
           OR (e.ordinality > 1
               AND encode(sha256(convert_to(concat(e.previous_seal, '|', e.fields, '}}'), 'UTF8')), 'hex')
                   IS DISTINCT FROM e.device_seal))
$$;
REVOKE ALL ON FUNCTION hub.batch_sealed_in_itself(hub.entries[], text[]) FROM PUBLIC;
CREATE FUNCTION hub.continues_chain(me hub.devices, first hub.entries) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT first.device_id = me.device_id AND first.device_seq = me.last_seq + 1
           AND hub.hub_seal(me.last_seal, first) = first.device_seal
$$;
REVOKE ALL ON FUNCTION hub.continues_chain(hub.devices, hub.entries) FROM PUBLIC;
DROP FUNCTION hub.batch_sent_as_sealed(hub.devices, hub.entries[], text[]);
""" + _function_of(STEP_16, "hub.hub_ingest", {
    f"""    n integer;
BEGIN
    PERFORM pg_advisory_xact_lock({HUB_LOCK});       -- hub_seq is handed out in commit order
    me := hub.calling_device();
    SELECT coalesce(max(x.hub_seq), 0) + 1 INTO next_hub_seq FROM hub.entries x;
""": """    n integer;
    sealed boolean;
BEGIN
""",
    "    IF n > 0 AND hub.batch_sent_as_sealed(me, parsed, texts) THEN":
        f"""    sealed := n > 0 AND hub.batch_sealed_in_itself(parsed, texts);
    PERFORM pg_advisory_xact_lock({HUB_LOCK});       -- hub_seq is handed out in commit order
    me := hub.calling_device();
    SELECT coalesce(max(x.hub_seq), 0) + 1 INTO next_hub_seq FROM hub.entries x;
    IF sealed AND hub.continues_chain(me, parsed[1]) THEN""",
    "a forged device, a malformed entry) entry by\n    -- entry, which says what it is.":
        "a forged device, a malformed entry, a batch whose\n"
        "    -- one before it has not been taken yet) entry by entry, which says what it is.",
})


# Released steps are never edited: a change is a new step at the end.
STEPS: list[str] = [STEP_1, STEP_2, STEP_3, STEP_4, STEP_5, STEP_6, STEP_7, STEP_8, STEP_9, STEP_10, STEP_11, STEP_12,
                    STEP_13, STEP_14, STEP_15, STEP_16, STEP_17, STEP_18]
SCHEMA_VERSION = len(STEPS)
