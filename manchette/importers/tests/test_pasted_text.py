"""Reading the pasted text of a news page, making the article, and the import_text command."""

from __future__ import annotations

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from manchette.articles.models import Article, Author, Category
from manchette.importers.pasted_text import (
    AlreadyImported,
    Section,
    SourceRef,
    create_article,
    parse_pasted_text,
)

EXAMPLE = """\
Un cycliste traverse le pont de pierre au lever du jour.
Société

Bordeaux : le vélo gagne du terrain sur la rive droite

Partager
Partager
Pinterest Hidden

Des pistes plus larges depuis le printemps

Depuis avril, la métropole a élargi quatre axes. Les comptages montrent une hausse nette \
du trafic cycliste aux heures de pointe, surtout le matin.

Ce que disent les commerçants

Les avis restent partagés. Certains regrettent les places de stationnement perdues, \
d'autres voient passer plus de clients à pied.


Pour plus de détails, visitez notre site.

Source: Lien externe

Partager

Laisser un commentaire

Laisser un commentaire

Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *
"""

CAPTION = "Un cycliste traverse le pont de pierre au lever du jour."
HEADLINE = "Bordeaux : le vélo gagne du terrain sur la rive droite"
FIRST = (
    "Depuis avril, la métropole a élargi quatre axes. Les comptages montrent une hausse "
    "nette du trafic cycliste aux heures de pointe, surtout le matin."
)
SECOND = (
    "Les avis restent partagés. Certains regrettent les places de stationnement perdues, "
    "d'autres voient passer plus de clients à pied."
)
EXAMPLE_SECTIONS = [
    ("Des pistes plus larges depuis le printemps", [FIRST]),
    ("Ce que disent les commerçants", [SECOND]),
]
SOURCE_URL = "https://www.example.org/velo-rive-droite"


def body_lines(page) -> list[str]:
    return [part for heading, paragraphs in page.sections for part in [heading, *paragraphs]]


# --- The issue's example ------------------------------------------------------------------


def test_it_reads_the_example_of_the_issue():
    page = parse_pasted_text(EXAMPLE, source_url=SOURCE_URL)

    assert page.error is None
    assert page.caption == CAPTION
    assert page.category == "Société"
    assert page.headline == HEADLINE
    assert page.sections == EXAMPLE_SECTIONS
    assert page.sources == [SourceRef("Lien externe", SOURCE_URL)]


def test_it_drops_every_furniture_line_of_the_example():
    page = parse_pasted_text(EXAMPLE)

    assert [line.text for line in page.dropped] == [
        "Partager",
        "Partager",
        "Pinterest Hidden",
        "Pour plus de détails, visitez notre site.",
        "Partager",
        "Laisser un commentaire",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    ]
    assert {line.kind for line in page.dropped} == {"share", "read_more", "comments"}
    kept = " ".join(body_lines(page))
    for furniture in ("Partager", "Pinterest", "visitez notre site", "commentaire", "Source"):
        assert furniture not in kept


def test_the_source_has_no_link_without_a_source_url():
    assert parse_pasted_text(EXAMPLE).sources == [SourceRef("Lien externe")]


def test_windows_line_endings_and_extra_blank_lines_change_nothing():
    expected = parse_pasted_text(EXAMPLE)

    windows = parse_pasted_text(EXAMPLE.replace("\n", "\r\n"))
    airy = parse_pasted_text("\n\n\n" + EXAMPLE.replace("\n\n", "\n\n\n\n") + "\n\n  \n")

    assert windows == expected
    assert airy == expected


# --- Variants -----------------------------------------------------------------------------


def test_it_needs_neither_caption_nor_category():
    page = parse_pasted_text(
        "Grève à la SNCF : le trafic perturbé jusqu’à lundi\n\n"
        "La SNCF prévoit un train sur deux.\n\n"
        "Les syndicats appellent à poursuivre le mouvement.\n"
    )

    assert page.caption == "" and page.category == ""
    assert page.headline == "Grève à la SNCF : le trafic perturbé jusqu’à lundi"
    assert page.sections == [
        (
            None,
            [
                "La SNCF prévoit un train sur deux.",
                "Les syndicats appellent à poursuivre le mouvement.",
            ],
        )
    ]


