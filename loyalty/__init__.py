"""The loyalty domain: every rule, the ledger, reports and printing, with no Qt. One package per
area, each importing only those below it (docs/architecture.md; tests/test_architecture.py):
common, storage, programme, people, ledger, retention and printing, reports, exchange, chain
(several tills and shops through a hub), operations, cli."""
