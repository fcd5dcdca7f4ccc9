"""A generator of French news articles for the search benchmark: words, templates, lengths.

Each article belongs to a section and keeps to a few words of its own, drawn from the
section's vocabulary and a shared newsroom one: a few subjects, verbs, places and
people, as a real story does. So a topical word is frequent in the articles that use it
and absent from most others, and its share of the corpus is realistic rather than total.
Within a list, earlier entries are drawn more often (a Zipf-like law). Deterministic
for a given seed.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
from dataclasses import dataclass

# Word lists read better packed than one per line.
# fmt: off
SECTIONS: dict[str, tuple[str, list[str]]] = {
    "politique": (
        "Politique",
        [
            "le gouvernement", "le président de la République", "la Première ministre",
            "l’Assemblée nationale", "le Sénat", "l’Élysée", "les députés", "l’opposition",
            "la majorité", "le projet de loi", "la réforme des retraites", "les élections",
            "l’élection présidentielle", "le scrutin", "les électeurs", "le Conseil d’État",
            "le Conseil constitutionnel", "la motion de censure", "le remaniement",
            "le ministre de l’Intérieur", "la ministre de la Justice", "les sénateurs", "le parti",
            "la campagne électorale", "les sondages", "le premier tour", "le second tour",
            "la coalition", "le budget de l’État", "l’amendement", "la commission des lois",
            "le Premier ministre", "les maires", "la décentralisation",
            "les élections municipales", "les élections européennes", "la proportionnelle",
            "le référendum", "la dissolution", "le porte-parole du gouvernement",
        ],
    ),
    "international": (
        "International",
        [
            "l’Ukraine", "la Russie", "Kyiv", "Moscou", "l’Union européenne", "Bruxelles",
            "l’Otan", "les États-Unis", "Washington", "la Chine", "Pékin", "le Proche-Orient",
            "Gaza", "Israël", "le Liban", "l’Iran", "l’Allemagne", "Berlin", "le Royaume-Uni",
            "Londres", "l’Italie", "l’Espagne", "le Sahel", "le Mali", "l’Algérie", "le Maroc",
            "les Nations unies", "le Conseil de sécurité", "les négociations de paix",
            "le cessez-le-feu", "les sanctions", "la diplomatie", "l’ambassadeur", "les réfugiés",
            "la frontière", "le sommet du G7", "le Brésil", "l’Inde", "le Japon", "la Turquie",
        ],
    ),
    "economie": (
        "Économie",
        [
            "l’inflation", "la croissance", "le chômage", "les entreprises", "la Bourse",
            "le CAC 40", "la Banque centrale européenne", "les taux d’intérêt",
            "le pouvoir d’achat", "les salaires", "le prix de l’énergie", "l’électricité",
            "le gaz", "le pétrole", "les carburants", "la dette publique", "le déficit",
            "les impôts", "la TVA", "l’industrie", "les usines", "les exportations",
            "le commerce extérieur", "les syndicats", "le patronat", "les négociations salariales",
            "la grève", "les PME", "les start-up", "l’intelligence artificielle",
            "le secteur bancaire", "l’immobilier", "les loyers", "le marché du travail", "l’Insee",
            "les retraites", "la SNCF", "EDF", "les agriculteurs", "la filière automobile",
        ],
    ),
    "societe": (
        "Société",
        [
            "l’hôpital", "les urgences", "les soignants", "l’école", "les enseignants",
            "les élèves", "le baccalauréat", "l’université", "les étudiants", "la police",
            "la gendarmerie", "la justice", "le procès", "le tribunal", "les associations",
            "le logement", "les sans-abri", "la sécurité routière", "les transports", "le métro",
            "les familles", "les retraités", "la santé mentale", "la vaccination", "l’épidémie",
            "les médecins", "les pharmacies", "la laïcité", "l’immigration",
            "les quartiers populaires", "la prison", "les violences conjugales",
            "l’égalité salariale", "les jeunes", "le handicap", "la petite enfance", "la natalité",
            "les crèches", "le harcèlement scolaire", "les urgences pédiatriques",
        ],
    ),
    "culture": (
        "Culture",
        [
            "le festival", "le cinéma", "le film", "la réalisatrice", "le réalisateur",
            "l’exposition", "le musée", "le Louvre", "le théâtre", "la pièce", "l’opéra",
            "le concert", "l’album", "la chanteuse", "le rappeur", "le roman", "l’écrivain",
            "la rentrée littéraire", "le prix Goncourt", "la bande dessinée", "la série",
            "les plateformes de streaming", "le patrimoine", "la cathédrale", "les archives",
            "la photographie", "la danse", "le Festival de Cannes", "Avignon", "les César",
            "le jeu vidéo", "la librairie", "les éditeurs", "le spectacle vivant",
            "la Philharmonie", "la restauration", "le mécénat", "la création", "le public",
            "les intermittents",
        ],
    ),
    "sport": (
        "Sport",
        [
            "le football", "l’équipe de France", "les Bleus", "la Coupe du monde",
            "la Ligue des champions", "le PSG", "l’Olympique de Marseille", "le rugby",
            "le Tournoi des six nations", "le Tour de France", "le cyclisme", "le tennis",
            "Roland-Garros", "les Jeux olympiques", "les Jeux paralympiques", "l’athlétisme",
            "la natation", "le handball", "le basket", "le sélectionneur", "l’entraîneur",
            "le championnat", "la finale", "la demi-finale", "le match", "le stade",
            "les supporteurs", "le transfert", "la médaille d’or", "le record du monde",
            "le marathon", "le ski", "la voile", "le Vendée Globe", "le judo", "la Ligue 1",
            "l’arbitre", "le dopage", "le maillot jaune", "les clubs amateurs",
        ],
    ),
    "sciences": (
        "Sciences",
        [
            "les chercheurs", "l’étude", "la revue Nature", "le CNRS", "l’Inserm",
            "l’intelligence artificielle", "les algorithmes", "les données", "le satellite",
            "la fusée", "l’espace", "la Lune", "Mars", "le télescope", "les exoplanètes",
            "le génome", "les cellules", "le vaccin", "le cancer", "la maladie", "le cerveau",
            "les neurones", "la physique", "les particules", "le Cern", "la génétique",
            "les fossiles", "les dinosaures", "l’archéologie", "les fouilles", "l’océan",
            "la biodiversité", "les insectes", "les ordinateurs quantiques",
            "les semi-conducteurs", "la robotique", "la cybersécurité", "les réseaux sociaux",
            "la recherche publique", "le laboratoire",
        ],
    ),
    "environnement": (
        "Environnement",
        [
            "le climat", "le réchauffement climatique", "la sécheresse", "les canicules",
            "les inondations", "les incendies", "les forêts", "l’eau", "les nappes phréatiques",
            "les glaciers", "la pollution", "la qualité de l’air", "les pesticides",
            "l’agriculture biologique", "les énergies renouvelables", "l’éolien", "le solaire",
            "le nucléaire", "les centrales", "la transition énergétique", "les émissions de CO2",
            "la neutralité carbone", "la COP", "le GIEC", "la biodiversité",
            "les espèces menacées", "les abeilles", "les océans", "le plastique", "le recyclage",
            "les déchets", "la voiture électrique", "les mobilités douces", "le vélo",
            "les tempêtes", "le littoral", "l’érosion", "les zones humides",
            "la rénovation thermique", "le bilan carbone",
        ],
    ),
}
SHARED = [
    "le projet", "la décision", "les habitants", "le rapport", "la situation", "les chiffres",
    "le débat", "la question", "les experts", "le texte", "la mesure", "le plan", "les autorités",
    "le ministère", "la région", "la ville", "le département", "le pays", "la population",
    "les citoyens", "le secteur", "les acteurs", "le dispositif", "la crise", "les conséquences",
    "le financement", "les moyens", "le calendrier", "la stratégie", "le bilan", "l’enquête",
    "l’annonce", "la polémique", "le rendez-vous", "l’accord", "les discussions",
    "le document", "la conférence de presse", "le communiqué", "les responsables", "la direction",
    "les salariés", "le public", "l’avenir", "les règles", "la loi", "le contrôle", "la sécurité",
    "la transparence", "les critiques", "la colère", "l’inquiétude", "les attentes", "le soutien",
    "l’objectif", "le délai", "le coût", "la hausse", "la baisse", "le record", "la tendance",
    "les difficultés", "les propositions", "la consultation", "le vote", "la négociation",
]
VERBS = [
    "a annoncé", "annonce", "a présenté", "présente", "défend", "critique", "dénonce", "propose",
    "prépare", "réclame", "confirme", "estime", "rejette", "soutient", "conteste", "lance",
    "suspend", "relance", "examine", "examinera", "a adopté", "adopte", "menace", "salue",
    "redoute", "promet", "a dévoilé", "accélère", "freine", "remet en cause",
    "finance", "réforme", "publie", "a publié", "détaille", "discute", "envisage", "refuse",
    "accepte", "organise", "surveille", "évalue", "alerte sur", "s’inquiète de", "se félicite de",
    "s’oppose à", "mise sur", "renonce à", "travaille sur", "revient sur", "s’attaque à",
    "compte sur", "négocie", "négociait",
]
ADJECTIVES = [
    "important", "majeur", "historique", "inédit", "national", "européen", "budgétaire", "social",
    "économique", "climatique", "local", "régional", "politique", "nouveau", "difficile",
    "ambitieux", "controversé", "attendu", "décisif", "fragile", "massif", "durable", "public",
    "privé", "international", "numérique", "sanitaire", "juridique", "technique", "financier",
    "urgent", "progressif", "exceptionnel", "symbolique",
]
PLACES = [
    "à Paris", "à Marseille", "à Lyon", "à Toulouse", "à Lille", "à Bordeaux", "à Nantes",
    "à Strasbourg", "à Rennes", "à Montpellier", "à Nice", "à Grenoble", "à Dijon", "à Brest",
    "à Reims", "au Havre", "à Saint-Étienne", "à Toulon", "à Angers", "à Nîmes",
    "à Clermont-Ferrand",
    "à Limoges", "à Tours", "à Amiens", "à Metz", "à Besançon", "à Perpignan", "à Orléans",
    "à Caen", "à Rouen", "à Mulhouse", "à Nancy", "à Avignon", "à Poitiers", "à Pau",
    "à La Rochelle", "à Calais", "à Ajaccio", "à Bastia", "à Cayenne", "à Fort-de-France",
    "à Pointe-à-Pitre", "à Saint-Denis", "en Bretagne", "en Normandie", "en Occitanie",
    "en Alsace", "en Provence", "en Auvergne", "en Savoie", "dans les Hauts-de-France",
    "en Île-de-France", "en Corse", "en Guadeloupe", "en Martinique", "à La Réunion",
    "à Mayotte", "en Guyane", "en Nouvelle-Calédonie", "dans le Grand Est", "dans les Landes",
    "dans le Var", "dans le Nord", "en Seine-Saint-Denis", "dans le Finistère", "en Gironde",
    "à Bruxelles", "à Genève", "à Berlin", "à Madrid", "à Rome", "à Londres", "à New York",
]
CIRCUMSTANCES = [
    "avant l’été", "d’ici à la fin de l’année", "depuis lundi", "cette semaine",
    "la semaine prochaine", "dès janvier", "en début d’année", "au printemps", "à l’automne",
    "selon l’Insee", "selon un sondage", "selon nos informations", "au Sénat",
    "à l’Assemblée nationale", "devant la presse", "sur les réseaux sociaux",
    "malgré les critiques", "sans attendre", "pour la première fois", "depuis des mois",
    "après des semaines de tension", "dans un contexte tendu", "face à la crise",
    "au grand dam de l’opposition", "jusqu’à nouvel ordre", "lors d’un déplacement",
    "dans la nuit de mardi à mercredi", "en fin de journée", "mardi soir", "jeudi matin",
    "d’ici à 2030", "depuis la rentrée", "à la surprise générale", "sous conditions",
]
FIRST_NAMES = [
    "Claire", "Thomas", "Sophie", "Nicolas", "Julie", "Antoine", "Camille", "Julien", "Marie",
    "Pierre", "Léa", "Hugo", "Emma", "Louis", "Chloé", "Lucas", "Inès", "Karim", "Sarah", "Mehdi",
    "Amélie", "Yann", "Nadia", "Olivier", "Isabelle", "François", "Hélène", "Benoît", "Aurélie",
    "Rachid", "Élodie", "Mathieu", "Fatou", "Grégoire", "Anne", "Laurent", "Céline", "Jérôme",
    "Lina", "Samuel",
]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel",
    "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
    "Vincent", "Muller", "Leroy", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer",
    "Chevalier", "Robin", "Benali", "Nguyen", "Diallo", "Kaci", "Perrin", "Morel", "Gauthier",
    "Masson", "Marchand", "Duval", "Lemoine",
]
ROLES = [
    "porte-parole du ministère", "économiste", "députée", "sénateur", "maire",
    "secrétaire général du syndicat", "chercheuse au CNRS", "avocat", "médecin urgentiste",
    "présidente de l’association", "directeur de l’institut", "professeure d’université",
    "élue locale", "analyste", "responsable régional", "entraîneur", "commissaire",
]
TAGS = {
    "politique": [
        "Élections", "Réforme des retraites", "Assemblée nationale", "Gouvernement", "Élysée",
        "Sénat", "Budget",
    ],
    "international": [
        "Ukraine", "Union européenne", "Proche-Orient", "Chine", "États-Unis", "Diplomatie",
        "Otan",
    ],
    "economie": [
        "Inflation", "Énergie", "Emploi", "Industrie", "Pouvoir d’achat", "Grève",
        "Intelligence artificielle",
    ],
    "societe": [
        "Santé", "Éducation", "Justice", "Logement", "Hôpital", "Transports", "Sécurité",
    ],
    "culture": [
        "Cinéma", "Musique", "Littérature", "Théâtre", "Festivals", "Patrimoine", "Séries",
    ],
    "sport": [
        "Football", "Rugby", "Cyclisme", "Tennis", "Jeux olympiques", "Athlétisme",
        "Coupe du monde",
    ],
    "sciences": [
        "Espace", "Recherche", "Médecine", "Numérique", "Archéologie", "Physique", "Génétique",
    ],
    "environnement": [
        "Climat", "Sécheresse", "Biodiversité", "Énergies renouvelables", "Pollution", "Eau",
        "Océans",
    ],
}
ARTICLE_TYPES = [
    ("news", 70), ("analysis", 10), ("opinion", 7), ("investigation", 4), ("interview", 5),
    ("wire", 4),
]
HEADINGS = [
    "Un calendrier serré", "Des réactions contrastées", "Ce qui change", "Les chiffres clés",
    "Une longue bataille", "Ce que dit le texte", "Les questions en suspens", "Et maintenant ?",
    "Sur le terrain", "Un précédent", "Des moyens en question", "La suite",
]
# fmt: on


class Pool:
    """Draws from a list, earlier items more often (weight 1 / rank^0.8)."""

    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(items)))
        )

    def pick(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sample(self, rng: random.Random, count: int) -> list[str]:
        """`count` different items, drawn by the same law."""
        chosen: dict[str, None] = {}
        while len(chosen) < min(count, len(self.items)):
            chosen[self.pick(rng)] = None
        return list(chosen)


SHARED_POOL, VERB_POOL, ADJECTIVE_POOL = Pool(SHARED), Pool(VERBS), Pool(ADJECTIVES)
PLACE_POOL, CIRCUMSTANCE_POOL = Pool(PLACES), Pool(CIRCUMSTANCES)
SECTION_POOLS = {slug: Pool(nouns) for slug, (_, nouns) in SECTIONS.items()}


@dataclass
class GeneratedArticle:
    section: str
    title: str
    standfirst: str
    body: str  # HTML
    article_type: str
    tags: list[str]


@dataclass
class Vocabulary:
    """The words of one article: a story keeps to a few subjects, places and people, so a
    word is frequent inside the articles that use it and absent from most others."""

    nouns: list[str]
    verbs: list[str]
    adjectives: list[str]
    complements: list[str]
    people: list[str]


class Writer:
    """Writes articles one after another from a seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _vocabulary(self, section: str) -> Vocabulary:
        rng = self.rng
        people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(3)]
        return Vocabulary(
            nouns=SECTION_POOLS[section].sample(rng, 10) + SHARED_POOL.sample(rng, 8),
            verbs=VERB_POOL.sample(rng, 14),
            adjectives=ADJECTIVE_POOL.sample(rng, 8),
            complements=PLACE_POOL.sample(rng, 2) + CIRCUMSTANCE_POOL.sample(rng, 6),
            people=people,
        )

    def sentence(self, words: Vocabulary) -> str:
        choice, kind = self.rng.choice, self.rng.random()
        subject = choice(words.nouns)
        clause = f"{subject} {choice(words.verbs)} {choice(words.nouns)}"
        if kind < 0.35:
            text = f"{clause} {choice(words.adjectives)} {choice(words.complements)}"
        elif kind < 0.55:
            second = f"{choice(words.verbs)} {choice(words.nouns)}"
            text = f"{clause} et {second} {choice(words.complements)}"
        elif kind < 0.7:
            quote = f"{choice(words.nouns)} {choice(words.verbs)} {choice(words.nouns)}"
            speaker = f"{choice(words.people)}, {choice(ROLES)}"
            return f"« {quote[0].upper()}{quote[1:]} », a déclaré {speaker}."
        elif kind < 0.82:
            number = choice(
                [
                    f"{self.rng.randint(2, 95)} %",
                    f"{self.rng.randint(2, 900)} millions d’euros",
                    f"{self.rng.randint(2, 40)} 000 personnes",
                ]
            )
            text = f"{clause}, qui concerne {number} {choice(words.complements)}"
        else:
            text = (
                f"{choice(words.complements)}, {subject} {choice(words.verbs)} "
                f"{choice(words.nouns)} {choice(words.adjectives)}"
            )
        return f"{text[0].upper()}{text[1:]}."

    def _words(self, words: Vocabulary, low: int, high: int) -> str:
        """Sentences until the length drawn between low and high words is reached."""
        target = self.rng.randint(low, high)
        collected: list[str] = []
        while len(collected) < target:
            collected += self.sentence(words).split()
        text = " ".join(collected[:target])
        return text if text.endswith(".") else text.rstrip(",;:") + "."

    def article(self) -> GeneratedArticle:
        rng = self.rng
        section = rng.choice(list(SECTIONS))
        words = self._vocabulary(section)
        title = self._words(words, 8, 14).rstrip(".")
        standfirst = self._words(words, 25, 40)
        paragraphs, count = [], 0
        target = rng.randint(400, 900)
        while count < target:
            if paragraphs and rng.random() < 0.15:
                paragraphs.append(f"<h2>{rng.choice(HEADINGS)}</h2>")
            sentences = " ".join(self.sentence(words) for _ in range(rng.randint(3, 6)))
            kept = sentences.split()[: target - count]  # the last paragraph stops at the length
            text = " ".join(kept).rstrip(",;:.") + "."
            if rng.random() < 0.2:
                first, _, rest = text.partition(" ")
                text = f"<strong>{first}</strong> {rest}"
            paragraphs.append(f"<p>{text}</p>")
            count += len(kept)
        article_type = rng.choices(*zip(*ARTICLE_TYPES, strict=True))[0]
        tags = rng.sample(TAGS[section], rng.randint(1, 3))
        return GeneratedArticle(section, title, standfirst, "".join(paragraphs), article_type, tags)

    def author_names(self, count: int) -> list[str]:
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        return self.rng.sample(names, count)


