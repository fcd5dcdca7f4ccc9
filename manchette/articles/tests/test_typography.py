"""Tests for French typographic spacing applied to article HTML on output."""

import pytest

from manchette.articles.templatetags.news import typo
from manchette.lib.typography import NBSP, NNBSP, french_typography

# --- Narrow no-break space before high punctuation -------------------------------------


def test_it_turns_the_space_before_a_colon_into_a_narrow_no_break_space() -> None:
    assert french_typography("Élysée : l'été") == f"Élysée{NNBSP}: l'été"


def test_it_turns_a_no_break_space_before_a_colon_into_a_narrow_one() -> None:
    assert french_typography("Élysée\u00a0: l'été") == f"Élysée{NNBSP}: l'été"


def test_it_turns_an_nbsp_entity_before_a_colon_into_a_narrow_no_break_space() -> None:
    assert french_typography("Élysée&nbsp;: l'été") == f"Élysée{NNBSP}: l'été"


def test_it_never_inserts_a_space_before_a_colon_in_a_time() -> None:
    assert french_typography("Rendez-vous à 18:05.") == "Rendez-vous à 18:05."


def test_it_never_inserts_a_space_before_a_colon_in_a_ratio() -> None:
    assert french_typography("Une victoire 3:1 à domicile") == "Une victoire 3:1 à domicile"


def test_it_never_inserts_a_space_before_a_colon_glued_to_a_word() -> None:
    assert french_typography("Note:voir plus bas") == "Note:voir plus bas"


def test_it_turns_the_space_before_a_semicolon_into_a_narrow_no_break_space() -> None:
    assert french_typography("Il pleut ; il vente") == f"Il pleut{NNBSP}; il vente"


def test_it_inserts_a_missing_space_before_a_semicolon() -> None:
    assert french_typography("Il pleut; il vente") == f"Il pleut{NNBSP}; il vente"


def test_it_turns_the_space_before_an_exclamation_mark_into_a_narrow_one() -> None:
    assert french_typography("Vraiment !") == f"Vraiment{NNBSP}!"


def test_it_inserts_a_missing_space_before_an_exclamation_mark() -> None:
    assert french_typography("Vraiment!") == f"Vraiment{NNBSP}!"


def test_it_inserts_a_missing_space_before_a_question_mark() -> None:
    assert french_typography("Pourquoi?") == f"Pourquoi{NNBSP}?"


def test_it_inserts_a_missing_space_after_a_digit() -> None:
    assert french_typography("Il a eu 20!") == f"Il a eu 20{NNBSP}!"


def test_it_inserts_a_missing_space_after_a_closing_bracket() -> None:
    assert french_typography("(vraiment)?") == f"(vraiment){NNBSP}?"


def test_it_inserts_a_missing_space_after_a_closing_quote() -> None:
    assert french_typography("Il a dit “non”!") == f"Il a dit “non”{NNBSP}!"


def test_it_keeps_an_exclamation_and_question_mark_together_after_one_space() -> None:
    assert french_typography("Quoi!?") == f"Quoi{NNBSP}!?"


def test_it_keeps_a_question_and_exclamation_mark_together_after_one_space() -> None:
    assert french_typography("Quoi ?!") == f"Quoi{NNBSP}?!"


def test_it_collapses_several_spaces_before_punctuation_into_one() -> None:
    assert french_typography("Quoi   ?") == f"Quoi{NNBSP}?"


def test_it_never_doubles_an_existing_narrow_no_break_space() -> None:
    assert french_typography(f"Quoi{NNBSP}?") == f"Quoi{NNBSP}?"


def test_it_keeps_an_existing_narrow_no_break_space_written_as_an_entity() -> None:
    assert french_typography("Quoi&#8239;?") == "Quoi&#8239;?"


def test_it_leaves_punctuation_glued_to_a_following_word_alone() -> None:
    assert french_typography("a;b et page.php?id=3") == "a;b et page.php?id=3"


def test_it_leaves_a_space_opening_a_paragraph_alone() -> None:
    assert french_typography("<p> !</p>") == "<p> !</p>"


