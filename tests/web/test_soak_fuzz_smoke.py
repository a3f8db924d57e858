"""A short run of the hostile-input fuzzer (soak/fuzz.py) on Django's test client.

`make soak` runs the same generator with 10,000+ inputs against gunicorn.
"""

from __future__ import annotations

from django.test import Client

from soak import fuzz


def test_no_hostile_input_gets_a_server_error_or_a_cli_traceback(alice, scenario, share_link):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    client.post("/plan/household/", fuzz.HOUSEHOLD | {"go": "next"})

    def send(request: fuzz.Request) -> int:
        return client.generic(
            request.method, request.path, request.body, request.content_type or fuzz.FORM
        ).status_code

    figures = fuzz.smoke(send, count=400, seed=11, code=str(scenario.code), token=share_link.token)
    assert figures.sent == 400
    assert len(figures.by_target) >= 10, "every kind of input is exercised"
    assert figures.server_errors == [], figures.report()
    assert figures.cli_tracebacks == [], figures.report()
