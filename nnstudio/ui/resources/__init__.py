"""What the window draws with: the painted icons of node kinds and problem severities."""
