"""The read-replica router: only GET/HEAD requests to the listed pages read from the replica, writes never."""

import copy

from django.http import HttpResponse
from django.test import RequestFactory

from hdnd import replica
from petitions.models import Petition


def _with_replica(settings) -> None:
    settings.DATABASES = {**settings.DATABASES, "replica": copy.deepcopy(settings.DATABASES["default"])}
    settings.REPLICA_PATHS = ["/bao-cao/", "/van-ban/cong-khai/"]


def test_reads_go_to_the_replica_only_inside_replica_reads(settings) -> None:
    router = replica.ReplicaRouter()
    assert router.db_for_read(Petition) is None
    with replica.replica_reads():
        assert router.db_for_read(Petition) is None  # no replica configured: the primary
    _with_replica(settings)
    with replica.replica_reads():
        assert router.db_for_read(Petition) == "replica"
        assert router.db_for_write(Petition) == "default"
    assert router.db_for_read(Petition) is None
    assert router.allow_migrate("replica", "petitions") is False
    assert router.allow_migrate("default", "petitions") is True


def test_middleware_sends_only_safe_requests_to_listed_pages(settings) -> None:
    _with_replica(settings)
    seen = []

    def view(request) -> HttpResponse:
        seen.append(replica.ReplicaRouter().db_for_read(Petition))
        return HttpResponse("ok")

    middleware = replica.ReplicaMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/bao-cao/nam/2024/"))
    middleware(factory.head("/van-ban/cong-khai/"))
    middleware(factory.post("/bao-cao/nam/2024/"))
    middleware(factory.get("/kien-nghi/danh-sach/"))
    assert seen == ["replica", "replica", None, None]
