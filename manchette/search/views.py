"""The search page: /recherche/?q=…&rubrique=…&genre=…&du=…&au=…&page=…"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.articles import teasers
from manchette.pagecache import tags
from manchette.pagecache.fragments import answer, asked
from manchette.pagecache.pages import public_page

from .forms import NNBSP, SearchForm
from .query import clean, parse, published_articles
from .results import SearchResults, current_topics

KEEP_ANSWER_SECONDS = 300


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
        page = teasers.page_of(request, published_articles(filters))
        context.update(searched=False, topics=[] if filters else current_topics())
        context.update(page_obj=page)
    else:

        def render_found() -> tuple[str, set[str]]:
            number = request.GET.get("page")
            found = SearchResults(query, filters, per_page=per_page, page=number)
            page = Paginator(found, per_page).get_page(number)
            total = page.paginator.count
            # French digit grouping, with the narrow no-break space: "12 345 résultats".
            shown = f"{total:,}".replace(",", NNBSP)
            found_context = {**context, "page_obj": page, "total": total, "total_shown": shown}
            html = render_to_string("search/includes/found.html", found_context, request)
            return html, {tags.ALL, tags.SITE}

        # As a search engine's request cache: until an article changes, since the
        # readers of a breaking story all look for the same words; a few minutes at
        # most, as the ranking's freshness moves with the time.
        name = f"search:{asked(request)}"
        found = answer(request, name, render_found, at_most=KEEP_ANSWER_SECONDS)
        context.update(searched=True, found=found)
    return render(request, "search/results.html", context)
