"""The map of the city for staff: kelurahan coloured by a metric a module offers, each linking to its list."""

from django.shortcuts import render

from binaumkm.core.hooks import map_metrics
from binaumkm.core.maps import choropleth
from binaumkm.core.policy import permission_required

from .. import selectors
from ..forms import MapMetricForm


@permission_required("registry.view_business")
def area_map(request):
    form = MapMetricForm(request.GET or None, metrics=map_metrics(request.user))
    metric = form.metric()
    svg = choropleth(
        metric.values(request.user),
        title=metric.label,
        description=metric.description,
        unit=metric.unit,
        links=selectors.kelurahan_list_links(),
    )
    return render(request, "registry/staff/area_map.html", {"form": form, "metric": metric, "map": svg})
