"""Stage 6 — tasks from outline units (:mod:`.assign`) and from task tables (:mod:`.tables`)."""