def test_a_section_holds_several_paragraphs():
    page = parse_pasted_text(
        "Le conseil municipal adopte son budget\n\n"
        "Un vote serré\n\n"
        "Le budget a été adopté par 28 voix contre 25.\n"
        "L’opposition a quitté la salle avant la fin.\n\n"
        "Le maire a salué « un budget de responsabilité ».\n\n"
        "Et maintenant\n\n"
        "Les travaux commenceront en septembre.\n"
        "Ils dureront deux ans.\n"
    )

    assert page.sections == [
        (
            "Un vote serré",
            [
                "Le budget a été adopté par 28 voix contre 25.",
                "L’opposition a quitté la salle avant la fin.",
                "Le maire a salué « un budget de responsabilité ».",
            ],
        ),
        ("Et maintenant", ["Les travaux commenceront en septembre.", "Ils dureront deux ans."]),
    ]


def test_headings_may_end_with_a_question_mark_or_a_colon():
    page = parse_pasted_text(
        "Faut-il fermer les quais aux voitures ?\n\n"
        "Le débat revient chaque été.\n\n"
        "Pourquoi maintenant ?\n\n"
        "La ville a publié une étude.\n\n"
        "Les chiffres clés :\n\n"
        "Le trafic a baissé de 12 % en un an.\n"
    )

    assert page.headline == "Faut-il fermer les quais aux voitures ?"
    assert page.sections == [
        (None, ["Le débat revient chaque été."]),
        ("Pourquoi maintenant ?", ["La ville a publié une étude."]),
        ("Les chiffres clés", ["Le trafic a baissé de 12 % en un an."]),
    ]


def test_a_headline_may_hold_guillemets():
    page = parse_pasted_text(
        "Une élue devant la mairie de Bordeaux.\n"
        "Politique\n\n"
        "« Nous ne reculerons pas » : la maire défend ses pistes cyclables\n\n"
        "La maire a répondu à ses opposants mardi soir.\n"
    )

    assert page.caption == "Une élue devant la mairie de Bordeaux."
    assert page.category == "Politique"
    assert page.headline == "« Nous ne reculerons pas » : la maire défend ses pistes cyclables"
    assert page.sections == [(None, ["La maire a répondu à ses opposants mardi soir."])]


def test_a_quoted_sentence_is_a_paragraph_but_a_quoted_title_is_a_heading():
    page = parse_pasted_text(
        "Entretien avec la maire\n\n"
        "« On ne reviendra pas en arrière »\n\n"
        "« Nous avons tenu nos promesses. »\n"
    )

    assert page.sections == [
        ("« On ne reviendra pas en arrière »", ["« Nous avons tenu nos promesses. »"])
    ]


def test_it_drops_english_furniture():
    page = parse_pasted_text(
        "A cyclist crosses the stone bridge at dawn.\n"
        "Society\n\n"
        "Bordeaux: cycling gains ground on the right bank\n\n"
        "Share\nTweet\nFacebook\nWhatsApp\nCopy link\n\n"
        "Wider lanes since spring\n\n"
        "Since April, the city has widened four roads.\n\n"
        "Advertisement\n\n"
        "Read more on our website\n"
        "Click here\n"
        "Subscribe to our newsletter\n\n"
        "Source: External link\n\n"
        "Leave a comment\n\n"
        "Your email address will not be published. Required fields are marked *\n\n"
        "Comment *\nName *\nEmail *\nWebsite\n\nPost comment\n"
    )

    assert page.caption == "A cyclist crosses the stone bridge at dawn."
    assert page.category == "Society"
    assert page.headline == "Bordeaux: cycling gains ground on the right bank"
    assert page.sections == [
        ("Wider lanes since spring", ["Since April, the city has widened four roads."])
    ]
    assert page.sources == [SourceRef("External link")]
    assert len(page.dropped) == 16
    assert {line.kind for line in page.dropped} == {
        "share",
        "ad",
        "read_more",
        "newsletter",
        "comments",
        "after_article",
    }


