"""The search page: /recherche/?q=…&rubrique=…&genre=…&du=…&au=…&page=…"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.pagecache import tags
from manchette.pagecache.pages import public_page

from .forms import NNBSP, SearchForm
from .query import clean, parse, published_articles
from .results import SearchResults, current_topics


@require_safe
@public_page(tags.ALL)
def results(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data["q"] = clean(request.GET.get("q", ""))
    form = SearchForm(data)
    filters, notes = form.filters()
    query = parse(data["q"])
    per_page = settings.ARTICLES_PER_PAGE
    context = {"form": form, "query": query.text, "filters": filters, "notes": notes}
    if query.is_empty:
        if query.text:
            notes.append(
                _(
                    "Votre recherche ne contient que des mots trop courants ou de la "
                    "ponctuation{nnbsp}: voici les derniers articles."
                ).format(nnbsp=NNBSP)
            )
        # No words: the latest articles (within the filters, if any) and the topics of
        # the moment, so the page is a way in rather than a dead end.
        page = Paginator(published_articles(filters).for_listing(), per_page).get_page(
            request.GET.get("page")
        )
        context.update(searched=False, topics=[] if filters else current_topics())
    else:
        found = SearchResults(query, filters, per_page=per_page, page=request.GET.get("page"))
        page = Paginator(found, per_page).get_page(request.GET.get("page"))
        total = page.paginator.count
        # French digit grouping, with the narrow no-break space: "12 345 résultats".
        context.update(searched=True, total=total, total_shown=f"{total:,}".replace(",", NNBSP))
    context.update(page_obj=page)
    return render(request, "search/results.html", context)