# --- Guillemets -------------------------------------------------------------------------


def test_it_inserts_narrow_spaces_inside_guillemets() -> None:
    assert french_typography("«oui»") == f"«{NNBSP}oui{NNBSP}»"


def test_it_turns_spaces_inside_guillemets_into_narrow_no_break_spaces() -> None:
    assert french_typography("« oui »") == f"«{NNBSP}oui{NNBSP}»"


def test_it_spaces_guillemets_written_as_entities() -> None:
    assert french_typography("&laquo;&nbsp;oui&nbsp;&raquo;") == f"&laquo;{NNBSP}oui{NNBSP}&raquo;"


def test_it_spaces_guillemets_around_inline_markup() -> None:
    assert french_typography("«<em>oui</em>»") == f"«{NNBSP}<em>oui</em>{NNBSP}»"


def test_it_spaces_punctuation_right_after_a_closing_guillemet() -> None:
    assert french_typography("« oui »!") == f"«{NNBSP}oui{NNBSP}»{NNBSP}!"


def test_it_leaves_empty_guillemets_alone() -> None:
    assert french_typography("«»") == "«»"


# --- Entities -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "R&amp;D",
        "Tom &amp; Jerry",
        "caf&eacute; cr&egrave;me",
        "&#233;t&#233;",
        "&#xE9;t&#xE9;",
        "&lt;b&gt;",
    ],
)
def test_it_never_treats_the_semicolon_ending_an_entity_as_punctuation(text: str) -> None:
    assert french_typography(text) == text


def test_it_spaces_punctuation_after_an_entity_without_breaking_it() -> None:
    assert french_typography("Vive la R&amp;D!") == f"Vive la R&amp;D{NNBSP}!"


def test_it_replaces_an_nbsp_entity_before_punctuation_after_an_entity() -> None:
    assert french_typography("Un caf&eacute;&nbsp;?") == f"Un caf&eacute;{NNBSP}?"


def test_it_leaves_an_unknown_entity_intact() -> None:
    assert french_typography("&madeup; ok") == "&madeup; ok"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Écrivez &amp; pour une esperluette", "Écrivez &amp;amp; pour une esperluette"),
        ("Le code &#38; ou &nbsp; ici", "Le code &amp;#38; ou &amp;nbsp; ici"),
        ("L’entité &#x26; fin", "L’entité &amp;#x26; fin"),
    ],
)
def test_an_entity_written_out_as_text_keeps_its_semicolon(typed: str, shown: str) -> None:
    # A title about HTML, or one an import left with an entity: escaped for the page, its
    # "&amp;" reads "&amp;" and must not become "&amp ;".
    assert typo(typed) == shown


def test_a_word_that_only_looks_like_an_entity_still_gets_its_space() -> None:
    assert typo("La R&D; puis la suite") == f"La R&amp;D{NNBSP}; puis la suite"


def test_the_typo_filter_escapes_an_ampersand_once_and_leaves_it_alone() -> None:
    assert typo("AT&T ; Tom & Jerry !") == f"AT&amp;T{NNBSP}; Tom &amp; Jerry{NNBSP}!"


# --- No-break spaces with numbers ---------------------------------------------------------


def test_it_binds_a_day_to_its_month() -> None:
    assert french_typography("le 23 novembre") == f"le 23{NBSP}novembre"


def test_it_binds_the_first_of_the_month_to_its_month() -> None:
    assert french_typography("le 1er janvier") == f"le 1er{NBSP}janvier"


def test_it_binds_a_superscript_first_to_its_month() -> None:
    assert french_typography("le 1<sup>er</sup> mai") == f"le 1<sup>er</sup>{NBSP}mai"


@pytest.mark.parametrize(
    "month", ["février", "fevrier", "août", "aout", "décembre", "Mars", "JUILLET"]
)
def test_it_recognises_accented_unaccented_and_capitalised_months(month: str) -> None:
    assert french_typography(f"le 2 {month}") == f"le 2{NBSP}{month}"


def test_it_does_not_bind_a_number_to_a_word_that_is_not_a_month() -> None:
    assert french_typography("12 mois et 3 maisons") == "12 mois et 3 maisons"


