"""Checks that a file is SARIF 2.1.0 as goescape-report writes it, and prints
one line per result for FileCheck:

    RESULT <ruleId> <level> <file name>:<line>:<column> <message>

Exits non-zero, naming the first field that is wrong, otherwise."""
import json
import os
import sys


def fail(what):
    sys.exit("check_sarif: " + what)


with open(sys.argv[1]) as f:
    doc = json.load(f)
if doc.get("version") != "2.1.0":
    fail("version is not 2.1.0")
if not doc.get("$schema", "").endswith("sarif-schema-2.1.0.json"):
    fail("no SARIF 2.1.0 $schema")
runs = doc.get("runs")
if not isinstance(runs, list) or len(runs) != 1:
    fail("runs is not a list of one run")
driver = runs[0]["tool"]["driver"]
if driver.get("name") != "goescape-report":
    fail("runs[0].tool.driver.name")
rules = driver.get("rules", [])
ids = [r["id"] for r in rules]
if len(set(ids)) != len(ids):
    fail("rule ids are not unique")
for r in rules:
    if not r.get("shortDescription", {}).get("text"):
        fail("rule %s has no shortDescription" % r["id"])
print("RULES " + " ".join(ids))
for res in runs[0].get("results", []):
    rule = res.get("ruleId")
    if rule not in ids:
        fail("ruleId %r is not a rule" % rule)
    if ids[res["ruleIndex"]] != rule:
        fail("ruleIndex of %r" % rule)
    if res.get("level") not in ("note", "warning"):
        fail("level of %r" % rule)
    text = res.get("message", {}).get("text", "")
    if not text:
        fail("a result without message.text")
    locs = res.get("locations")
    if not locs:
        fail("a result without locations")
    phys = locs[0].get("physicalLocation")
    if phys is None:
        name = locs[0]["logicalLocations"][0]["name"]
        print("RESULT %s %s function %s %s" % (rule, res["level"], name, text))
        continue
    uri = phys["artifactLocation"]["uri"]
    region = phys["region"]
    line, col = region["startLine"], region["startColumn"]
    if not isinstance(line, int) or line < 1 or not isinstance(col, int) or col < 1:
        fail("region of %r" % rule)
    if uri.startswith("file://") and not os.path.exists(uri[len("file://"):]):
        fail("uri %s does not exist" % uri)
    print("RESULT %s %s %s:%d:%d %s" % (rule, res["level"], uri, line, col,
                                        text))
print("OK")
