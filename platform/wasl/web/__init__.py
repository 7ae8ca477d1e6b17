"""Cross-cutting web plumbing: request ids, security headers, error pages and problem+json."""