def test_it_drops_more_french_furniture():
    page = parse_pasted_text(
        "Le budget de la ville adopté\n\n"
        "Tweeter\nCopier le lien\nPartager sur Facebook\n"
        "Publicité\n"
        "Le vote a eu lieu mardi.\n"
        "Lire aussi : Le précédent budget avait été rejeté\n"
        "Inscrivez-vous à notre newsletter\n"
        "Temps de lecture : 3 min\n"
    )

    assert page.sections == [(None, ["Le vote a eu lieu mardi."])]
    assert {line.kind for line in page.dropped} == {
        "share",
        "ad",
        "read_more",
        "newsletter",
        "navigation",
    }


def test_nothing_after_the_comment_form_enters_the_article():
    page = parse_pasted_text(EXAMPLE + "\nJean Dupont\nTrès bon article, merci.\nRépondre\n")

    assert page.sections == EXAMPLE_SECTIONS
    assert "Très bon article, merci." in [line.text for line in page.dropped]


def test_the_caption_credit_is_kept_apart():
    page = parse_pasted_text(
        "Le pont de pierre au lever du jour. (Photo : Jeanne Martin / AFP)\n"
        "Société\n"
        "Bordeaux : le vélo gagne du terrain\n"
        "Texte.\n"
    )

    assert page.caption == "Le pont de pierre au lever du jour."
    assert page.credit == "Jeanne Martin / AFP"


def test_a_caption_without_full_stop_is_found_by_the_category_under_it():
    page = parse_pasted_text(
        "Le pont de pierre, à Bordeaux, le 3 mai 2024\n"
        "Société\n"
        "Bordeaux : le vélo gagne du terrain\n"
        "Texte.\n"
    )

    assert page.caption == "Le pont de pierre, à Bordeaux, le 3 mai 2024"
    assert page.headline == "Bordeaux : le vélo gagne du terrain"


def test_a_national_daily_page_with_its_own_furniture():
    page = parse_pasted_text(
        "Accueil > Planète > Climat\n"
        "Planète\n"
        "Sécheresse : les nappes au plus bas dans le Sud-Ouest\n"
        "Les niveaux relevés en mars sont inférieurs aux normales.\n"
        "Par Jeanne Martin et Paul Durand\n"
        "Publié le 12 mars 2024 à 10h05, mis à jour à 12h30\n"
        "Temps de Lecture 3 min.\n"
        "Offrir cet article\n"
        "Le lac de Caniel, le 3 mars 2024. PHILIPPE LOPEZ / AFP\n"
        "Lire aussi | Sécheresse : le gouvernement prépare des restrictions\n"
        "Que faire ?\n"
        "Le maire a déclaré :\n"
        "« Nous devons économiser l’eau. »\n"
        "Un autre lac, le 4 mars. (Photo : Jean Dupont)\n"
        "Sur le même sujet\n"
        "Les agriculteurs inquiets\n"
    )

    assert page.category == "Planète"
    assert page.headline == "Sécheresse : les nappes au plus bas dans le Sud-Ouest"
    assert page.byline == "Jeanne Martin et Paul Durand"
    assert page.caption == "Le lac de Caniel, le 3 mars 2024."
    assert page.credit == "PHILIPPE LOPEZ / AFP"
    assert page.sections == [
        (None, ["Les niveaux relevés en mars sont inférieurs aux normales."]),
        ("Que faire ?", ["Le maire a déclaré :", "« Nous devons économiser l’eau. »"]),
    ]
    assert [line.kind for line in page.dropped] == [
        "navigation",
        "date",
        "navigation",
        "navigation",
        "read_more",
        "caption",
        "related",
        "after_article",
    ]


def test_an_agency_signing_a_paragraph_is_not_a_photo_credit():
    page = parse_pasted_text("Un titre\nLe vote aura lieu lundi, a-t-il dit. AFP\n")

    assert page.caption == ""
    assert page.sections == [(None, ["Le vote aura lieu lundi, a-t-il dit. AFP"])]


