"""Adversarial suite: hostile trees built around a real lifecycle build.

Each case lays out an app dir (and things outside it: a dir owned by the build user, another
buildpack's layer, both changeable by the build user, so any escape would show), runs the real
`bin/detect` and `bin/build` as the build user, and asserts the exact outcome:
  - the exit code;
  - the message text (warnings and errors name the offending paths);
  - the mode of every entry inside AND outside the app dir, from before/after snapshots: selected
    entries as the contract's mode rule says, everything else unchanged;
  - when the build succeeds, after an export like the lifecycle's, what the run user can write.
"""

import cases_files
import cases_links
import cases_size

# The hostile trees: links, then files and owners, then size and change.
CASES = cases_links.CASES + cases_files.CASES + cases_size.CASES
