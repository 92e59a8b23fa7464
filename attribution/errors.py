"""The exceptions the library raises.  Each message says what went wrong and what to do."""
from __future__ import annotations


class AttributionError(Exception):
    """Base class for every error this package raises on purpose."""

    code = "A000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ParserNotAvailable(AttributionError):
    """A parser backend could not be loaded (model missing, package missing)."""

    code = "A001"


class InputError(AttributionError):
    """The input cannot be processed (empty, binary, undecodable, malformed JSONL)."""

    code = "A002"


class GoldFormatError(AttributionError):
    """A gold or prediction file is not in the documented JSONL format."""

    code = "A003"


class OffsetError(AttributionError):
    """A parser produced tokens whose offsets do not match the original text."""

    code = "A004"


class ModelDownloadFailed(AttributionError):
    """Official models could not be downloaded (no network, hub unreachable)."""

    code = "A005"


class RankerMismatch(AttributionError):
    """The cue ranker's weights file was made for other features than this code computes."""

    code = "A020"


class NoArticleText(InputError):
    """A saved HTML page holds no article text (a section front, a link list)."""

    code = "A010"


class UrlNotSupported(InputError):
    """A web address was given where a saved page or file is read."""

    code = "A011"


class LedgerError(AttributionError):
    """The claims ledger cannot do what was asked (database unreadable, schema too new)."""

    code = "A040"


class ClaimNotFound(LedgerError):
    """No claim (or article) in the ledger has the given id."""

    code = "A041"


class IllegalTransition(LedgerError):
    """A review action is not allowed from the claim's current status."""

    code = "A042"


class MissingActor(LedgerError):
    """A write to the ledger was attempted without naming who is acting."""

    code = "A043"


class InvalidVerdict(LedgerError):
    """A verdict's rating text or numeric value is not acceptable."""

    code = "A044"


class LedgerNotFound(LedgerError):
    """A read found no ledger at the given path (reads never create one)."""

    code = "A050"


class NotALedger(LedgerError):
    """The file is a database written by another program, or not a database at all."""

    code = "A051"


class LedgerBusy(LedgerError):
    """Another process held the ledger's write lock for longer than the wait allows."""

    code = "A052"


class PublishingError(LedgerError):
    """A claim cannot be published (no safe fact-check URL, no publisher configured)."""

    code = "A053"


class OutputError(AttributionError):
    """An output file cannot be written (missing folder, no permission)."""

    code = "A054"


class UsageError(AttributionError):
    """A command-line argument is out of range or malformed."""

    code = "A055"


class PermissionDenied(LedgerError):
    """The logged-in user's role does not allow the action (e.g. a reviewer publishing)."""

    code = "A060"


class UserError(LedgerError):
    """A user account cannot be created or changed (bad name, role or password)."""

    code = "A061"


class DistributedError(AttributionError):
    """A run on a Ray cluster failed as a whole (workers that kept dying, a lost cluster)."""

    code = "A070"
