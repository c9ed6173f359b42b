"""A counter joining a hub, and what it knows of the link (docs/sync.md): the chain, its store,
the hub's address and its own role there, and how far the sync has gone. The password is kept
apart (credentials.py)."""

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql

from ..common.clock import to_iso
from ..common.errors import ConflictError, ValidationError
from ..common.messages import t
from ..people.members import reissue_card
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.shared import publish_programme
from ..retention.survey import record_questions
from ..storage import database_path, write_transaction
from . import credentials, tls_front
from .join_code import JoinCode, parse_join_code
from .problems import password_refused


@dataclass(frozen=True)
class HubLink:
    chain_id: str
    store: str
    host: str
    port: int
    dbname: str
    user: str
    sslmode: str
    joined_at: str
    uploaded_seq: int
    uploaded_seal: str
    uploaded_member_id: int
    pulled_member_seq: int
    pulled_erasure_seq: int
    pulled_hub_seq: int
    last_upload_at: str | None
    last_pull_at: str | None
    last_problem: str | None
    uploaded_change_id: int = 0        # this counter's member edits sent so far (by id)
    pulled_change_seq: int = 0         # the hub's member edits taken in so far
    card_block: int | None = None      # this counter's card-number block (people/members.py)
    uploaded_programme_id: int = 0     # this counter's programme changes sent so far (by id)
    pulled_programme_seq: int = 0      # the hub's programme changes taken in so far
    bulk_up_to: int | None = None      # a first download under way: the hub's number it goes up to
    bulk_member: str | None = None     # ... the last member it took in (uuid)
    bulk_seq: int = 0                  # ... and that member's last entry's hub number
    bulk_missed_seq: int | None = None  # ... the first entry it left for want of its member
    problem_kind: str | None = None    # the last round's problem: problems.OFFLINE or OWNER
    hub_head_seen: int | None = None   # the hub's newest number at the last contact
    quarantined: int = 0               # this counter's entries the hub set aside for the owner
    hub_restored_as: str | None = None  # the hub's restore identity last seen (rounds.back_to_a_restored_hub)
    hub_certificate: str | None = None  # a hub kept on a shop's PC: its certificate, pinned at the join (PEM)

    @property
    def hub_on_this_pc(self) -> bool:
        """This PC keeps the hub: its own till talks to the server on 127.0.0.1 (chain/hosting.py)."""
        return self.host in ("127.0.0.1", "localhost")


def hub_link(ctx: Context) -> HubLink | None:
    row = next(ctx.db.query("SELECT * FROM hub_link WHERE id = 1"), None)
    return None if row is None else HubLink(**{name: row[name] for name in HubLink.__dataclass_fields__})


def conninfo(ctx: Context, link: HubLink) -> str:
    from psycopg.conninfo import make_conninfo
    password = credentials.load_password(database_path(ctx.db), link.user)
    if password is None:
        raise ValidationError(t("hub: this counter's hub password is missing; join again with a new code"), "hub")
    return make_conninfo(host=link.host, port=link.port, dbname=link.dbname, user=link.user, password=password,
                         connect_timeout=10, application_name="loyalty counter", **tls_options(ctx, link))


def tls_options(ctx: Context, link: HubLink) -> dict:
    """How this counter's connections to its hub are encrypted: the link's sslmode and, for a hub
    kept on a shop's PC, its pinned certificate as the only root trusted (written beside the
    database from the copy the database keeps)."""
    if not link.hub_certificate:
        return {"sslmode": link.sslmode}
    pinned = pinned_certificate_path(database_path(ctx.db))
    if not pinned.exists() or pinned.read_text(encoding="ascii") != link.hub_certificate:
        pinned.write_text(link.hub_certificate, encoding="ascii")
    return {"sslmode": link.sslmode, "sslrootcert": str(pinned)}


def pinned_certificate_path(database: Path) -> Path:
    return Path(f"{database}.hub-ca.pem")