def test_a_category_of_the_site_is_recognised_whatever_its_case_and_accents():
    page = parse_pasted_text(
        "VIE LOCALE\nLa fête des quais revient\nTexte.\n", category_names=["Vie locale"]
    )

    assert page.category == "Vie locale"
    assert page.headline == "La fête des quais revient"


def test_a_byline_is_recognised():
    page = parse_pasted_text("La fête des quais revient\nPar Jeanne Martin\nTexte.\n")

    assert page.byline == "Jeanne Martin"
    assert page.sections == [(None, ["Texte."])]


def test_a_hard_wrapped_paragraph_is_joined_again():
    page = parse_pasted_text(
        "La fête des quais revient\n\n"
        "La ville a confirmé mardi le retour de la fête des quais au mois de juin,\n"
        "après deux années d’interruption.\n"
    )

    assert page.sections == [
        (
            None,
            [
                "La ville a confirmé mardi le retour de la fête des quais au mois de juin, "
                "après deux années d’interruption."
            ],
        )
    ]


@pytest.mark.parametrize(
    ("line", "sources"),
    [
        ("Source : Insee", [SourceRef("Insee")]),
        ("Sources : Insee ; Météo-France", [SourceRef("Insee"), SourceRef("Météo-France")]),
        ("Sources : AFP, Reuters", [SourceRef("AFP"), SourceRef("Reuters")]),
        ("Avec AFP", [SourceRef("AFP")]),
        ("(avec l’AFP et Reuters)", [SourceRef("AFP"), SourceRef("Reuters")]),
        (
            "Source : Le rapport https://example.org/rapport.pdf",
            [SourceRef("Le rapport", "https://example.org/rapport.pdf")],
        ),
    ],
)
def test_source_lines(line, sources):
    page = parse_pasted_text(f"La fête des quais revient\nTexte.\n{line}\n")

    assert page.sources == sources
    assert page.sections == [(None, ["Texte."])]


def test_a_source_url_without_a_source_line_makes_a_source():
    page = parse_pasted_text("Un titre\nTexte.\n", source_url="https://example.org/a")

    assert page.sources == [SourceRef("example.org", "https://example.org/a")]


def test_an_empty_text_says_so():
    assert parse_pasted_text(" \n\r\n").error == "Le texte est vide."


def test_a_text_without_headline_says_so():
    page = parse_pasted_text("Une phrase.\nUne autre phrase.\nPartager\n")

    assert page.headline == ""
    assert page.error.startswith("Aucun titre reconnu")


def test_a_trailing_heading_without_text_is_dropped():
    page = parse_pasted_text("Un titre\nUne section\nTexte.\nNavigation\n")

    assert page.sections == [Section("Une section", ["Texte."])]
    assert page.dropped[-1].kind == "empty_heading"


# --- Making the article -------------------------------------------------------------------


@pytest.fixture
def societe(db) -> Category:
    Category.objects.create(name="Économie", slug="economie", position=0)
    return Category.objects.create(name="Société", slug="societe", position=1)


def test_it_creates_a_draft_from_the_example(societe):
    page = parse_pasted_text(EXAMPLE, source_url=SOURCE_URL)

    article = create_article(page)

    assert article.title == HEADLINE
    assert article.status == Article.Status.DRAFT
    assert article.category == societe
    assert article.slug == "bordeaux-le-velo-gagne-du-terrain-sur-la-rive-droite"
    assert article.body == (
        "<p><em>Légende de la photo, à reporter sur l’image : " + CAPTION + "</em></p>"
        "<h2>Des pistes plus larges depuis le printemps</h2><p>" + FIRST + "</p>"
        "<h2>Ce que disent les commerçants</h2><p>" + SECOND + "</p>"
    )
    assert [(s.label, s.url) for s in article.sources.all()] == [("Lien externe", SOURCE_URL)]
    assert article.import_ref.startswith("text:")


def test_text_that_looks_like_html_stays_text(societe):
    page = parse_pasted_text("Un titre <b>gras</b>\n<script>alert(1)</script> & co.\n")

    article = create_article(page)

    assert article.title == "Un titre <b>gras</b>"
    assert article.body == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co.</p>"


