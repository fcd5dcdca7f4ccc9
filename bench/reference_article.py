"""The article page the HTTP benchmark measures: about 900 words of French news copy,
as the issue's reference figures were taken on a ~900-word article page. The demo
articles are shorter (700 words at most), so the benchmark adds this one."""

SLUG = "transports-regionaux-la-gratuite-des-bus-coutera-moins-cher-que-prevu"
CATEGORY = "economie"
TAGS = ["transports", "collectivites"]  # demo topics; created when missing
TITLE = (
    "Transports régionaux : la gratuité des bus coûtera moins cher que prévu, "
    "selon un rapport de la chambre régionale des comptes"
)
STANDFIRST = (
    "Un an après le passage à la gratuité des cars et des bus sur tout son réseau, la "
    "région a publié jeudi un premier bilan chiffré. La fréquentation a bondi de 38 %, "
    "et la facture pour les finances publiques reste, pour l’instant, en deçà des "
    "estimations les plus pessimistes."
)
# The lead image: demo artwork (manchette/images/demo_art.py) drawn from this seed.
IMAGE_SEED = 97
IMAGE_ALT = "Un car régional à l’arrêt devant une gare routière"
IMAGE_CAPTION = "À la gare routière, un an après le passage à la gratuité."
SOURCES = [
    ("Rapport d’observations définitives de la chambre régionale des comptes", ""),
    ("Délibération du conseil régional sur la tarification des transports", ""),
]

