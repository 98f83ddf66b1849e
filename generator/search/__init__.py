"""Full-text search: Pagefind service client, page copies, index in parts."""
