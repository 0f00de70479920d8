"""One exception type whose message is the one line a user sees."""


class QuotelensError(Exception):
    """A problem the user can fix; ``str(err)`` names the file, line or field and the fix."""
