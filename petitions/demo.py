from registry.models import Council


def seed(council: Council) -> None:
    """Placeholder replaced below."""
