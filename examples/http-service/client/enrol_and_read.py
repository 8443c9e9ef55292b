#!/usr/bin/env python3
"""Enrol a worker in jamsos and read coverage, over HTTP, with nothing but Python 3's standard library.

A second client for the jamsos HTTP service, as a regional system that is not written in TypeScript
would call it (a city's labour-office system, a civil-service payroll). It uses only the published
contracts: the routes and bodies of the OpenAPI document (GET /openapi.json, docs/schemas/openapi.json)
and the error shape {"error": {"code", "message", "problems": [{"path", "message"}]}}.

    JAMSOS_URL=http://127.0.0.1:8080 JAMSOS_TOKEN=<a clerk's token> python3 enrol_and_read.py [NIK]

It registers and enrols one BPU worker at the clerk's branch (KC-CILEGON by default: JAMSOS_BRANCH),
records the first month's contribution paid by the city's GEMET SEKUL programme, then reads the
worker's protection and the region's coverage. Every write carries an Idempotency-Key, and the
payment its bank reference: running the script twice records nothing twice.
"""
import json
import os
import sys
import urllib.error
import urllib.request
import uuid

URL = os.environ.get("JAMSOS_URL", "http://127.0.0.1:8080").rstrip("/")
TOKEN = os.environ.get("JAMSOS_TOKEN", "")
BRANCH = os.environ.get("JAMSOS_BRANCH", "KC-CILEGON")
REGION = os.environ.get("JAMSOS_REGION", "3672")
GEMET_SEKUL = {"type": "regional-budget", "regionId": "3672", "programme": "GEMET SEKUL", "legalBasis": "Perwal Cilegon 41/2024"}


class JamsosError(Exception):
    """An answer that is not a success, with the service's machine-readable error."""

    def __init__(self, status, error):
        self.status = status
        self.error = error
        problems = "; ".join(f"{p['path']}: {p['message']}" for p in error.get("problems", []))
        super().__init__(f"HTTP {status} {error.get('code')}: {error.get('message')}" + (f" [{problems}]" if problems else ""))


def call(method, path, body=None, idempotency_key=None):
    """One request; the answer as a dict, or a JamsosError with the service's error."""
    headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    request = urllib.request.Request(URL + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as failure:
        text = failure.read().decode("utf-8", "replace")
        try:
            error = json.loads(text)["error"]
        except (ValueError, KeyError, TypeError):
            error = {"code": "not-json", "message": text[:200], "problems": []}
        raise JamsosError(failure.code, error) from None


def main(nik):
    # The key is derived from what the request is, so a re-run of this script is recognised as a repeat.
    key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{URL}/participants/{nik}"))
    enrolled = call("POST", "/participants", {
        "nik": nik,
        "name": "Ahmad Fauzi",
        "birthDate": f"19{nik[10:12]}-{nik[8:10]}-{int(nik[6:8]) % 40:02d}",
        "domicileRegionId": REGION,
        "registeredOn": "2024-01-05",
        "enrolment": {
            "terms": {"segment": "BPU", "declaredIncome": 1000000},
            "programmes": ["JKK", "JKM"],
            "branchId": BRANCH,
            "regionId": REGION,
            "category": "fisher",
            "enrolledOn": "2024-01-05",
            "firstPeriod": "2024-01",
            "sponsor": GEMET_SEKUL,
        },
    }, idempotency_key=key)
    participant = enrolled["participantId"]
    print(f"enrolled: {participant} ({len(enrolled['events'])} events: {', '.join(e['type'] for e in enrolled['events'])})")

    paid = call("POST", "/commands", {
        "type": "PayContribution",
        "participantId": participant,
        "period": "2024-01",
        "total": 16800,
        "payer": GEMET_SEKUL,
        "paymentReference": f"GEMET-2024-01-{participant[2:14]}",
        "paidOn": "2024-01-10",
    })
    print(f"paid: 2024-01, Rp16,800 (event at position {paid['events'][0]['position']})")

    status = call("GET", f"/participants/{participant}/protection?asOf=2024-01-20")
    words = ", ".join(f"{p['programme']} {'protected' if p['protected'] else 'NOT protected: ' + p['explanation']}" for p in status["protection"])
    print(f"protection on 2024-01-20: {words}")

    coverage = call("GET", f"/coverage?asOf=2024-01-20&region={REGION}")
    for row in coverage["byRegion"]:
        ucj = f", UCJ {row['ucjBp'] / 100:.2f}%" if "ucjBp" in row else ""
        print(f"coverage on 2024-01-20, region {row['key']}: {row['protected']} protected of {row['members']} members{ucj}")
    return 0


if __name__ == "__main__":
    if not TOKEN:
        sys.exit("set JAMSOS_TOKEN to a clerk's token (examples/http-service/demo-config.json has demo tokens)")
    try:
        sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "3672011507850003"))
    except JamsosError as error:
        sys.exit(f"jamsos refused: {error}")
    except urllib.error.URLError as error:
        sys.exit(f"cannot reach {URL}: {error.reason} (is the service running? pnpm service)")
