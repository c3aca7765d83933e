from .base import *  # noqa: F401,F403
from .base import BINAUMKM, PACKAGE_DIR

# Demo only: a marked placeholder emblem and a fictitious signer, so the demo's letters and
# certificates can be issued. A city's deployment sets its own (BINAUMKM_EMBLEM_FILE, BINAUMKM_SIGNER_*).
_DEMO_SIGNER = {
    "EMBLEM_FILE": str(PACKAGE_DIR / "core" / "data" / "emblem-placeholder.svg"),
    "SIGNER_NAME": "CONTOH NAMA PEJABAT, S.E., M.M.",
    "SIGNER_RANK": "Pembina Utama Muda (IV/c)",
    "SIGNER_NIP": "19700101 199503 1 001",
}
BINAUMKM.update({key: value for key, value in _DEMO_SIGNER.items() if not BINAUMKM.get(key)})
