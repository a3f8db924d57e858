"""Links that are the same on every request, worked out once instead of on each page.

{% fixed_url %} is {% url %} for the site's nav, the wizard's steps and the Save form's log-in
link. A page has up to sixteen such links, and reversing them cost a third of rendering the
results page around its kept plan. The URL depends only on the name, the arguments, the
URLconf and the script prefix, so those are the key. Only for arguments from a fixed set (a
step's slug): a scenario's code or a share token keeps {% url %}.

{% wizard_nav %} is the wizard's step nav (_wizard_nav.html), which depends only on the steps
asked, the current one and the form its buttons submit: a few dozen variants in all, each
rendered once (with DEBUG, on every page, so an edited template shows at once).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe

from planner.engine.tables import provisional_years, published_years
from planner.forms import Step

register = template.Library()


def _where() -> tuple[str, str]:
    """What a reversed URL depends on besides the name and arguments."""
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()


@lru_cache(maxsize=256)
def _reversed(name: str, args: tuple[str, ...], where: tuple[str, str]) -> str:
    return reverse(name, urlconf=where[0], args=args)


@register.simple_tag
def fixed_url(name: str, *args: str) -> str:
    return _reversed(name, args, _where())


def _nav_html(steps: tuple[Step, ...], current: str, form_id: str) -> SafeString:
    context = {"steps": steps, "current": current, "form_id": form_id}
    return mark_safe(render_to_string("planner/_wizard_nav.html", context))


@lru_cache(maxsize=128)
def _kept_nav_html(
    steps: tuple[Step, ...], current: str, form_id: str, where: tuple[str, str]
) -> SafeString:
    """_nav_html, kept apart for each URLconf and script prefix: its links depend on them."""
    return _nav_html(steps, current, form_id)


@register.simple_tag
def wizard_nav(steps: list[Step], current: str, form_id: str = "") -> SafeString:
    if settings.DEBUG:
        return _nav_html(tuple(steps), current, form_id)
    return _kept_nav_html(tuple(steps), current, form_id, _where())


@register.simple_tag
@lru_cache(maxsize=1)
def tax_years_covered() -> str:
    """The footer's years: the published ones, and the one planned on provisional figures."""
    published, provisional = published_years(), provisional_years()
    covered = f"{min(published)}–{max(published)}"
    if provisional:
        later = ", ".join(str(year) for year in provisional)
        covered += f" ({later} provisionally, until the IRS publishes its figures)"
    return covered
