"""Revoking roles: the service refuses an administrator's own administrator role, screen or not."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry import services
from registry.models import Role, RoleGrant


@pytest.mark.django_db
def test_an_administrator_cannot_revoke_their_own_administrator_role(world, as_user) -> None:
    admin = world.users["admin"]
    own = RoleGrant.objects.get(user=admin, council=world.council, role=Role.ADMIN)
    with pytest.raises(ValidationError, match="chính mình"):
        services.role_revoke(grant=own, by=admin)
    response = as_user("admin").post(reverse("registry:role_revoke", args=[own.pk]), follow=True)
    assert "Không thể tự thu hồi vai trò quản trị của chính mình." in response.content.decode()
    assert RoleGrant.objects.filter(pk=own.pk).exists()
    other = RoleGrant.objects.get(user=world.users["delegate"], council=world.council)
    response = as_user("admin").post(reverse("registry:role_revoke", args=[other.pk]))
    assert response.status_code == 302 and not RoleGrant.objects.filter(pk=other.pk).exists()
    outsider_grant = RoleGrant.objects.get(user=world.users["outsider"])
    assert as_user("admin").post(reverse("registry:role_revoke", args=[outsider_grant.pk])).status_code == 404
