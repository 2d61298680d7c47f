"""The rules engine: compile rule packs once, evaluate them on each plan."""