BODY = """
<p>C’était la promesse phare de la dernière campagne régionale, et l’une des plus
critiquées par l’opposition. Depuis le 1<sup>er</sup> septembre de l’an dernier, les
cars interurbains et les bus des douze agglomérations de la région sont gratuits pour
tous les usagers, sans condition de ressources ni d’âge. Le rapport rendu public jeudi
par la chambre régionale des comptes, que nous avons pu consulter, dresse un premier
bilan de la mesure. Il ne tranche pas le débat politique, mais il en corrige plusieurs
chiffres.</p>

<h2>Une fréquentation en forte hausse</h2>

<p>Sur les douze premiers mois, le réseau a transporté 41,6 millions de voyageurs,
contre 30,1 millions l’année précédente, soit une hausse de 38 %. La progression est
inégale selon les territoires. Elle atteint 52 % sur les lignes de cars qui desservent
les bourgs ruraux, où la voiture restait jusqu’ici la seule solution pour beaucoup de
ménages, et 29 % seulement dans les grandes agglomérations, où l’offre de bus était déjà
dense et où une partie des usagers bénéficiait de tarifs réduits.</p>

<p>Les magistrats relèvent que cette hausse ne s’explique pas seulement par la gratuité.
La région a, dans le même temps, renforcé la fréquence de vingt-trois lignes et ouvert
quatre liaisons nouvelles entre des villes moyennes. «&nbsp;Il est impossible d’isoler
avec certitude l’effet propre du prix&nbsp;», écrivent-ils, tout en estimant qu’il
représente «&nbsp;au moins les deux tiers&nbsp;» de la progression observée.</p>

<p>Les enquêtes menées à bord apportent un éclairage plus fin. Un nouvel usager sur
trois déclare avoir renoncé à un trajet en voiture, un sur quatre prenait auparavant le
train ou le vélo, et le reste correspond à des déplacements qui n’auraient pas eu lieu
du tout&nbsp;: visites familiales, sorties, démarches administratives. Cette dernière
catégorie, souvent oubliée dans les projections, pèse lourd chez les retraités et les
jeunes de moins de vingt-cinq ans.</p>

<h2>Une facture inférieure aux prévisions</h2>

<p>Au moment du vote, l’exécutif régional avait chiffré le coût de la mesure à
74 millions d’euros par an, correspondant pour l’essentiel aux recettes de billetterie
abandonnées. L’opposition avançait alors un montant deux fois plus élevé, en intégrant
les bus supplémentaires qu’il faudrait acheter pour absorber l’afflux de voyageurs.</p>

<p>Selon la chambre, la facture réelle de la première année s’établit à 68,3 millions
d’euros. Les recettes perdues ont été un peu moins importantes que prévu, parce qu’une
part croissante des abonnements était déjà prise en charge par les employeurs ou par les
communes. Surtout, la suppression des titres de transport a permis des économies que
personne n’avait vraiment chiffrées&nbsp;: fin des contrats de maintenance des
distributeurs automatiques, réduction des équipes de contrôle, disparition des frais
bancaires sur les paiements par carte. Ces économies atteignent 9,4 millions d’euros sur
l’année.</p>

<blockquote><p>«&nbsp;La gratuité n’est pas gratuite, mais elle coûte moins cher que ce
que l’on redoutait. La vraie question est celle de la durée&nbsp;», résume un magistrat
qui a participé à l’instruction.</p></blockquote>

<h2>Des investissements repoussés</h2>

<p>Le rapport se montre nettement plus réservé sur la suite. Pour faire face à la
hausse de la fréquentation, la région a dû louer quarante-deux cars à des transporteurs
privés, une solution jugée «&nbsp;coûteuse et fragile&nbsp;». Le plan d’achat de
véhicules neufs, qui prévoyait initialement le renouvellement de la flotte la plus
ancienne par des cars électriques ou au biogaz, a été décalé de deux ans faute de
crédits. Les magistrats y voient un risque&nbsp;: la qualité du service pourrait se
dégrader si les véhicules vieillissants tombent plus souvent en panne.</p>

<p>Autre point de vigilance, le financement repose en partie sur une hausse du
versement mobilité acquitté par les entreprises de plus de onze salariés, votée en
même temps que la gratuité. Or son produit dépend directement de la masse salariale.
En cas de ralentissement économique, préviennent les auteurs, la région pourrait se
retrouver face à un trou de plusieurs dizaines de millions d’euros, sans marge de
manœuvre pour le combler.</p>

<h2>Les usagers satisfaits, les chauffeurs plus partagés</h2>

<p>Du côté des voyageurs, le bilan est largement positif. Dans une enquête commandée
par la région auprès de trois mille usagers, 87 % se disent satisfaits ou très
satisfaits du réseau, un niveau jamais atteint depuis la création des premières lignes
régionales. Les critiques portent surtout sur l’affluence aux heures de pointe, sur
certaines lignes scolaires où des élèves restent parfois debout, et sur la ponctualité
des cars dans les zones où la circulation est la plus dense.</p>

<p>Les conducteurs sont plus mesurés. Les syndicats du secteur reconnaissent que la fin
des contrôles et des ventes à bord a supprimé une source de tensions quotidiennes avec
les passagers, mais ils dénoncent des cadences plus lourdes et des temps de battement
réduits au terminus. Une intersyndicale a déposé un préavis de grève pour la rentrée,
réclamant l’embauche de soixante chauffeurs supplémentaires et une revalorisation des
primes de service.</p>

<h2>Un modèle qui intéresse d’autres régions</h2>

<p>L’expérience est suivie de près ailleurs en France. Deux autres exécutifs régionaux
ont demandé à consulter les données de fréquentation, et plusieurs métropoles étudient
une gratuité partielle, limitée aux week-ends ou aux moins de vingt-six ans. Au
ministère des transports, on rappelle que l’État n’a pas vocation à financer ce type de
mesure, qui relève de la libre administration des collectivités.</p>

<p>Le président de la région, lui, se félicite d’un rapport qui «&nbsp;démonte les
caricatures&nbsp;». L’opposition retient au contraire les mises en garde sur
l’investissement et réclame un audit indépendant de la flotte. Le débat reprendra en
séance plénière le mois prochain, lors de l’examen des orientations budgétaires, où la
majorité devra dire comment elle entend financer l’achat des nouveaux cars promis
pendant la campagne.</p>

<p>En attendant, la chambre régionale des comptes recommande de publier chaque trimestre
des indicateurs détaillés par ligne et par territoire, afin que chacun puisse juger sur
pièces. La région s’est engagée à mettre ces données en ligne dès l’automne, dans un
format ouvert et réutilisable.</p>
"""

# A few approved comments, as an article of the day would have (the page then shows the
# thread and the form, as every reader sees it).
COMMENTS = [
    (
        "Martine R.",
        "J’habite à vingt kilomètres de la préfecture : depuis la gratuité, je laisse la "
        "voiture au garage trois jours par semaine. Le car de 7 h 10 est plein, par contre.",
    ),
    (
        "Julien",
        "Le rapport dit aussi que les achats de cars sont repoussés : c’est là que ça "
        "coincera dans deux ou trois ans.",
    ),
    (
        "Sophie L.",
        "Merci pour cet article clair. Le chiffre des économies sur la billetterie, on ne "
        "l’avait lu nulle part ailleurs.",
    ),
]
