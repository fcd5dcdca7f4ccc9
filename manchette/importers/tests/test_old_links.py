"""Old WordPress addresses answer 301 to the new address of what they showed."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from manchette.articles.models import Article, Author, Category, Page, Tag
from manchette.articles.tests.builders import make_article
from manchette.images.models import Image
from manchette.importers.models import OldLink

pytestmark = pytest.mark.django_db


def link(path: str, target=None, url: str = "") -> OldLink:
    return OldLink.objects.create(path=path, target=target, url=url)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def site():
    politique = Category.objects.create(name="Politique", slug="politique")
    local = Category.objects.create(name="Bordeaux", slug="bordeaux", parent=politique)
    article = make_article(title="Le budget est voté", category=politique)
    page = Page.objects.create(title="À propos", slug="a-propos", body="<p>Qui nous sommes.</p>")
    tag = Tag.objects.create(name="Budget", slug="budget")
    author = Author.objects.create(name="Jeanne Martin", slug="jeanne-martin")
    return {
        "article": article,
        "category": politique,
        "local": local,
        "page": page,
        "tag": tag,
        "author": author,
    }


def assert_moved(client, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301, f"{old} answered {response.status_code}"
    assert response["Location"] == new


def test_a_post_id_leads_to_the_article(client, site):
    link("/?p=12", site["article"])
    assert_moved(client, "/?p=12", site["article"].get_absolute_url())


def test_a_post_id_with_other_parameters_still_leads_to_the_article(client, site):
    link("/?p=12", site["article"])
    assert_moved(client, "/?p=12&utm_source=lettre", site["article"].get_absolute_url())


def test_a_page_id_leads_to_the_static_page(client, site):
    link("/?page_id=7", site["page"])
    assert_moved(client, "/?page_id=7", "/page/a-propos/")


def test_a_category_id_leads_to_the_category(client, site):
    link("/?cat=3", site["category"])
    assert_moved(client, "/?cat=3", "/politique/")


def test_tag_and_author_queries_lead_where_their_link_says(client, site):
    link("/?tag=budget", site["tag"])
    link("/?author=2", site["author"])
    assert_moved(client, "/?tag=budget", "/sujet/budget/")
    assert_moved(client, "/?author=2", "/auteur/jeanne-martin/")


def test_an_unknown_id_shows_the_front_page(client, site):
    assert client.get("/?p=999").status_code == 200


def test_a_wordpress_search_becomes_a_search(client, site):
    assert_moved(client, "/?s=budget+2026", "/recherche/?q=budget+2026")


@pytest.mark.parametrize(
    "old",
    ["/2019/05/04/le-budget-est-vote/", "/2019/05/le-budget-est-vote/", "/le-budget-est-vote/"],
)
def test_dated_and_plain_post_addresses_lead_to_the_article(client, site, old):
    link(old, site["article"])
    assert_moved(client, old, site["article"].get_absolute_url())


def test_an_address_without_its_trailing_slash_is_found(client, site):
    link("/2019/05/04/le-budget-est-vote/", site["article"])
    assert_moved(client, "/2019/05/04/le-budget-est-vote", site["article"].get_absolute_url())


def test_an_address_stored_percent_encoded_is_found_from_its_accented_form(client, site):
    link("/2019/05/04/%c3%a9t%c3%a9-br%c3%bblant/", site["article"])
    assert_moved(client, "/2019/05/04/été-brûlant/", site["article"].get_absolute_url())


def test_an_address_stored_accented_is_found_from_its_encoded_form(client, site):
    link("/2019/05/04/été-brûlant/", site["article"])
    assert_moved(
        client, "/2019/05/04/%C3%A9t%C3%A9-br%C3%BBlant/", site["article"].get_absolute_url()
    )


def test_a_nested_category_address_leads_to_the_category(client, site):
    link("/category/politique/bordeaux/", site["local"])
    assert_moved(client, "/category/politique/bordeaux/", "/bordeaux/")


def test_tag_and_author_addresses_lead_to_their_pages(client, site):
    link("/tag/budget/", site["tag"])
    link("/author/jmartin/", site["author"])
    assert_moved(client, "/tag/budget/", "/sujet/budget/")
    assert_moved(client, "/author/jmartin/", "/auteur/jeanne-martin/")


def test_the_site_feed_leads_to_the_site_feed(client, site):
    assert_moved(client, "/feed/", "/flux/")
    assert_moved(client, "/feed/atom/", "/flux/atom/")


def test_a_stored_feed_address_wins(client, site):
    link("/feed/", url="/flux/atom/")
    assert_moved(client, "/feed/", "/flux/atom/")


def test_a_category_feed_leads_to_the_category_feed(client, site):
    link("/category/politique/bordeaux/", site["local"])
    assert_moved(client, "/category/politique/bordeaux/feed/", "/bordeaux/flux/")


def test_tag_and_author_feeds_lead_to_their_feeds(client, site):
    link("/tag/budget/", site["tag"])
    link("/author/jmartin/", site["author"])
    assert_moved(client, "/tag/budget/feed/", "/sujet/budget/flux/")
    assert_moved(client, "/author/jmartin/feed/atom/", "/auteur/jeanne-martin/flux/atom/")


def test_a_post_feed_leads_to_its_comments_feed(client, site):
    link("/2019/05/04/le-budget-est-vote/", site["article"])
    assert_moved(
        client,
        "/2019/05/04/le-budget-est-vote/feed/",
        f"/commentaires/flux/article/{site['article'].pk}/",
    )


def test_an_upload_leads_to_the_imported_file(client, site):
    image = Image(alt_text="Le palais")
    image.file.save("x.jpg", ContentFile(jpeg()), save=False)
    image.save()
    link("/wp-content/uploads/2019/05/x.jpg", url=image.file.url)
    assert_moved(client, "/wp-content/uploads/2019/05/x.jpg", image.file.url)
    # WordPress's resized copies lead to the original.
    assert_moved(client, "/wp-content/uploads/2019/05/x-300x200.jpg", image.file.url)


def test_an_upload_linked_to_its_image_leads_to_the_file(client, site):
    image = Image(alt_text="Le palais")
    image.file.save("x.jpg", ContentFile(jpeg()), save=False)
    image.save()
    link("/wp-content/uploads/2019/05/x.jpg", image)
    assert_moved(client, "/wp-content/uploads/2019/05/x.jpg", image.file.url)


def test_a_renamed_category_s_old_link_follows_the_rename(client, site):
    link("/category/politique/bordeaux/", site["local"])
    site["local"].slug = "bordeaux-metropole"
    site["local"].save()
    assert_moved(client, "/category/politique/bordeaux/", "/bordeaux-metropole/")


def test_a_deleted_target_leaves_the_404(client, site):
    link("/?p=12", site["article"])
    link("/2019/05/04/le-budget-est-vote/", site["article"])
    site["article"].delete()
    assert client.get("/2019/05/04/le-budget-est-vote/").status_code == 404
    assert client.get("/?p=12").status_code == 200  # the front page, as for any unknown id


def test_an_unpublished_article_is_not_revealed(client, site):
    draft = make_article(title="Pas encore", status=Article.Status.DRAFT, published_at=None)
    link("/2019/05/04/pas-encore/", draft)
    assert client.get("/2019/05/04/pas-encore/").status_code == 404


def test_an_existing_page_is_never_shadowed(client, site):
    link("/politique/", site["tag"])
    link(site["article"].get_absolute_url(), site["page"])
    assert client.get("/politique/").status_code == 200
    assert client.get(site["article"].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url", ["https://ailleurs.example/", "//ailleurs.example/x", "/\\x.fr"])
def test_never_an_open_redirect(client, site, url):
    link("/le-budget-est-vote/", url=url)
    assert client.get("/le-budget-est-vote/").status_code == 404


def test_a_post_to_an_old_address_is_not_redirected(client, site):
    link("/le-budget-est-vote/", site["article"])
    assert client.post("/le-budget-est-vote/").status_code == 404


def test_a_normal_page_makes_no_old_link_query(client, site, settings):
    url = site["article"].get_absolute_url()
    link("/le-budget-est-vote/", site["article"])
    client.get(url)  # warm the navigation cache
    with CaptureQueriesContext(connection) as with_middleware:
        assert client.get(url).status_code == 200
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("OldLinksMiddleware")]
    with CaptureQueriesContext(connection) as without:
        assert client.get(url).status_code == 200
    assert len(with_middleware) == len(without)
    assert not any("importers_oldlink" in q["sql"] for q in with_middleware.captured_queries)


def test_a_404_costs_one_query(client, site):
    client.get("/nulle-part/")  # warm the navigation cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/2019/05/04/nulle-part/").status_code == 404
    assert sum("importers_oldlink" in q["sql"] for q in queries.captured_queries) == 1
