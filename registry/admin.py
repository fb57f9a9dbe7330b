"""For system administrators only; the users work in the Vietnamese screens."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registry.models import Body, CalendarDay, Council, Delegate, LegalSetting, Membership, Person, RoleGrant, Term


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "unit_code", "historical", "active"]
    list_filter = ["level", "active", "historical"]
    search_fields = ["unit_name", "unit_code"]


for model in (Term, Person, Body, Membership, Delegate, RoleGrant, LegalSetting, CalendarDay):
    admin.site.register(model, SimpleHistoryAdmin)