def _pin_certificate(code: JoinCode, database: Path) -> str:
    """The certificate the hub of the code shows, when its fingerprint is the code's (else the code
    was made for another hub, or someone stands between); written where the connections find it."""
    try:
        der = tls_front.read_certificate(code.host, code.port)
    except OSError as error:
        raise ValidationError(t("hub: cannot reach the hub at {host}:{port} ({reason})", host=code.host,
                                port=code.port, reason=str(error).strip() or type(error).__name__), "hub") from None
    if tls_front.fingerprint(der) != code.cert_sha256:
        raise ValidationError(t("join code: the hub at {host}:{port} is not the one this code was made for (its "
                                "certificate differs); nothing was joined: check the address, or ask the owner "
                                "for a new code", host=code.host, port=code.port), "join_code")
    pem = tls_front.der_to_pem(der)
    pinned_certificate_path(database).write_text(pem, encoding="ascii")
    return pem


class MergeOfShopsNeeded(ConflictError):
    """The hub holds another shop's members and this counter has its own: joining merges the two
    shops, which the owner must confirm (`merge_shops`, `loyalty join --merge-shops`)."""


@dataclass(frozen=True)
class Joined:
    link: HubLink
    merged_shops: bool = False                         # the hub held another shop's members
    cards_reissued: tuple[tuple[str, str], ...] = ()   # (old number, new number) that another shop's member holds


def join(ctx: Context, code_text: str, now: datetime | None = None, merge_shops: bool = False) -> HubLink:
    return join_chain(ctx, code_text, now, merge_shops).link


def join_chain(ctx: Context, code_text: str, now: datetime | None = None, merge_shops: bool = False) -> Joined:
    """This counter joins the hub of the join code (the owner's act): the code is checked, the hub
    is reached with it and answers as this counter, then the link is kept. Nothing is written
    when any of that fails. A counter with members of its own joining a hub that holds another
    shop's is a merge of two shops: refused unless `merge_shops`; then this counter's cards whose
    numbers a member on the hub holds are re-issued first (the old number says "replaced" until
    the other shop's member comes with it)."""
    require(ctx, "settings")
    existing = hub_link(ctx)
    code = parse_join_code(code_text, now or ctx.clock.now(), existing.chain_id if existing else None)
    if existing is not None:
        raise ConflictError(t("join code: this counter has joined the chain {chain} already (store {store})",
                              chain=existing.chain_id, store=existing.store), "join_code")
    own = ctx.device_id
    if code.device_id != own:
        posted = ctx.db.execute("SELECT 1 FROM entries WHERE device_id = ? LIMIT 1", [own]).fetchone()
        if posted:
            raise ValidationError(t("join code: it was made for another till; this counter has its own history, so "
                                    "ask for a code made with --device-id {device_id}", device_id=own), "join_code")
    database = database_path(ctx.db)
    certificate = _pin_certificate(code, database) if code.cert_sha256 else None
    rootcert = pinned_certificate_path(database) if certificate else None
    try:
        card_block, hub_has_members, hub_has_programme = _reach(code, rootcert)
        members_here = ctx.db.execute("SELECT COUNT(*) FROM members WHERE status != 'erased'").fetchone()[0]
        merging = bool(members_here and hub_has_members)
        if merging and not merge_shops:
            raise MergeOfShopsNeeded(t("join code: the hub already holds another shop's members and this counter "
                                       "has {count} of its own: joining merges the two shops' members; if that is "
                                       "what you want, confirm it (loyalty join --merge-shops)", count=members_here),
                                     "join_code")
        taken = _cards_the_hub_holds(code, ctx, rootcert) if merging else []
    except BaseException:
        if rootcert:                # a refused join leaves nothing behind, the pinned certificate included
            rootcert.unlink(missing_ok=True)
        raise
    password = secrets.token_urlsafe(32)
    try:
        with write_transaction(ctx.db):
            if code.device_id != own:   # a counter with no entries of its own takes the hub's id for it
                ctx.db.execute("UPDATE settings SET value = json_quote(?) WHERE key = 'device_id'", [code.device_id])
            ctx.db.execute("INSERT INTO hub_link (id, chain_id, store, host, port, dbname, user, sslmode, joined_at, "
                           "card_block, hub_certificate) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [code.chain_id, code.store, code.host, code.port, code.dbname, code.user, code.sslmode,
                            to_iso(ctx.clock.now()), card_block, certificate])
            ctx.db.execute("INSERT OR REPLACE INTO devices (device_id, store) VALUES (?, ?)", [code.device_id, code.store])
            reissued = tuple((card, reissue_card(ctx, card).card) for card in taken)
            # The programme changes of the shop on its own stay in its audit trail, not in what the
            # chain compares: the chain's programme wins here; the chain's first counter's becomes it.
            ctx.db.execute("DELETE FROM programme_changes")
            if not hub_has_programme:
                publish_programme(ctx)
                record_questions(ctx)       # the counter survey's, kept by retention
            record(ctx, "hub.join", f"chain {code.chain_id}", store=code.store, host=code.host,
                   merged_shops=merging, cards_reissued=[list(pair) for pair in reissued])
            credentials.store_password(database, code.user, password)
            _change_password(code, password, rootcert)   # last: the code's password no longer opens the hub
    except BaseException:
        credentials.forget_password(database, code.user)
        raise
    finally:
        if rootcert and hub_link(ctx) is None:
            rootcert.unlink(missing_ok=True)
    return Joined(hub_link(ctx), merging, reissued)


