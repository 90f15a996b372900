"""Failures reach a person: destinations for asynchronous failures, alarms on every
function, the stream and mail reputation, and no prod deploy without an alarm address."""
from __future__ import annotations

import subprocess

import pytest

from tests.infra.conftest import ROOT

pytestmark = pytest.mark.infra


def _alarms(synth) -> list[dict]:
    return [a["Properties"] for a in synth.of_type("AWS::CloudWatch::Alarm").values()]


def _dead_letters(synth) -> str:
    (dlq_id,) = [k for k, v in synth.of_type("AWS::SQS::Queue").items() if "RedrivePolicy" not in v["Properties"]]
    return dlq_id


def test_asynchronous_functions_keep_failed_events_in_the_dead_letter_queue(dev):
    configs = {c["Properties"]["FunctionName"]["Ref"]: c["Properties"]
               for c in dev.of_type("AWS::Lambda::EventInvokeConfig").values()}
    assert set(configs) == {"Sweep", "ScheduledReminder", "OpportunityDigest", "IdleRooms", "DocumentStored"}
    for config in configs.values():
        assert config["DestinationConfig"]["OnFailure"]["Destination"] == {"Fn::GetAtt": [_dead_letters(dev), "Arn"]}


def test_every_function_has_an_errors_alarm(dev):
    names = {f["Properties"]["FunctionName"] for f in dev.of_type("AWS::Serverless::Function").values()}
    alarmed = {a["Dimensions"][0]["Value"] for a in _alarms(dev) if a.get("MetricName") == "Errors"}
    assert alarmed == names
    assert all(a["Threshold"] == 1 for a in _alarms(dev) if a.get("MetricName") == "Errors")


def test_the_stream_falling_behind_and_mail_reputation_alarm(dev):
    by_metric = {a.get("MetricName"): a for a in _alarms(dev)}
    age = by_metric["IteratorAge"]
    assert age["Dimensions"] == [{"Name": "FunctionName", "Value": "atrium-dev-outbox_dispatch"}]
    assert by_metric["Reputation.BounceRate"]["Threshold"] < 0.05
    assert by_metric["Reputation.ComplaintRate"]["Threshold"] < 0.001


def test_bounces_and_complaints_have_an_event_destination(dev):
    destination = dev.one("AWS::SES::ConfigurationSetEventDestination")["EventDestination"]
    assert {"bounce", "complaint"} <= set(destination["MatchingEventTypes"])
    assert destination["Enabled"] is True


def test_prod_deploy_refuses_without_an_alarm_address():
    done = subprocess.run(["make", "deploy", "STAGE=prod"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "alarm_email" in done.stderr
