"""``python -m onrecord.topics``: check a taxonomy and see how it tags a sentence."""

import sys

from onrecord.topics.taxonomy import main

sys.exit(main())
