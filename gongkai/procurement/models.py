"""政府采购: government procurement (政府采购): projects, their intention, tender and result notices, savings."""
