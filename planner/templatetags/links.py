"""{% fixed_url %}: {% url %} for the links that are the same on every request (the site's nav,
the wizard's steps, the Save form's log-in link), reversed once instead of on each page.

A page's nav and forms have up to sixteen such links, and reversing them cost a third of
rendering the results page around its kept plan. The URL depends only on the name, the
arguments, the URLconf and the script prefix, so those are the key. Only for arguments from a
fixed set (a step's slug): a scenario's code or a share token keeps {% url %}.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=256)
def _reversed(name: str, args: tuple[str, ...], urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf, args=args)


@register.simple_tag
def fixed_url(name: str, *args: str) -> str:
    return _reversed(name, args, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