def publication(
    rng: random.Random, now: datetime.datetime, newest: int
) -> tuple[str, datetime.datetime | None]:
    """A generated article's status and time: 2 % drafts, 1 % scheduled within a month,
    the rest published between `newest` seconds and five years ago."""
    roll = rng.random()
    if roll < 0.02:
        return "draft", None
    if roll < 0.03:
        return "scheduled", now + datetime.timedelta(seconds=rng.randint(3600, 30 * 86400))
    return "published", now - datetime.timedelta(seconds=rng.randint(newest, 5 * 365 * 86400))


def store_articles(
    writer: Writer,
    rng: random.Random,
    now: datetime.datetime,
    numbers: range,
    *,
    newest: int,
    category_ids: dict[str, int],
    tag_ids: dict[str, int],
    author_ids: list[int],
    fallback_category: int | None = None,
) -> list:
    """Generate the articles numbered `numbers` and bulk-insert them with their topics
    and one or two bylines, in one transaction; returns the stored rows. bulk_create
    sends no model signal: the caller indexes them."""
    from django.db import transaction
    from django.utils import timezone

    from manchette.articles.models import Article, Byline
    from manchette.lib.slugs import slugify_fr

    generated, batch = [], []
    for number in numbers:
        item = writer.article()
        status, published_at = publication(rng, now, newest=newest)
        generated.append(item)
        batch.append(
            Article(
                title=item.title,
                slug=f"{slugify_fr(item.title)[:80]}-{number}",
                standfirst=item.standfirst,
                body=item.body,
                body_html=item.body,  # typography is for pages; search reads `body`
                category_id=category_ids.get(item.section, fallback_category),
                article_type=item.article_type,
                status=status,
                published_at=published_at,
                pub_date=timezone.localdate(published_at) if published_at else None,
            )
        )
    with transaction.atomic():
        Article.objects.bulk_create(batch)
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=article.pk, tag_id=tag_ids[name])
            for article, item in zip(batch, generated, strict=True)
            for name in item.tags
        )
        Byline.objects.bulk_create(
            Byline(article_id=article.pk, author_id=author, position=position)
            for article in batch
            for position, author in enumerate(rng.sample(author_ids, rng.choice((1, 1, 1, 2))))
        )
    return batch
