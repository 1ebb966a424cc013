"""``python -m scripts.cluster``: see :mod:`scripts.cluster.cli`."""

import sys

from scripts.cluster.cli import main

sys.exit(main())
