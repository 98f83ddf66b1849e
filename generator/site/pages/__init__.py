"""Page producers of the generated site (annuaire, comptes-rendus, fiches actions, observatoire…)."""