def test_the_chosen_category_wins_over_the_text(societe):
    economie = Category.objects.get(slug="economie")

    article = create_article(parse_pasted_text(EXAMPLE), category=economie)

    assert article.category == economie


def test_an_unknown_category_falls_back_to_the_first_of_the_site(societe):
    article = create_article(parse_pasted_text("Sport\nLe club gagne\nTexte.\n"))

    assert article.category.slug == "economie"


def test_publishing_leaves_the_caption_note_out(societe):
    article = create_article(parse_pasted_text(EXAMPLE), publish=True)

    assert article.status == Article.Status.PUBLISHED and article.is_public
    assert CAPTION not in article.body


def test_a_known_author_signs_the_article(societe):
    author = Author.objects.create(name="Jeanne Martin", slug="jeanne-martin")

    article = create_article(parse_pasted_text("Un titre\nPar Jeanne MARTIN\nTexte.\n"))

    assert list(article.authors.all()) == [author]


def test_the_same_text_is_not_imported_twice(societe):
    first = create_article(parse_pasted_text(EXAMPLE))

    with pytest.raises(AlreadyImported) as raised:
        create_article(parse_pasted_text(EXAMPLE.replace("Partager\n", "")))

    assert raised.value.article == first
    assert Article.objects.count() == 1


# --- The command --------------------------------------------------------------------------


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_text", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_says_what_it_recognised(societe, example_file):
    output = run(example_file, "--source-url", SOURCE_URL)

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert f"Légende : {CAPTION}" in output
    assert "Rubrique : Société" in output
    assert f"Titre : {HEADLINE}" in output
    assert "Sections (2) :" in output
    assert "  – Des pistes plus larges depuis le printemps — 1 paragraphe" in output
    assert "  – Ce que disent les commerçants — 1 paragraphe" in output
    assert f"Sources : Lien externe — {SOURCE_URL}" in output
    assert "Lignes écartées (8) :" in output
    assert "  – « Pinterest Hidden » (partage)" in output
    assert f"Article créé en brouillon : « {HEADLINE} », rubrique Société." in output
    assert f"/redaction/articles/article/{article.pk}/change/" in output


def test_the_command_publishes_in_the_category_asked(societe, example_file):
    output = run(example_file, "--publish", "--category", "economie")

    article = Article.objects.get()
    assert article.is_public and article.category.slug == "economie"
    assert "Article publié" in output


def test_the_command_dry_run_creates_nothing(societe, example_file):
    output = run(example_file, "--dry-run")

    assert "Titre : " + HEADLINE in output
    assert not Article.objects.exists()


def test_the_command_reads_windows_1252_files(societe, tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(EXAMPLE.replace("\n", "\r\n").encode("cp1252"))

    run(path)

    assert Article.objects.get().title == HEADLINE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "est vide"),
        ("  \n\n", "est vide"),
        ("Une phrase.\nUne autre.\n", "Aucun titre reconnu"),
        (b"\x00\x01binary", "n’est pas un fichier texte"),
    ],
)
def test_the_command_refuses_what_it_cannot_use(societe, tmp_path, content, message):
    path = tmp_path / "page.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        run(path)
    assert not Article.objects.exists()


def test_the_command_refuses_a_missing_file_an_unknown_category_and_a_bad_url(
    societe, tmp_path, example_file
):
    with pytest.raises(CommandError, match="Impossible de lire"):
        run(tmp_path / "absent.txt")
    with pytest.raises(CommandError, match="Aucune rubrique n’a l’adresse « sport »"):
        run(example_file, "--category", "sport")
    with pytest.raises(CommandError, match="n’est pas une adresse web valable"):
        run(example_file, "--source-url", "pas une adresse")


def test_the_command_exits_non_zero_with_a_french_message(societe, tmp_path, capsys):
    path = tmp_path / "page.txt"
    path.write_text("", encoding="utf-8")

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_text", str(path)])

    assert exit_.value.code == 1
    assert "Le fichier « " in capsys.readouterr().err


def test_the_command_refuses_a_text_already_imported(societe, example_file):
    run(example_file)

    with pytest.raises(CommandError, match="déjà été importé"):
        run(example_file)
    assert Article.objects.count() == 1
