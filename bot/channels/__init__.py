"""Input channels: REST, the web widget and Microsoft Teams, each hardened for hostile requests.

Shared by all: `http` (request limits, JSON bodies), `inbound` (typed text is never an intent command),
`limits` (rate limits), `conversations` (ids namespaced by channel; signed ids for the widget), `logs` (no
tracebacks with message content) and `messages` (what a channel says on its own).
"""
