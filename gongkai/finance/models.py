"""财政预决算和行政事业性收费: budgets and final accounts (预决算) of the district and every budget unit, the three public expenses (三公经费), administrative fees (行政事业性收费)."""
