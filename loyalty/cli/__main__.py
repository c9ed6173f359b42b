"""`python -m loyalty.cli COMMAND`: the command line without main.py (how the app starts the hub's
keeper from an installed package, common/app_info.own_command)."""

import sys

from . import main

if __name__ == "__main__":     # not when a tool walks the package
    sys.exit(main())
