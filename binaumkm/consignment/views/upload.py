"""Sales upload (.xlsx) for an outlet: all rows or none, with an error per row and column."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import conf, importing, selectors, services
from ..forms import UploadForm
from ..policy import OWN_OUTLET, SELL
from .common import outlet_context, outlet_page


@outlet_page(SELL, OWN_OUTLET, action="sell")
def sales_upload(request, outlet):
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            form.add_error("file", _("Unggah berkas Excel berformat .xlsx (gunakan templat)."))
        elif upload.size > conf.UPLOAD_MAX_BYTES:
            form.add_error(
                "file",
                _("Berkas terlalu besar (maksimal %(mb)d MB).") % {"mb": conf.UPLOAD_MAX_BYTES // 2**20},
            )
        else:
            try:
                result = services.sales_upload(actor=request.user, outlet=outlet, data=upload.read())
            except importing.UploadError as exc:
                form.add_error("file", str(exc))
            else:
                if not result.errors:
                    messages.success(
                        request,
                        _("%(rows)d baris diunggah: %(units)d barang terjual dicatat.")
                        % {"rows": result.rows, "units": result.units},
                    )
                    return redirect("consignment:sales_list", pk=outlet.pk)
    context = outlet_context(request, outlet, form=form, result=result)
    return render(request, "consignment/outlet/upload.html", context)


@outlet_page(SELL, OWN_OUTLET, action="sell")
def upload_template(request, outlet):
    products = selectors.products_in_stock(actor=request.user, outlet=outlet)
    response = HttpResponse(
        importing.template_xlsx(products),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="templat-penjualan-outlet-{outlet.pk}.xlsx"'
    return response
