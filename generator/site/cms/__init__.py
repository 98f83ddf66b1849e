"""The git-based editor at ``/admin/`` (Sveltia CMS, self-hosted): its configuration generated from the models."""
