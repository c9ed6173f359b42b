"""Several tills and shops: the hub and the sync (issue 22, docs/sync.md). The wire form of an
entry and its seal (`wire`), the hub's PostgreSQL schema and functions (`hub_schema`), the hub
owner's commands (`hub_admin`), the join code a counter is given (`join_code`), joining and the
link (`link`, `credentials`), sending and taking in (`upload`, `pull`), a new counter's first download member by member
(`first_download`), the rounds (`rounds`) and the hub's wake-up call (`listen`). Talks to
PostgreSQL with psycopg 3; no Qt.

May import everything below it: `common` to `exchange`."""
