"""Geography: communes and their data sources, distances, territorial coverage."""
