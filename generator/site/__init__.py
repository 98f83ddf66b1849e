"""Site stage: producer registry, rendering helpers, maps, generated pages and open-data exports."""
