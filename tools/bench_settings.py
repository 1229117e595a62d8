"""The production settings, with the benchmark's URLconf (tools/bench_urls.py).

Only `make bench` uses this module: the floor view is never in the site's
own URLconf.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
