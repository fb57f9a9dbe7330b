"""Settings of the test suite: the production settings (DEBUG off) with a secret key of the suite's own.

The key goes through the environment, before `hdnd.settings` reads it, so commands the tests start
(`manage.py` in a subprocess) inherit it too.
"""

import os

os.environ.setdefault("SECRET_KEY", "hdnd-kiem-thu-khoa-rieng-cua-bo-kiem-thu-khong-dung-cho-may-chu-that")

from hdnd.settings import *  # noqa: F403
