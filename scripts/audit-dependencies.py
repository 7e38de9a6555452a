#!/usr/bin/env python3
"""Dependency audit for `make security`: pip-audit of the packages installed in the virtualenv.

pip-audit says "No known vulnerabilities found" and exits 0 even when it could audit nothing (every
package "not found" because the vulnerability service is out of reach). This wrapper reads its JSON
report and says plainly how many packages were audited and how many could not be, and why.

Services, in order: PyPI's JSON API (`pypi`), then OSV (`osv`, api.osv.dev) for what PyPI could
not answer. Exit status: 1 when a vulnerability is found, 2 when pip-audit itself failed, else 0 —
an audit that could not reach a service is reported loudly but does not fail the run (the machine
may have no access to it); re-run where the service is reachable.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
PIP_AUDIT = [str(BIN / "pip-audit"), "--progress-spinner", "off", "--skip-editable", "--format", "json"]


def run(service: str) -> tuple[dict | None, str]:
    """pip-audit's report with ``service`` (None if it failed outright) and its error output."""
    try:
        done = subprocess.run(  # noqa: S603 - our own pip-audit, fixed arguments
            [*PIP_AUDIT, "--vulnerability-service", service], capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired:
        return None, f"pip-audit ({service}) timed out"
    try:
        return json.loads(done.stdout), done.stderr
    except json.JSONDecodeError:
        last = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return None, last[0]


def main() -> int:
    report, error = run("pypi")
    if report is None:
        print(f"依赖审计失败 / pip-audit failed: {error}", file=sys.stderr)
        return 2
    deps = {d["name"]: d for d in report["dependencies"]}
    skipped = {name for name, d in deps.items() if "skip_reason" in d}
    services = {name: "pypi" for name in deps if name not in skipped}
    if skipped:
        osv, osv_error = run("osv")
        if osv is None:
            print(f"OSV 漏洞库不可达 / OSV unreachable: {osv_error}")
        else:
            for d in osv["dependencies"]:
                if d["name"] in skipped and "skip_reason" not in d:
                    deps[d["name"]] = d
                    services[d["name"]] = "osv"
                    skipped.discard(d["name"])
    found = [(name, v) for name, d in sorted(deps.items()) for v in d.get("vulns", [])]
    for name, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "无 / none"
        version = deps[name].get("version", "")
        print(f"漏洞 VULNERABLE {name} {version}: {vuln['id']} (修复版本 fixed in: {fixes})")
    print(
        f"依赖审计 pip-audit: {len(deps)} 个已安装的包，已审计 {len(services)} 个"
        f"（pypi {sum(1 for s in services.values() if s == 'pypi')}，osv {sum(1 for s in services.values() if s == 'osv')}），"
        f"发现漏洞 {len(found)} 个。"
    )
    if skipped:
        example = deps[sorted(skipped)[0]]["skip_reason"]
        print(
            f"警告 WARNING: {len(skipped)} 个包未能审计（漏洞库不可达）/ {len(skipped)} packages could NOT be audited: "
            f"the vulnerability services could not be reached from this machine (e.g. {example}). "
            "This is not a clean result: run `make security` where pypi.org's per-release JSON or api.osv.dev is reachable."
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