def test_it_binds_hours_and_minutes_in_a_time() -> None:
    assert french_typography("à 18 h 05") == f"à 18{NBSP}h{NBSP}05"


def test_it_binds_a_number_to_h_in_a_time_without_minutes() -> None:
    assert french_typography("de 9 h à 18 h.") == f"de 9{NBSP}h à 18{NBSP}h."


def test_it_does_not_treat_a_word_starting_with_h_as_a_time() -> None:
    assert french_typography("3 habitants") == "3 habitants"


def test_it_binds_a_number_to_a_percent_sign_with_a_no_break_space() -> None:
    assert french_typography("12 %") == f"12{NBSP}%"


def test_it_binds_a_number_to_the_euro_sign_with_a_no_break_space() -> None:
    assert french_typography("12,50 €") == f"12,50{NBSP}€"


def test_it_binds_a_number_to_a_euro_entity() -> None:
    assert french_typography("12 &euro;") == f"12{NBSP}&euro;"


def test_it_does_not_insert_a_space_before_a_glued_percent_sign() -> None:
    assert french_typography("100%") == "100%"


# --- Markup is never changed --------------------------------------------------------------


def test_it_never_changes_attribute_values() -> None:
    fragment = '<a href="/x?a=1" title="Quoi ? Vraiment!">Quoi ?</a>'
    assert (
        french_typography(fragment) == f'<a href="/x?a=1" title="Quoi ? Vraiment!">Quoi{NNBSP}?</a>'
    )


def test_it_never_changes_a_quoted_attribute_value_containing_a_greater_than_sign() -> None:
    fragment = "<abbr title=\"a > b : c\" data-x='1 > 2 !'>x</abbr> : y"
    assert (
        french_typography(fragment)
        == f"<abbr title=\"a > b : c\" data-x='1 > 2 !'>x</abbr>{NNBSP}: y"
    )


def test_it_never_changes_an_image_alt_text() -> None:
    assert french_typography('<img alt="Le 23 novembre : drame !">') == (
        '<img alt="Le 23 novembre : drame !">'
    )


def test_it_never_changes_a_comment() -> None:
    assert french_typography("<!-- Note : rien ! -->") == "<!-- Note : rien ! -->"


def test_it_never_changes_an_unterminated_comment() -> None:
    assert french_typography("<!-- Note : rien !") == "<!-- Note : rien !"


@pytest.mark.parametrize("element", ["code", "pre", "kbd", "samp", "script", "style", "textarea"])
def test_it_never_changes_code_like_elements(element: str) -> None:
    fragment = f"<{element}>a : b; c! « d » 12 %</{element}>"
    assert french_typography(fragment) == fragment


def test_it_resumes_after_a_code_like_element_closes() -> None:
    assert french_typography("<kbd>a : b</kbd> et c : d") == f"<kbd>a : b</kbd> et c{NNBSP}: d"


def test_it_tracks_nested_code_like_elements() -> None:
    fragment = "<pre><code>a : b</code> c : d</pre> e : f"
    assert french_typography(fragment) == f"<pre><code>a : b</code> c : d</pre> e{NNBSP}: f"


def test_it_tracks_nesting_of_the_same_code_like_element() -> None:
    fragment = "<code>a<code>b : c</code> d : e</code> f : g"
    assert french_typography(fragment) == f"<code>a<code>b : c</code> d : e</code> f{NNBSP}: g"


def test_it_matches_code_like_elements_case_insensitively() -> None:
    assert french_typography("<PRE>a : b</PRE> c : d") == f"<PRE>a : b</PRE> c{NNBSP}: d"


def test_it_treats_script_content_as_raw_text() -> None:
    fragment = '<script>if (a<b) { x = "a : b"; }</script>'
    assert french_typography(fragment) == fragment


def test_it_leaves_everything_after_an_unclosed_code_element_alone() -> None:
    assert french_typography("<code>a : b") == "<code>a : b"


def test_it_spaces_punctuation_following_an_inline_code_element() -> None:
    assert french_typography("Tapez <code>ls</code> !") == f"Tapez <code>ls</code>{NNBSP}!"


