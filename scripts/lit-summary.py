#!/usr/bin/env python3
"""Prints lit's result as one closing line, 'lit: N passed, M failed', read
from the xunit XML file lit writes with --xunit-xml-output. CI counts tests
from that line."""
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
total = failed = skipped = 0
for case in root.iter("testcase"):
    total += 1
    if case.find("failure") is not None or case.find("error") is not None:
        failed += 1
    elif case.find("skipped") is not None:
        skipped += 1
passed = total - failed - skipped
line = "lit: %d passed, %d failed" % (passed, failed)
if skipped:
    line += ", %d skipped" % skipped
print(line)
