#!/usr/bin/env python3
"""Runs the GPU agent's unittest suite (standard library only) and writes a vitest-style JSON summary
for scripts/summarize-tests.mjs. Usage: python3 scripts/python-tests.py REPORT.json"""
import json
import os
import sys
import unittest

report = os.path.abspath(sys.argv[1])  # before the chdir below
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workers", "gpu-agent")
sys.path.insert(0, root)
sys.path.insert(0, os.path.join(root, "tests"))
os.chdir(root)
suite = unittest.defaultTestLoader.discover("tests")
result = unittest.TextTestRunner(verbosity=1).run(suite)
failed = len(result.failures) + len(result.errors) + len(getattr(result, "unexpectedSuccesses", []))
skipped = len(result.skipped)
with open(report, "w") as f:
    json.dump({"numPassedTests": result.testsRun - failed - skipped, "numFailedTests": failed, "numPendingTests": skipped}, f)
sys.exit(0 if result.wasSuccessful() else 1)
