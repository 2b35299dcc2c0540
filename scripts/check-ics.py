#!/usr/bin/env python3
"""Checks iCalendar files' time zones with an independent parser (PyPI's icalendar).

    python3 scripts/check-ics.py FILE.ics [FILE.ics ...]

For every file: each TZID a VEVENT property names (DTSTART, DTEND, ...) is defined by
exactly one VTIMEZONE in the same file; and for each VEVENT, DTSTART -- and, for a
recurring event, its occurrences over the next two years -- falls on the same UTC instant
whether the local time is read with the file's own VTIMEZONE (dateutil's RFC 5545
evaluator, via icalendar, never the IANA name) or with the IANA database (zoneinfo) for the
same TZID. Local times the IANA data makes ambiguous or skips are not compared: RFC 5545 and
Python resolve those differently on purpose.

Exits 0 when every file passes, 1 with one line per problem otherwise, 2 given no files,
and 3 if icalendar is not installed (scripts/bootstrap --browser installs it).
"""
import sys
from datetime import datetime, timedelta, timezone

try:
    import icalendar
    from dateutil.rrule import rrulestr
except ImportError as err:
    print(
        f"check-ics.py needs PyPI's icalendar ({err}): run scripts/bootstrap --browser",
        file=sys.stderr,
    )
    sys.exit(3)

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# How far ahead a recurring event's occurrences are compared, and at most how many.
HORIZON = timedelta(days=2 * 366)
MAX_OCCURRENCES = 400


def utc_via(tzinfo, local):
    """The UTC instant of a naive local time read in tzinfo."""
    return local.replace(tzinfo=tzinfo).astimezone(timezone.utc)


def unclear_in(zone, local):
    """Whether the IANA data makes this local time ambiguous or skips it."""
    early = local.replace(tzinfo=zone, fold=0)
    late = local.replace(tzinfo=zone, fold=1)
    return early.utcoffset() != late.utcoffset()


def occurrences(event, start):
    """The naive local start times to compare: DTSTART and, if it recurs, what follows."""
    if "RRULE" not in event:
        return [start]
    rule = event["RRULE"].to_ical().decode()
    until = max(start, datetime.now()) + HORIZON
    found = []
    for at in rrulestr(rule, dtstart=start, ignoretz=True):
        if at > until or len(found) >= MAX_OCCURRENCES:
            break
        found.append(at)
    return found


def check(path):
    problems = []
    with open(path, "rb") as file:
        raw = file.read()
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except ValueError as err:
        return [f"{path}: not a calendar icalendar can read: {err}"]

    defined = {}
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = str(vtimezone["TZID"])
        if tzid in defined:
            problems.append(f"{path}: VTIMEZONE {tzid} is defined more than once")
            continue
        if not vtimezone.walk("STANDARD") and not vtimezone.walk("DAYLIGHT"):
            problems.append(f"{path}: VTIMEZONE {tzid} has no STANDARD or DAYLIGHT")
            continue
        # Built from the component itself, never looked up by its name.
        defined[tzid] = vtimezone.to_tz(lookup_tzid=False)

    events = calendar.walk("VEVENT")
    if not events:
        problems.append(f"{path}: no VEVENT")
    compared = 0
    for event in events:
        uid = str(event.get("UID", "?"))
        for name, value in event.property_items(recursive=False):
            params = getattr(value, "params", {})
            tzid = params.get("TZID") if params else None
            if tzid is not None and tzid not in defined:
                problems.append(f"{path}: {uid}: {name} names TZID {tzid} but no VTIMEZONE defines it")

        dtstart = event.get("DTSTART")
        if dtstart is None:
            problems.append(f"{path}: {uid}: no DTSTART")
            continue
        tzid = dtstart.params.get("TZID")
        if tzid is None or tzid not in defined:
            continue  # floating or UTC times, or already reported
        try:
            iana = ZoneInfo(tzid)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"{path}: {uid}: {tzid} is not an IANA zone name")
            continue
        start = dtstart.dt.replace(tzinfo=None)
        for index, local in enumerate(occurrences(event, start)):
            if unclear_in(iana, local):
                continue
            from_file = utc_via(defined[tzid], local)
            from_iana = utc_via(iana, local)
            compared += 1
            if from_file != from_iana:
                what = "DTSTART" if index == 0 else f"the occurrence at {local:%Y-%m-%d %H:%M}"
                problems.append(
                    f"{path}: {uid}: {what} in {tzid} is {from_file:%Y-%m-%d %H:%M}Z by the "
                    f"file's VTIMEZONE but {from_iana:%Y-%m-%d %H:%M}Z by the IANA database"
                )
    if not problems:
        print(
            f"{path}: ok ({len(events)} events, {len(defined)} zones "
            f"{', '.join(sorted(defined))}, {compared} start times compared)"
        )
    return problems


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = [problem for path in paths for problem in check(path)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
