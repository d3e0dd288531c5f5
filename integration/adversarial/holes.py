"""Regression cases for the eight holes of #12, in the style of cases.py (the exact exit codes,
messages and modes of every entry inside and outside the app dir); item 1, the rename race, is
race.py, and the one that needs a root of its own (no /proc) is no_proc.py. This module puts
the tables of `Case`s together in the order of the items; each table lives beside its trees and
checks, in holes_config.py (items 2, 3, 8), holes_deep.py (4, 5), holes_report.py (5),
holes_layer.py (6) and holes_names.py (7).

Cases that wait for work on another branch (they fail until it lands) have PENDING in their
description: the NUL escape in TOML (item 2) and RLIMIT_NPROC=0 with the TOML abort shapes
(item 8).
"""

import holes_config
import holes_deep
import holes_layer
import holes_names
import holes_report

# In the order of #12's items (2 to 8).
CASES = (
    holes_config.NUL_CASES
    + holes_config.UMASK_CASES
    + holes_deep.CASES
    + holes_report.CASES
    + holes_layer.CASES
    + holes_names.CASES
    + holes_config.ABORT_CASES
)
