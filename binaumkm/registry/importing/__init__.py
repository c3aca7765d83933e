"""Reading spreadsheets for the import, without writing anything: the project's template
(``template``) and the agency's own files (``table``, ``mapping``, ``cleaning``, ``sectors``,
``workbook``, ``mapped``). Writes are in ``registry.services.imports``."""

from .template import *  # noqa: F403 - the template import's API, as ``importing.read_rows``
from .template import (  # noqa: F401 - private helpers shared with the agency-file reader
    ImportFileError,
    RowError,
    RowValidator,
    ValidatedRow,
    ValidationReport,
    _check_zip,
)
