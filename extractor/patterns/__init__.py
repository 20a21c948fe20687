"""Rule data (one module per topic and language, each with a syntax header)."""
