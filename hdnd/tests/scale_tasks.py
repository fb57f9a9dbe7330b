"""A task for the scale-out test: each run appends its key to a file, so a double run shows."""

from django.tasks import task


@task
def note_run(path: str, key: str) -> str:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key
