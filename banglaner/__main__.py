"""``python -m banglaner``: the command line (the same as the ``banglaner`` script)."""

import sys

from banglaner.service.cli import main

sys.exit(main())
