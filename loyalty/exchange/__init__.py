"""What enters and leaves the shop as files: imports of members and sales from spreadsheets and
older systems (validated row by row first), exports of the whole shop (JSON, CSV, XLSX), and a
member's rights over their data (a copy as JSON or PDF, erasure).

May import everything below it: `common` to `reports` and `printing`."""