def test_it_spaces_punctuation_across_inline_markup() -> None:
    assert french_typography("<em>Vraiment</em>!") == f"<em>Vraiment</em>{NNBSP}!"


def test_it_replaces_a_space_inside_inline_markup_before_punctuation() -> None:
    assert (
        french_typography("<strong>Élysée </strong>: l'été")
        == f"<strong>Élysée{NNBSP}</strong>: l'été"
    )


def test_it_does_not_carry_context_from_one_paragraph_to_the_next() -> None:
    assert french_typography("<p>Oui</p><p>!</p>") == "<p>Oui</p><p>!</p>"


# --- URLs and e-mail addresses are never changed --------------------------------------------


def test_it_never_changes_a_url_with_a_query_string() -> None:
    text = "Voir https://example.org/?a=1&amp;b=2;c=3 ou http://example.org:8080/x!y"
    assert french_typography(text) == text


def test_it_never_changes_a_www_address() -> None:
    assert french_typography("Sur www.example.org/x?y") == "Sur www.example.org/x?y"


def test_it_never_changes_a_domain_with_a_path() -> None:
    assert french_typography("Sur lemonde.fr/page?id=3") == "Sur lemonde.fr/page?id=3"


def test_it_never_changes_an_email_address() -> None:
    assert french_typography("Écrire à name@example.org") == "Écrire à name@example.org"


def test_it_never_changes_a_mailto_address() -> None:
    text = "Écrire à mailto:name@example.org?subject=Vous?body=Oui!merci"
    assert french_typography(text) == text


def test_it_still_spaces_punctuation_after_a_url() -> None:
    assert french_typography("Voir https://example.org/?a=1 !") == (
        f"Voir https://example.org/?a=1{NNBSP}!"
    )


def test_it_treats_a_question_mark_ending_a_url_as_sentence_punctuation() -> None:
    assert french_typography("Avez-vous lu https://example.org/faq?") == (
        f"Avez-vous lu https://example.org/faq{NNBSP}?"
    )


def test_it_keeps_a_balanced_closing_parenthesis_in_a_url() -> None:
    assert french_typography("https://fr.wikipedia.org/wiki/Paris_(ville)!") == (
        f"https://fr.wikipedia.org/wiki/Paris_(ville){NNBSP}!"
    )


# --- Whole fragments --------------------------------------------------------------------------


def test_it_returns_an_empty_string_unchanged() -> None:
    assert french_typography("") == ""


def test_it_handles_escaped_plain_text() -> None:
    assert french_typography("Tom &amp; Jerry : le retour!") == (
        f"Tom &amp; Jerry{NNBSP}: le retour{NNBSP}!"
    )


def test_it_handles_a_whole_article_fragment() -> None:
    fragment = (
        '<h2>Le 23 novembre : «oui»!</h2><p>À 18 h 05, <a href="https://x.org/?a=1">12 %</a>'
        " des votants ont dit non ; voir <code>a : b</code>.</p>"
    )
    assert french_typography(fragment) == (
        f"<h2>Le 23{NBSP}novembre{NNBSP}: «{NNBSP}oui{NNBSP}»{NNBSP}!</h2>"
        f'<p>À 18{NBSP}h{NBSP}05, <a href="https://x.org/?a=1">12{NBSP}%</a>'
        f" des votants ont dit non{NNBSP}; voir <code>a : b</code>.</p>"
    )


@pytest.mark.parametrize(
    "fragment",
    [
        "Élysée : l'été",
        "Vraiment!",
        "Quoi ?!",
        "«oui» « non »!",
        "&laquo;&nbsp;oui&nbsp;&raquo;",
        "le 1<sup>er</sup> janvier à 18 h 05, 12 % et 3 €",
        "<em>Vraiment </em>! <strong>«</strong>oui<strong>»</strong>",
        "Voir https://example.org/faq? ou name@example.org !",
        "<pre>a : b</pre> c : d <!-- e : f -->",
    ],
)
def test_it_is_idempotent(fragment: str) -> None:
    once = french_typography(fragment)
    assert french_typography(once) == once
