"""Open-data exports: national standard (CSV/JSON), GeoJSON, iCalendar, RSS, actions CSV, JSON Schemas."""
