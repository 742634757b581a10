"""``python -m deploymap`` is the ``deploymap`` command."""

import sys

from deploymap.cli import main

sys.exit(main())
