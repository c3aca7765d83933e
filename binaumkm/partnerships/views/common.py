"""Pages shared by staff, store managers and owners (each reaches only their own objects)."""

from django.http import FileResponse, Http404

from binaumkm.core.policy import permission_required

from .. import selectors
from ..policy import OWN_PARTNERSHIP, OWN_STORE


@permission_required("partnerships.view_partnership", OWN_STORE, OWN_PARTNERSHIP)
def agreement_download(request, pk):
    """The signed agreement: for staff, the store's managers and the business owner only."""
    partnership = selectors.partnership_get(actor=request.user, pk=pk)
    if not partnership.agreement:
        raise Http404
    return FileResponse(
        partnership.agreement.open("rb"),
        as_attachment=True,
        filename=f"perjanjian-{partnership.reference}.pdf",
        content_type="application/pdf",
    )
