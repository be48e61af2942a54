"""The directory of services: SQLite through sqlite-utils, shaped after Open Referral UK. No Rasa imports."""

from bot.directory.records import CATEGORIES, RowError, ServiceRecord
from bot.directory.search import SearchResult, audience_for_role, find_services, national_services
from bot.directory.store import DEFAULT_DB, ImportReport, open_directory

__all__ = [
    "CATEGORIES",
    "DEFAULT_DB",
    "ImportReport",
    "RowError",
    "SearchResult",
    "ServiceRecord",
    "audience_for_role",
    "find_services",
    "national_services",
    "open_directory",
]
