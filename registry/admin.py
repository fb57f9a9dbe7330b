"""For system administrators only; the users work in the Vietnamese screens."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from registry.models import (
    ApiToken,
    Body,
    CalendarDay,
    Council,
    Delegate,
    LegalSetting,
    Membership,
    Person,
    RoleGrant,
    Term,
)


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "unit_code", "historical", "active"]
    list_filter = ["level", "active", "historical"]
    search_fields = ["unit_name", "unit_code"]


# Accounts' history (the password hash is not in it) beside Django's own user screens.
admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserHistoryAdmin(SimpleHistoryAdmin, UserAdmin):
    pass


for model in (Term, Person, Body, Membership, Delegate, RoleGrant, LegalSetting, CalendarDay, ApiToken):
    admin.site.register(model, SimpleHistoryAdmin)
