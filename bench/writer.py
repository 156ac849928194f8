#!/usr/bin/env python3
"""Renames one enterprise through the API every EVERY seconds (back and forth), for bench/load.sh's WRITES_EVERY:
what the search page costs while the registry changes under it. Usage: writer.py <base url> <token> <every seconds>"""
import json, sys, time, urllib.request

base, token, every = sys.argv[1], sys.argv[2], float(sys.argv[3])

def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)

code = call("GET", "/api/v1/enterprises?q=%E9%92%A2%E7%AE%A1&pageSize=1")["items"][0]["creditCode"]
n = 0
while True:
    e = call("GET", f"/api/v1/enterprises/{code}")
    name = e["name"][:-1] if e["name"].endswith("甲") else e["name"] + "甲"
    body = {k: e.get(k) for k in ("creditCode", "industryCode", "address", "spawnedBy", "inZone", "chainRole", "incubation", "residentSince",
                                  "graduatedOn", "movedOutOn", "listing", "listedOn", "version")}
    body["name"] = name
    call("PUT", f"/api/v1/enterprises/{code}", body)
    n += 1
    time.sleep(every)
