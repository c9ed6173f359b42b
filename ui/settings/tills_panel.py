"""Shops and tills, in Settings (issue 23), for a till that joined a chain's hub: the chain's
stores and tills with each one's last contact (through this till's own role), and for the owner
— with the hub owner's login, asked for each time and never kept — add a till (its join code,
with a QR code to scan at the new till), revoke one (after a confirmation), rename a store
(loyalty/chain/tills.py). Every call to the hub runs on a worker thread: a hub out of reach
never freezes the window. A shop on its own is offered the three ways into a chain: *This PC
keeps the shop's hub…* (chain/hosting.py), *Use the chain's server…* (a hosted PostgreSQL) and
*Join a hub…* with a code made for this till; its history then goes up in the background. The
dialogs are hub_dialogs.py's."""

import socket

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from loyalty.chain import tills
from loyalty.chain.link import MergeOfShopsNeeded, hub_link, join_chain
from loyalty.common.errors import LoyaltyError
from loyalty.programme.context import Context

from ..widgets.background import call_in_background, stop_thread
from ..widgets.formatting import count_text, moment_text
from .hub_dialogs import JoinCodeDialog, OwnerLogin, ServerForm


class TillsPanel(QGroupBox):
    message = Signal(str, str)      # kind, text: for the screen's banner
    joined = Signal()               # this till has just joined a hub: the window starts syncing

    def __init__(self, ctx: Context, parent=None):
        super().__init__(self.tr("Shops and tills"), parent)
        self.ctx = ctx
        self.thread = None
        self.shown: list[tills.Till] = []
        self.state = QLabel(wordWrap=True)
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("Tills of the chain"))
        self.table.setHorizontalHeaderLabels([self.tr("Store"), self.tr("Store name"), self.tr("Till"),
                                              self.tr("Last contact"), self.tr("Waiting"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.add_button = QPushButton(self.tr("Add a till…"))
        self.revoke_button = QPushButton(self.tr("Revoke the chosen till…"))
        self.rename_button = QPushButton(self.tr("Rename the chosen store…"))
        self.join_button = QPushButton(self.tr("Join a hub…"))
        self.join_button.clicked.connect(self.join_hub)
        self.keep_button = QPushButton(self.tr("This PC keeps the shop's hub…"))
        self.keep_button.clicked.connect(self.keep_hub_here)
        self.server_button = QPushButton(self.tr("Use the chain's server…"))
        self.server_button.clicked.connect(self.use_a_server)
        self.refresh_button.clicked.connect(self.reload)
        self.add_button.clicked.connect(self.add_till)
        self.revoke_button.clicked.connect(self.revoke_chosen)
        self.rename_button.clicked.connect(self.rename_chosen)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.add_button, self.revoke_button, self.rename_button, self.keep_button,
                       self.server_button, self.join_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    # -- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        link = hub_link(self.ctx)
        for widget in (self.table, self.refresh_button, self.add_button, self.revoke_button, self.rename_button):
            widget.setVisible(link is not None)
        self.join_button.setVisible(link is None)
        self.keep_button.setVisible(link is None)
        self.server_button.setVisible(link is None)
        if link is None:
            self.state.setText(self.tr(
                "This shop is on its own. A second till: let this PC keep the shop's hub (the back office PC, on "
                "while the shop is open), then add the till here. Or join a chain's hub with the join code its owner "
                "made for this till (loyalty hub add-counter STORE NAME --device-id {device_id}); this till's history "
                "then goes up to the hub in the background.").format(device_id=self.ctx.device_id))
            return
        if self.thread is not None:
            return
        self.state.setText(self.tr("This till belongs to store {store}; the hub is at {host}:{port}. Asking the hub…")
                           .format(store=link.store, **self._where(link)))
        self._run(tills.chain_tills, self._listed)

    def _where(self, link) -> dict:
        """The hub's address as the other tills reach it: this PC's on the shop's network when it
        keeps the hub (its own till talks to it on 127.0.0.1)."""
        if link.hub_on_this_pc:
            from loyalty.chain.hosting import reach_from_the_network
            reach = reach_from_the_network(self.ctx)
            if reach is not None:
                here = self.tr("this PC")
                return {"host": reach["host"], "port": f"{reach['port']} ({here})"}
        return {"host": link.host, "port": link.port}

    def forget(self) -> None:
        self.shown = []
        self.table.setRowCount(0)
        self.state.clear()

    def shutdown(self) -> None:
        stop_thread(self.thread)

    def _listed(self, found: list) -> None:
        link = hub_link(self.ctx)
        self.shown = found
        self.state.setText(self.tr("This till belongs to store {store}; the hub is at {host}:{port}.").format(
            store=link.store, **self._where(link)))
        timezone = self.ctx.programme().timezone
        self.table.setRowCount(len(found))
        for row, till in enumerate(found):
            state = (self.tr("revoked {when}").format(when=moment_text(till.revoked_at, timezone)) if till.revoked_at
                     else self.tr("this till") if till.this_till else self.tr("active"))
            contact = moment_text(till.last_contact, timezone) if till.last_contact else self.tr("never")
            for column, text in enumerate((till.store, till.store_name, till.name, contact, self._waiting(till), state)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _waiting(self, till: tills.Till) -> str:
        """What waits at the till as of its last contact: to send up, to take in."""
        if till.revoked_at or till.waiting_to_send is None:
            return "—"
        parts = []
        if till.waiting_to_send:
            parts.append(self.tr("{count} to send").format(count=count_text(till.waiting_to_send)))
        if till.waiting_to_take_in:
            parts.append(self.tr("{count} to take in").format(count=count_text(till.waiting_to_take_in)))
        return " · ".join(parts) or self.tr("nothing")

    def chosen(self) -> tills.Till | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    # -- the owner's acts ----------------------------------------------------------------

    def owner_login(self, what: str) -> str | None:
        """The owner's connection for one act — this PC's own when it keeps the hub — or None if
        they cancelled (tests answer it)."""
        from loyalty.chain.hosting import owner_dsn_here
        here = owner_dsn_here(self.ctx)
        if here is not None:
            return here
        dialog = OwnerLogin(what, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            return tills.owner_dsn(self.ctx, dialog.user.text(), dialog.password.text())
        except LoyaltyError as error:
            self.message.emit("error", error.message)
            return None

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """A name typed by the owner (tests answer it)."""
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def confirm(self, title: str, question: str) -> bool:
        return QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes

    def add_till(self) -> None:
        store = self.chosen().store if self.chosen() else hub_link(self.ctx).store
        name = self.ask_text(self.tr("Add a till"),
                             self.tr("Name of the new till of store {store}:").format(store=store))
        if not name:
            return
        dsn = self.owner_login(self.tr("Adding a till"))
        if dsn is None:
            return

        def added(code) -> None:
            self.message.emit("success", self.tr("Till {name} added: its join code is shown once.").format(name=name))
            self.code_dialog = JoinCodeDialog(name, code.text(), code.expires_at, self.ctx.programme().timezone, self)
            self.code_dialog.open()
            self._reload_when_done = True
        self._run(lambda ctx: tills.add_till(ctx, dsn, store, name), added)

    def revoke_chosen(self) -> None:
        till = self.chosen()
        if till is None or till.revoked_at:
            self.message.emit("info", self.tr("Choose an active till in the list first."))
            return
        if not self.confirm(self.tr("Revoke a till"), self.tr(
                "Revoke {name} (store {store})? It can no longer reach the hub: its sales stay on it until the owner "
                "joins it again with a new code. Do this for a stolen or retired till.").format(
                name=till.name, store=till.store)):
            return
        dsn = self.owner_login(self.tr("Revoking a till"))
        if dsn is None:
            return
        self._run(lambda ctx: tills.revoke_till(ctx, dsn, till.name), lambda done: self._done(
            self.tr("Till {name} revoked.").format(name=done["name"])))

    def rename_chosen(self) -> None:
        till = self.chosen()
        if till is None:
            self.message.emit("info", self.tr("Choose a till of the store in the list first."))
            return
        name = self.ask_text(self.tr("Rename a store"), self.tr("New name of store {store}:").format(store=till.store),
                             till.store_name)
        if not name:
            return
        dsn = self.owner_login(self.tr("Renaming a store"))
        if dsn is None:
            return
        self._run(lambda ctx: tills.rename_store(ctx, dsn, till.store, name), lambda done: self._done(
            self.tr("Store {code} is now called {name}.").format(code=done["code"], name=done["name"])))

    def keep_hub_here(self) -> None:
        """Makes this PC's hub with this till as the first of its store (chain/hosting.py)."""
        from loyalty.chain.hosting import keep_hub_here
        store = self.ask_text(self.tr("This PC keeps the shop's hub"), self.tr(
            "A short code for this shop (letters or digits, such as M1); the other tills join it:"), "M1")
        if not store:
            return
        if not self.confirm(self.tr("This PC keeps the shop's hub"), self.tr(
                "This PC will run the shop's hub (a PostgreSQL server in the app's folder, reached by the other tills "
                "on the shop's network, encrypted and with passwords), also when the app is closed. Keep it on while "
                "the shop is open; the tills sell without it and catch up when it is back. Go on?")):
            return
        name = self.ctx.programme().shop_name
        self._run(lambda ctx: keep_hub_here(ctx, store.strip(), name), self._kept)

    def _kept(self, hub) -> None:
        starts = (self.tr("It starts with this PC.") if hub.starts_with_pc else
                  self.tr("It runs from the moment the app opens on this PC until the PC is turned off (the system "
                          "could not be set to start it with the PC)."))
        self.message.emit("success", self.tr("This PC keeps the shop's hub, at {address}:{port}. Add the other tills "
                                             "with Add a till….").format(address=hub.address, port=hub.port)
                          + " " + starts)
        self._reload_when_done = True
        self.joined.emit()

    def server_form(self) -> dict | None:
        """What the owner typed of the chain's server (tests answer it); None if cancelled."""
        form = ServerForm(self.ctx.programme().shop_name, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        return {name: getattr(form, name).text() for name in ("host", "port", "dbname", "user", "password", "sslmode",
                                                               "store", "store_name")}

    def use_a_server(self) -> None:
        """A chain with a hosted database: that server made the hub, this till its first counter."""
        typed = self.server_form()
        if typed is None:
            return
        try:
            dsn = tills.server_dsn(typed["host"], typed["port"], typed["dbname"], typed["user"], typed["password"],
                                   typed["sslmode"].strip() or "prefer")
        except LoyaltyError as error:
            self.message.emit("error", error.message)
            return
        store, name, till = typed["store"].strip(), typed["store_name"], socket.gethostname()[:80] or "PC"
        self._join_by(lambda ctx, merge: tills.hub_on_a_server(ctx, dsn, store, name, till, merge))

    def join_hub(self) -> None:
        code = self.ask_text(self.tr("Join a hub"), self.tr("The join code (type, paste or scan it):"))
        if code:
            self._join_by(lambda ctx, merge: join_chain(ctx, code.strip(), merge_shops=merge))

    def _join_by(self, join) -> None:
        """`join(ctx, merge_shops)` on the worker thread. A shop with members of its own joining a
        hub that holds another shop's is merged only if the owner says so: then it runs again."""
        def without_merging(ctx):
            try:
                return join(ctx, False)
            except MergeOfShopsNeeded:
                return None

        def joined_or_asked(done) -> None:
            if done is not None:
                self._joined(done)
            elif self.confirm(self.tr("Merge two shops"), self.tr(
                    "The hub already holds another shop's members. Joining merges this shop's members with theirs "
                    "(cards whose numbers they use are re-issued here). Join and merge?")):
                self._after = lambda: self._run(lambda ctx: join(ctx, True), self._joined)
        self._run(without_merging, joined_or_asked)

    def _joined(self, done) -> None:
        self.message.emit("success", self.tr("This till joined the chain as a till of store {store}; its history goes "
                                             "up to the hub in the background.").format(store=done.link.store))
        self._reload_when_done = True
        self.joined.emit()

    def _done(self, sentence: str) -> None:
        self.message.emit("success", sentence)
        self._reload_when_done = True          # the list again once the act's thread has ended

    # -- the worker ----------------------------------------------------------------------

    def _run(self, function, on_done) -> None:
        """`function(ctx)` on a worker thread; `on_done(result)` then, on this (the GUI) thread."""
        if self.thread is not None:
            return
        for button in self._acts():
            button.setEnabled(False)
        self._reload_when_done = False
        self._after = None
        self._on_done = on_done
        self.thread = call_in_background(self, self.ctx, function, self._succeeded, self._failed, self._finished)

    def _acts(self) -> tuple:
        return (self.add_button, self.revoke_button, self.rename_button, self.refresh_button, self.join_button,
                self.keep_button, self.server_button)

    def _succeeded(self, result) -> None:      # a bound method: Qt calls it on the GUI thread
        self._on_done(result)

    def _failed(self, sentence: str) -> None:
        self.state.setText(sentence)
        self.message.emit("error", sentence)

    def _finished(self) -> None:
        self.thread = None
        for button in self._acts():
            button.setEnabled(True)
        if self._after is not None:        # a second step the owner agreed to (a merge of two shops)
            self._after()
        elif self._reload_when_done:
            self.reload()
