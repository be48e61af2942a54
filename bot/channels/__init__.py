"""Input channels: the REST channel hardened for bad requests (and, later, the widget and Teams)."""
