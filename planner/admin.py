from __future__ import annotations

from django.contrib import admin

from planner.engine.vocabulary import FILING_STATUS_LABELS
from planner.models import Scenario, ShareLink


class ShareLinkInline(admin.TabularInline):
    model = ShareLink
    extra = 0
    fields = ["label", "created", "expires_at", "revoked_at", "view_count", "last_viewed_at"]
    readonly_fields = ["created", "view_count", "last_viewed_at"]
    show_change_link = True


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "tax_year", "filing_status", "version", "updated", "created"]
    list_filter = ["tax_year"]
    search_fields = ["name", "owner__email", "owner__username", "=code"]
    readonly_fields = ["code", "version", "created", "updated"]
    raw_id_fields = ["owner"]
    date_hierarchy = "updated"
    inlines = [ShareLinkInline]

    @admin.display(description="Filing status")
    def filing_status(self, obj: Scenario) -> str:
        status = obj.inputs.get("filing_status")
        return FILING_STATUS_LABELS.get(status, "–") if isinstance(status, str) else "–"


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "scenario",
        "status",
        "created",
        "expires_at",
        "revoked_at",
        "view_count",
        "last_viewed_at",
    ]
    list_filter = ["revoked_at", "expires_at"]
    search_fields = ["label", "scenario__name", "scenario__owner__email", "=code"]
    # The token is a password to the scenario: staff see its code, never the token.
    exclude = ["token", "token_digest"]
    readonly_fields = ["code", "scenario", "created", "view_count", "last_viewed_at"]
    list_select_related = ["scenario"]

    @admin.display(description="Status")
    def status(self, obj: ShareLink) -> str:
        return obj.status
