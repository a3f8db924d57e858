"""Where a request's time goes: cProfile over the preview POST, a step GET, results, the shared
page and the scenario list, in this process with the benchmark's production settings.

    .venv/bin/python bench/profile_pages.py [--requests 200] [--top 25] [--sort tottime]

Each page is requested once to warm it (templates, connections), then `--requests` times to
measure its CPU time (process time: steadier than wall time on a loaded machine), then as many
times under the profiler; the top functions are printed per page. Not part of the tests: a profile is not
a pass or a fail, and its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.run import HOUSEHOLD_ANSWERS, INPUTS  # noqa: E402

# The 401(k) step with a bad amount, a formula without its percentages and a bad second plan.
STEP_WITH_ERRORS = {
    "p0-pretax_deferral": "lots",
    "p0-roth_deferral": "0",
    "p0-employer_mode": "formula",
    "p0-employer_contribution": "0",
    "p0-match_rate": "",
    "p0-match_up_to": "",
    "p0-forfeitures": "0",
    "p0-has_second_plan": "on",
    "p0-second_plan_compensation": "-5",
    "go": "next",
}


def setup() -> dict[str, Any]:
    data = tempfile.mkdtemp(prefix="rothsite-profile-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "0",
            "SECRET_KEY": "profile-" + "x" * 50,
            "ALLOWED_HOSTS": "testserver",
            "DATA_DIR": data,
            "STATIC_ROOT": str(Path(data) / "static"),
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from planner.drafts import Draft
    from planner.models import Scenario, ShareLink

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False, clear=True)
    draft = Draft.new(INPUTS["tax_year"])
    draft.inputs = {**INPUTS}
    owner = get_user_model().objects.create_user("profile@example.com", password=None)
    Scenario.objects.bulk_create(
        Scenario(owner=owner, name=f"Plan {n}", form=draft.stored(), tax_year=2026)
        for n in range(100)
    )
    token = ShareLink.create_for(Scenario.objects.filter(owner=owner).first()).token
    # An account with one scenario: against the 100, what each row of the list costs.
    newcomer = get_user_model().objects.create_user("one@example.com", password=None)
    Scenario.objects.create(owner=newcomer, name="Plan", form=draft.stored(), tax_year=2026)

    visitor = Client()
    session = visitor.session
    draft.save(session)
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    member = Client()
    member.force_login(owner)
    one_member = Client()
    one_member.force_login(newcomer)
    anonymous = Client()
    # The preview types, as under `make bench`: pay goes up a dollar a request, so each
    # preview is new inputs and its panel is worked out, not found kept.
    keystrokes = itertools.count(1)

    def typed() -> str:
        pay = int(HOUSEHOLD_ANSWERS["compensation"]) + next(keystrokes)
        return urlencode({**HOUSEHOLD_ANSWERS, "compensation": str(pay)})

    return {
        "floor": lambda: anonymous.get("/bench/floor/"),
        # Form-encoded, as htmx posts it (the test client would send multipart).
        "preview POST": lambda: visitor.post(
            "/plan/household/preview/",
            typed(),
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true"},
        ),
        "step GET": lambda: visitor.get("/plan/household/"),
        "step GET (401k)": lambda: visitor.get("/plan/401k/"),
        # Next pressed with mistakes: the step comes back with a message at each field.
        "step POST with errors (401k)": lambda: visitor.post(
            "/plan/401k/",
            urlencode(STEP_WITH_ERRORS),
            content_type="application/x-www-form-urlencoded",
        ),
        "results": lambda: visitor.get("/plan/results/"),
        "shared page": lambda: anonymous.get(f"/s/{token}/"),
        "/scenarios/ (1)": lambda: one_member.get("/scenarios/"),
        "/scenarios/ (100)": lambda: member.get("/scenarios/"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--only", default="", help="profile only pages whose name has this")
    parser.add_argument(
        "--callers", default="", help="also print who calls functions matching this"
    )
    args = parser.parse_args()
    pages = setup()
    from django.template import engines

    loaders = engines["django"].engine.template_loaders
    print("Template loaders:", [type(loader).__module__ for loader in loaders])
    for name, request in pages.items():
        if args.only and args.only not in name:
            continue
        response = request()
        assert response.status_code == 200, (name, response.status_code)
        profile = cProfile.Profile()
        started = time.process_time()
        for _ in range(args.requests):
            request()
        each = (time.process_time() - started) / args.requests * 1000
        profile.enable()
        for _ in range(args.requests):
            request()
        profile.disable()
        print(f"\n== {name}: {each:.2f} ms of CPU a request without the profiler")
        stats = pstats.Stats(profile)
        stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
        if args.callers:
            stats.print_callers(args.callers)


if __name__ == "__main__":
    main()
