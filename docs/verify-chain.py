#!/usr/bin/env python3
"""Recomputes the Plan Registry's hash chains with nothing but the Python 3 standard library.

An auditor's own check, independent of the registry's code: every stored event's hash is recomputed from its
stored fields (docs/security.md, "The canonical form"), each event must link to its predecessor's hash, a plan's
sequence numbers must run 0, 1, 2, ... without a hole, and the metadata's globalSequence must be where the event is
stored. Given a digest kept earlier, the chain must still pass through it.

Reads the events either from the query side (GET /api/plans/{plan}/audit/events, as the auditor) or from a
`mongoexport` of the `events` collection (JSON lines or a JSON array, relaxed or canonical Extended JSON):

  REGISTRY_AUDITOR_PASSWORD=... python3 verify-chain.py --url http://localhost:8080 --plan SZ-FIN-14FYP
  python3 verify-chain.py --url http://localhost:8080 --plan SZ-FIN-14FYP --digest-sequence 112 --digest-hash 5d52...
  mongoexport --db planregistry --collection events --out events.json && python3 verify-chain.py --export events.json

Exit status: 0 every chain holds (and passes through the kept digest), 1 a problem was found, 2 it could not read.
"""
import argparse
import base64
import hashlib
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

# The fields the hash covers, in order, after the previous event's hash.
HASHED = ["aggregateIdentifier", "sequenceNumber", "payloadType", "payloadRevision", "timestamp", "payload",
          "metaData"]
# Absent, these hash as the text "null" (the registry writes them with Java's String.valueOf); others as no bytes.
NULL_AS_TEXT = {"sequenceNumber", "payloadRevision"}


def plain(value):
    """A value of mongoexport's Extended JSON ({"$numberLong": "7"}) as a plain one."""
    if isinstance(value, dict):
        for key in ("$numberLong", "$numberInt"):
            if key in value:
                return int(value[key])
    return value


def text(field, value):
    value = plain(value)
    if value is None:
        return "null" if field in NULL_AS_TEXT else ""
    return str(value)


def link(previous_hash, event):
    """SHA-256 over the previous hash and the hashed fields, each as UTF-8 followed by one zero byte."""
    sha = hashlib.sha256()
    for part in [previous_hash] + [text(field, event.get(field)) for field in HASHED]:
        sha.update(part.encode("utf-8"))
        sha.update(b"\0")
    return sha.hexdigest()


def verify(plan, events, kept=None):
    """Checks one plan's events (any order): (problems, head = (sequence, global, hash), whether kept is extended)."""
    problems, extended = [], True
    by_sequence = {}
    for event in events:
        by_sequence.setdefault(plain(event["sequenceNumber"]), []).append(event)
    previous, head, last_global = "", None, 0
    for sequence in range(0, max(by_sequence) + 1 if by_sequence else 0):
        found = by_sequence.get(sequence)
        if not found:
            problems.append(f"sequence {sequence}: MISSING (later events of the plan are stored)")
            previous = None
            continue
        if len(found) > 1:
            problems.append(f"sequence {sequence}: stored {len(found)} times")
        event = found[0]
        position = plain(event.get("globalSequence", event.get("_id")))
        where = f"sequence {sequence} (global sequence {position})"
        stored_previous, stored = event.get("previousHash") or "", event.get("hash")
        if link(stored_previous, event) != stored:
            problems.append(f"{where}: CHANGED - its stored content does not give its stored hash")
        elif previous is not None and stored_previous != previous:
            problems.append(f"{where}: LINK_BROKEN - its previousHash is not the hash of sequence {sequence - 1}")
        claimed = json.loads(event.get("metaData") or "{}").get("globalSequence")
        if claimed is not None and position is not None and claimed != position:
            problems.append(f"{where}: OUT_OF_ORDER - written at global sequence {claimed}")
        elif position is not None and position <= last_global:
            problems.append(f"{where}: OUT_OF_ORDER - stored before the plan's previous event")
        if kept and kept[0] == sequence and kept[1] != stored:
            extended = False
            problems.append(f"{where}: REWRITTEN - the digest kept says hash {kept[1]}, the store has {stored}")
        previous, head, last_global = stored, (sequence, position, stored), max(last_global, position or 0)
    if kept and (head is None or head[0] < kept[0] or kept[0] not in by_sequence):
        extended = False
        problems.append(f"sequence {kept[0]}: TRUNCATED - the chain no longer reaches the digest kept")
    return problems, head, extended


def from_api(url, plan, user, password):
    headers = {"Accept": "application/json"}
    if password:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    events, start = [], 0
    while start is not None:
        address = f"{url.rstrip('/')}/api/plans/{urllib.parse.quote(plan)}/audit/events?from={start}&limit=1000"
        with urllib.request.urlopen(urllib.request.Request(address, headers=headers)) as answer:
            page = json.load(answer)
        events.extend(page["events"])
        start = page.get("next")
    return {plan: events}


def from_export(path):
    with open(path, encoding="utf-8") as file:
        content = file.read().strip()
    documents = json.loads(content) if content.startswith("[") else [json.loads(line) for line in
                                                                     content.splitlines() if line.strip()]
    plans = {}
    for document in documents:
        if document.get("filler"):
            continue  # a number whose commit lost a race or was given up: holds no event
        plans.setdefault(document["aggregateIdentifier"], []).append(document)
    return plans


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", help="the query side, e.g. http://localhost:8080 (needs --plan)")
    source.add_argument("--export", help="a mongoexport of the events collection")
    parser.add_argument("--plan", help="the plan code; with --export, all plans when left out")
    parser.add_argument("--user", default="auditor")
    parser.add_argument("--password", default=os.environ.get("REGISTRY_AUDITOR_PASSWORD"),
                        help="default: $REGISTRY_AUDITOR_PASSWORD")
    parser.add_argument("--digest-sequence", type=int, help="sequenceNumber of the digest kept (audit/digest)")
    parser.add_argument("--digest-hash", help="hash of the digest kept")
    args = parser.parse_args()
    if args.url and not args.plan:
        parser.error("--url needs --plan")
    if (args.digest_sequence is None) != (args.digest_hash is None):
        parser.error("give both --digest-sequence and --digest-hash, or neither")
    try:
        plans = from_api(args.url, args.plan, args.user, args.password) if args.url else from_export(args.export)
    except (OSError, ValueError, KeyError, urllib.error.URLError) as e:
        print(f"could not read the events: {e}", file=sys.stderr)
        return 2
    if args.plan:
        plans = {args.plan: plans.get(args.plan, [])}
    kept = (args.digest_sequence, args.digest_hash) if args.digest_hash else None
    broken = False
    for plan in sorted(plans):
        problems, head, extended = verify(plan, plans[plan], kept)
        count = len(plans[plan])
        if head:
            print(f"plan {plan}: {count} events, head sequence {head[0]}, global sequence {head[1]}, hash {head[2]}")
        else:
            print(f"plan {plan}: no events")
        if kept:
            print(f"  digest kept (sequence {kept[0]}): "
                  + ("the chain still passes through it" if extended else "NOT extended"))
        for problem in problems:
            print(f"  {problem}")
        print(f"  chain {'intact' if not problems else 'BROKEN'}")
        broken = broken or bool(problems) or not head
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
