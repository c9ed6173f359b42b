"""Owner reports: periods in the shop's time zone and the metrics of docs/metrics.md."""
