"""spaCy components and the pure functions behind them (one concern per module)."""
