"""SQL for the shop's calendar day of a stored (UTC) time, shared by the migrations and the totals
they keep."""

# The shop's calendar day of a stored (UTC) time: the time plus the zone's offset at that
# moment, from the local_offsets table (migration 0007); the UTC day before its first row.
LOCAL_DAY_OF = ("COALESCE(date({at}, (SELECT minutes FROM local_offsets WHERE starts_at <= {at} "
                "ORDER BY starts_at DESC LIMIT 1) || ' minutes'), substr({at}, 1, 10))")
