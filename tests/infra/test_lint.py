"""cfn-lint on the synthesized templates (it expands the SAM transform itself)."""
from __future__ import annotations

import pytest
from cfnlint.api import lint_file

pytestmark = pytest.mark.infra

# Rule id -> why a finding of it is accepted. Empty: every error and warning fails.
ACCEPTED: dict[str, str] = {}


def _describe(match) -> str:
    return f"{match.rule.id} line {match.linenumber}: {match.message}"


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_template_has_no_lint_errors_or_warnings(synth, stage):
    findings = lint_file(synth(stage).path)
    serious = [m for m in findings
               if m.rule.severity in ("error", "warning") and m.rule.id not in ACCEPTED]
    assert serious == [], "\n".join(map(_describe, serious))


def test_lint_finds_an_error_when_there_is_one(synth, tmp_path):
    # Guards the test above against passing because nothing was linted.
    broken = tmp_path / "broken.json"
    broken.write_text(synth("dev").path.read_text().replace('"PAY_PER_REQUEST"', '"NOT_A_MODE"'))
    assert any(m.rule.severity == "error" for m in lint_file(broken))