def _cards_the_hub_holds(code: JoinCode, ctx: Context, rootcert: Path | None) -> list[str]:
    """This counter's active card numbers that a member on the hub holds (asked in batches)."""
    numbers = [number for (number,) in ctx.db.execute(
        "SELECT c.number FROM cards c JOIN members m ON m.id = c.member_id "
        "WHERE c.status = 'active' AND m.status != 'erased' ORDER BY c.number")]
    taken = []
    with psycopg.connect(code.conninfo(rootcert), autocommit=True) as conn:
        for start in range(0, len(numbers), 5_000):
            taken += [number for (number,) in conn.execute("SELECT hub.hub_cards_taken(%s)",
                                                           (numbers[start:start + 5_000],)).fetchall()]
    return sorted(taken)


def _change_password(code: JoinCode, password: str, rootcert: Path | None) -> None:
    """The counter takes a password of its own, known only here, so that the join code (shown on
    a screen, sent in a message) is spent once used. PostgreSQL lets a role change its own."""
    try:
        with psycopg.connect(code.conninfo(rootcert), autocommit=True) as conn:
            conn.execute(sql.SQL("ALTER ROLE CURRENT_USER PASSWORD {}").format(sql.Literal(password)))
    except psycopg.Error as error:
        raise ValidationError(t("hub: the hub refused this counter ({reason})",
                                reason=str(error).strip().splitlines()[0]), "hub") from None


def _reach(code: JoinCode, rootcert: Path | None) -> tuple[int, bool, bool]:
    """The hub answers as this counter (its role exists, may pull, is not revoked); returns the
    counter's card-number block, whether the hub holds members already, and a programme."""
    try:
        with psycopg.connect(code.conninfo(rootcert), autocommit=True) as conn:
            conn.execute("SELECT count(*) FROM hub.hub_pull(0, 1)").fetchone()
            has_members = conn.execute("SELECT count(*) FROM hub.hub_pull_members(0, 1)").fetchone()[0] > 0
            has_programme = conn.execute("SELECT count(*) FROM hub.hub_pull_programme_changes(0, 1)").fetchone()[0] > 0
            block = conn.execute("SELECT card_block FROM hub.hub_whoami()").fetchone()[0]
            return block, has_members, has_programme
    except psycopg.OperationalError as error:
        if password_refused(error):
            raise ValidationError(t("join code: the hub refused it: it was used already, or its till was revoked; "
                                    "ask the owner for a new code"), "join_code") from None
        raise ValidationError(t("hub: cannot reach the hub at {host}:{port} ({reason})", host=code.host,
                                port=code.port, reason=str(error).strip().splitlines()[0]), "hub") from None
    except psycopg.Error as error:
        raise ValidationError(t("hub: the hub refused this counter ({reason})",
                                reason=str(error).strip().splitlines()[0]), "hub") from None


def note_progress(ctx: Context, **values) -> None:
    """Records how far the sync went (uploaded_seq, uploaded_seal, pulled_*, last_*); inside a
    batch's transaction, with it."""
    columns = ", ".join(f"{name} = ?" for name in values)
    with write_transaction(ctx.db):
        ctx.db.execute(f"UPDATE hub_link SET {columns} WHERE id = 1", list(values.values()))
