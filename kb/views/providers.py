"""Provider pages: `/saglayici/` lists every provider and gateway, `/saglayici/<slug>` one
provider with its links and every response of theirs we explain."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from kb import meta
from kb.models import Provider, ProviderKind, ProviderResponse


@require_safe
def provider_list(request: HttpRequest) -> HttpResponse:
    providers = list(Provider.objects.all())
    groups = [
        (label, [provider for provider in providers if provider.kind == kind])
        for kind, label in ProviderKind.choices
    ]
    context = {"groups": groups, "meta": meta.provider_list_meta()}
    return render(request, "kb/provider_list.html", context)


@require_safe
def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    provider = get_object_or_404(Provider, slug=slug)
    responses = ProviderResponse.objects.published().filter(provider=provider)
    context = {
        "provider": provider,
        "responses": list(responses.select_related("page")),
        "meta": meta.provider_meta(provider),
    }
    return render(request, "kb/provider_detail.html", context)
